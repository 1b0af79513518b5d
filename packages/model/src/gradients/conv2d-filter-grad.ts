import * as tf from '@tensorflow/tfjs-core';
import { convAxis } from './conv-geometry.js';

/**
 * Gradient of a 2-D convolution with respect to its filter, computed as one *forward*
 * convolution (fast on every backend, unlike wasm's missing `Conv2DBackpropFilter`):
 * the batch plays the role of channels, `dW = conv2d(xᵀ, dyᵀ)` with dilation = stride.
 *
 * @param x - input `[N, H, W, Cin]` (NHWC).
 * @param dy - gradient of the output `[N, Ho, Wo, Cout]`.
 * @param kernel - square kernel size k.
 * @param stride - stride (both axes).
 * @param pad - symmetric zero padding (both axes).
 * @returns `[k, k, Cin, Cout]` (HWIO).
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { conv2dFilterGrad } from '@mrnet/model';
 * const dW = conv2dFilterGrad(tf.ones([1, 8, 8, 2]), tf.ones([1, 8, 8, 4]), 3, 1, 1); // [3, 3, 2, 4]
 * ```
 */
export function conv2dFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, kernel: number, stride: number, pad: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, cin] = x.shape;
    const ah = convAxis(h, kernel, stride, pad);
    const aw = convAxis(w, kernel, stride, pad);
    if (dy.shape[0] !== n || dy.shape[1] !== ah.out || dy.shape[2] !== aw.out) {
      throw new RangeError(`conv2dFilterGrad: dy shape [${dy.shape}] does not match input [${x.shape}] with k=${kernel}, stride=${stride}, pad=${pad}`);
    }
    // Rows beyond the last window (leftover) are cut from the far-side padding, or from x itself.
    let xs: tf.Tensor4D = x;
    const cutH = Math.max(0, ah.leftover - pad);
    const cutW = Math.max(0, aw.leftover - pad);
    if (cutH > 0 || cutW > 0) xs = tf.slice(x, [0, 0, 0, 0], [n, h - cutH, w - cutW, cin]);
    const padB = Math.max(0, pad - ah.leftover);
    const padR = Math.max(0, pad - aw.leftover);
    const xT = tf.transpose(xs, [3, 1, 2, 0]) as tf.Tensor4D; // [Cin, H, W, N]
    const dyT = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [Ho, Wo, N, Cout]
    const r = tf.conv2d(xT, dyT, 1, [[0, 0], [pad, padB], [pad, padR], [0, 0]], 'NHWC', stride); // [Cin, k, k, Cout]
    if (r.shape[1] !== kernel || r.shape[2] !== kernel) {
      throw new Error(`conv2dFilterGrad: internal geometry error, got [${r.shape}] for k=${kernel}`);
    }
    return tf.transpose(r, [1, 2, 0, 3]) as tf.Tensor4D;
  });
}
