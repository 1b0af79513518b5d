import * as tf from '@tensorflow/tfjs-core';
import { convAxis } from './conv-geometry.js';

/** Inserts `stride − 1` zeros between the rows and columns of `dy`, plus `stride − 1` after the last. */
function dilate(dy: tf.Tensor4D, stride: number): tf.Tensor4D {
  const [n, ho, wo, c] = dy.shape;
  const t = tf.reshape(dy, [n, ho, 1, wo, 1, c]);
  const p = tf.pad(t, [[0, 0], [0, 0], [0, stride - 1], [0, 0], [0, stride - 1], [0, 0]]);
  return tf.reshape(p, [n, ho * stride, wo * stride, c]);
}

/**
 * Gradient of a 2-D convolution with respect to its input, computed as one *forward*
 * convolution of the (stride-dilated, padded) output gradient with the flipped, in/out-transposed
 * filter — avoiding wasm's naive `Conv2DBackpropInput`. Input rows that no window reaches (when
 * `(H + 2·pad − k) % stride ≠ 0`) get zero gradient, as in PyTorch.
 *
 * @param dy - gradient of the output `[N, Ho, Wo, Cout]`.
 * @param filter - `[k, k, Cin, Cout]` (HWIO).
 * @param inputShape - `[N, H, W, Cin]`.
 * @param stride - stride (both axes).
 * @param pad - symmetric zero padding (both axes), at most k − 1.
 * @returns `[N, H, W, Cin]`.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { conv2dInputGrad } from '@mrnet/model';
 * const dx = conv2dInputGrad(tf.ones([1, 8, 8, 4]), tf.ones([3, 3, 2, 4]), [1, 8, 8, 2], 1, 1);
 * ```
 */
export function conv2dInputGrad(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  inputShape: [number, number, number, number],
  stride: number,
  pad: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, cin] = inputShape;
    const k = filter.shape[0];
    if (pad > k - 1) throw new RangeError(`conv2dInputGrad: padding ${pad} must be at most kernel − 1 = ${k - 1}`);
    const ah = convAxis(h, k, stride, pad);
    const aw = convAxis(w, k, stride, pad);
    if (dy.shape[0] !== n || dy.shape[1] !== ah.out || dy.shape[2] !== aw.out || filter.shape[2] !== cin) {
      throw new RangeError(`conv2dInputGrad: dy [${dy.shape}] / filter [${filter.shape}] do not match input [${inputShape}]`);
    }
    const wF = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D; // [k, k, Cout, Cin]
    const d = stride > 1 ? dilate(dy, stride) : dy; // stride − 1 trailing zeros when stride > 1
    const trail = stride - 1;
    const top = k - 1 - pad;
    const bottom = k - 1 - pad + ah.leftover - trail;
    const right = k - 1 - pad + aw.leftover - trail;
    let src = d;
    if (bottom < 0 || right < 0) {
      src = tf.slice(d, [0, 0, 0, 0], [n, d.shape[1] + Math.min(0, bottom), d.shape[2] + Math.min(0, right), d.shape[3]]);
    }
    return tf.conv2d(src, wF, 1, [[0, 0], [top, Math.max(0, bottom)], [top, Math.max(0, right)], [0, 0]]);
  });
}
