import * as tf from '@tensorflow/tfjs-core';
import { conv2dFilterGrad } from './conv2d-filter-grad.js';
import { conv2dInputGrad } from './conv2d-input-grad.js';

/**
 * Options of {@link fastConv2d}.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { fastConv2d, type FastConv2dOptions } from '@mrnet/model';
 * const options: FastConv2dOptions = { stride: 4, padding: 2, relu: true, inputGradient: false };
 * const y = fastConv2d(tf.zeros([1, 63, 63, 3]), tf.ones([11, 11, 3, 64]), tf.zeros([64]), options); // [1, 15, 15, 64]
 * ```
 */
export interface FastConv2dOptions {
  /** Stride, both axes. */
  stride: number;
  /** Symmetric zero padding, both axes. */
  padding: number;
  /** Apply ReLU after the bias (fused). Default true. */
  relu?: boolean;
  /**
   * Compute the gradient with respect to the input. Default true. Set false for a network's first
   * layer: its input needs no gradient, and zeros are returned for it instead.
   */
  inputGradient?: boolean;
}

/**
 * `relu(conv2d(x, filter) + bias)` (NHWC, HWIO) whose gradients are computed with forward
 * convolutions only ({@link conv2dFilterGrad}, {@link conv2dInputGrad}) through `tf.customGrad`.
 * This is what makes training fast on the wasm backend, which lacks `Conv2DBackpropFilter` and runs
 * `Conv2DBackpropInput` as a naive loop. Values equal `tf.fused.conv2d`'s.
 *
 * @param x - `[N, H, W, Cin]`.
 * @param filter - `[k, k, Cin, Cout]`.
 * @param bias - `[Cout]`.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { fastConv2d } from '@mrnet/model';
 * const f = tf.variable(tf.randomNormal([3, 3, 1, 4]));
 * const b = tf.variable(tf.zeros([4]));
 * const x = tf.randomNormal([2, 9, 9, 1]) as tf.Tensor4D;
 * const { grads } = tf.variableGrads(() => tf.sum(fastConv2d(x, f as tf.Tensor4D, b as tf.Tensor1D, { stride: 1, padding: 1 })));
 * ```
 */
export function fastConv2d(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D, options: FastConv2dOptions): tf.Tensor4D {
  const { stride, padding } = options;
  const relu = options.relu ?? true;
  const inputGradient = options.inputGradient ?? true;
  const k = filter.shape[0];
  const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [padding, padding], [padding, padding], [0, 0]];
  const op = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, fi, bi, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const y = tf.fused.conv2d({
      x: xi as tf.Tensor4D,
      filter: fi as tf.Tensor4D,
      bias: bi,
      strides: stride,
      pad,
      activation: relu ? 'relu' : 'linear',
    });
    save([xi, fi, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, fs, ys] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
        const g = (relu ? tf.mul(dy, tf.step(ys)) : dy) as tf.Tensor4D;
        const db = tf.sum(g, [0, 1, 2]);
        const dW = conv2dFilterGrad(xs, g, k, stride, padding);
        const dX = inputGradient ? conv2dInputGrad(g, fs, xs.shape, stride, padding) : tf.zerosLike(xs);
        return [dX, dW, db];
      },
    };
  }));
  return op(x, filter, bias) as tf.Tensor4D;
}
