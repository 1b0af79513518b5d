import * as tf from '@tensorflow/tfjs-core';
import { fastConv2d } from '../gradients/fast-conv2d.js';
import { fastMaxPool } from '../gradients/fast-max-pool.js';
import { ALEXNET_POOL, type ConvSpec } from './specs.js';

/**
 * One AlexNet stage: `relu(conv(x) + b)`, then a 3×3/2 max-pool when the spec says so. NHWC.
 * `fast`: gradients through {@link fastConv2d} and {@link fastMaxPool} (for wasm).
 * @internal
 */
export function convBlock(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  bias: tf.Tensor1D,
  spec: ConvSpec,
  fast: boolean,
  inputGradient: boolean,
): tf.Tensor4D {
  const p = spec.padding;
  const y = fast
    ? fastConv2d(x, kernel, bias, { stride: spec.stride, padding: p, relu: true, inputGradient })
    : tf.fused.conv2d({ x, filter: kernel, bias, strides: spec.stride, pad: [[0, 0], [p, p], [p, p], [0, 0]], activation: 'relu' });
  if (!spec.poolAfter) return y;
  return fast ? fastMaxPool(y, ALEXNET_POOL.size, ALEXNET_POOL.stride) : tf.maxPool(y, ALEXNET_POOL.size, ALEXNET_POOL.stride, 'valid');
}
