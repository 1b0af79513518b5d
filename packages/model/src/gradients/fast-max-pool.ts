import * as tf from '@tensorflow/tfjs-core';

/**
 * `tf.maxPool(x, size, stride, 'valid')` whose gradient scatters `dy` to the arg-max positions
 * found by `tf.maxPoolWithArgmax` (run in the backward pass only) — on wasm about 2–3× faster than its `MaxPoolGrad` kernel.
 * For `x ≥ 0` (a ReLU's output) the gradient of `pool ∘ relu` equals tfjs's own: windows whose
 * maximum is positive (unique or tied) route `dy` to the same position as tfjs's `MaxPoolGrad`;
 * windows whose maximum is 0 route nothing (tfjs routes it to a zero of the ReLU, which drops it).
 * Not for inputs with negative values: windows with a negative maximum get no gradient.
 *
 * @param x - `[N, H, W, C]`, the output of a ReLU (all values ≥ 0).
 * @param size - square window size.
 * @param stride - stride, both axes.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { fastMaxPool } from '@mrnet/model';
 * const y = fastMaxPool(tf.relu(tf.randomNormal([1, 7, 7, 2])) as tf.Tensor4D, 3, 2); // [1, 3, 3, 2]
 * ```
 */
export function fastMaxPool(x: tf.Tensor4D, size: number, stride: number): tf.Tensor4D {
  const op = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
    const y = tf.maxPool(xi, size, stride, 'valid');
    save([xi, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ys] = saved as [tf.Tensor4D, tf.Tensor4D];
        // Arg-max positions only when a gradient is asked for: inference keeps the cheaper maxPool.
        const indexes = tf.maxPoolWithArgmax(xs, size, stride, 'valid', true).indexes!; // always returned: {result, indexes}
        // wasm's MaxPoolWithArgmax (4.22) returns a wrong index and value for a window whose maximum
        // is ≤ 0: such windows (all zeros after a ReLU) send no gradient — the ReLU would drop it.
        const live = tf.mul(dy, tf.step(ys));
        const flat = tf.scatterND(tf.reshape(indexes, [-1, 1]), tf.reshape(live, [-1]), [xs.size]);
        return [tf.reshape(flat, xs.shape)];
      },
    };
  }));
  return op(x) as tf.Tensor4D;
}
