import * as tf from '@tensorflow/tfjs-core';

/**
 * Labels or weights: a tensor of the logits' shape, or a flat array of the logits' size.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { weightedBceWithLogits, type TensorOrValues } from '@mrnet/train';
 * const labels: TensorOrValues = [1];
 * const weights: TensorOrValues = new Float32Array([3.2]); // neg/pos of the training split
 * weightedBceWithLogits(tf.tensor1d([0.4]), labels, weights).print();
 * ```
 */
export type TensorOrValues = tf.Tensor | readonly number[] | Float32Array;

function asTensor(fn: string, what: string, v: TensorOrValues, like: tf.Tensor): tf.Tensor {
  if (v instanceof tf.Tensor) {
    if (!tf.util.arraysEqual(v.shape, like.shape)) {
      throw new RangeError(`${fn}: ${what} has shape [${v.shape.join(', ')}] but logits have [${like.shape.join(', ')}]`);
    }
    return v.dtype === 'float32' ? v : tf.cast(v, 'float32');
  }
  if (!Array.isArray(v) && !(v instanceof Float32Array)) {
    throw new TypeError(`${fn}: ${what} must be a tf.Tensor, number[] or Float32Array`);
  }
  if (v.length !== like.size) {
    throw new RangeError(`${fn}: ${what} has ${v.length} values but logits have ${like.size}`);
  }
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'number' || !Number.isFinite(v[i])) {
      throw new RangeError(`${fn}: ${what}[${i}] = ${String(v[i])} is not a finite number`);
    }
  }
  return tf.tensor(v as number[] | Float32Array, like.shape, 'float32');
}

/**
 * Weighted binary cross-entropy on logits, mean-reduced, equal to PyTorch's
 * `F.binary_cross_entropy_with_logits(logits, labels, weight=weights)`:
 * `mean(w · (max(x, 0) − x·y + log(1 + exp(−|x|))))`, which never overflows (|x| = 100 is fine).
 * Its gradient is the analytic `w · (sigmoid(x) − y) / n` (as PyTorch's), also at x = 0.
 *
 * The seed calls it per exam with logits, labels and weights of shape `[1]`, the weight being
 * `[1, neg/pos][label]`. Labels may be soft (in [0, 1]). Runs in `tf.tidy`; returns a scalar.
 *
 * @param logits - any shape, float32
 * @param labels - same shape (or a flat array of the same size)
 * @param weights - same shape (or a flat array); omitted means 1 everywhere
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { weightedBceWithLogits } from '@mrnet/train';
 * const loss = weightedBceWithLogits(tf.tensor1d([0.3]), [1], [2.5]);
 * loss.dataSync()[0]; // 1.38588…, as torch
 * ```
 */
export function weightedBceWithLogits(logits: tf.Tensor, labels: TensorOrValues, weights?: TensorOrValues): tf.Scalar {
  const fn = 'weightedBceWithLogits';
  if (!(logits instanceof tf.Tensor)) throw new TypeError(`${fn}: logits must be a tf.Tensor`);
  if (logits.size === 0) throw new RangeError(`${fn}: logits are empty (shape [${logits.shape.join(', ')}])`);
  return tf.tidy(() => {
    const x = logits.dtype === 'float32' ? logits : tf.cast(logits, 'float32');
    const y = asTensor(fn, 'labels', labels, x);
    const w = weights === undefined ? tf.ones(x.shape, 'float32') : asTensor(fn, 'weights', weights, x);
    const n = x.size;
    const lossFn = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const [xi, yi, wi, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
      const base = tf.add(tf.sub(tf.relu(xi), tf.mul(xi, yi)), tf.log1p(tf.exp(tf.neg(tf.abs(xi)))));
      save([xi, yi, wi, base]);
      return {
        value: tf.mean(tf.mul(wi, base)),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [sx, sy, sw, sb] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
          const scale = tf.div(dy, n);
          return [
            tf.mul(scale, tf.mul(sw, tf.sub(tf.sigmoid(sx), sy))),
            tf.mul(scale, tf.neg(tf.mul(sw, sx))),
            tf.mul(scale, sb),
          ];
        },
      };
    });
    return lossFn(x, y, w) as tf.Scalar;
  });
}
