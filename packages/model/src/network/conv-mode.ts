import * as tf from '@tensorflow/tfjs-core';

/**
 * How convolution gradients are computed: `'fast'` = forward convolutions through `tf.customGrad`
 * (needed on wasm), `'native'` = the backend's own kernels, `'auto'` = fast on wasm, native elsewhere.
 *
 * @example
 * ```ts
 * import { createMRNet, type ConvGradients } from '@mrnet/model';
 * const mode: ConvGradients = 'native';
 * const net = createMRNet({ seed: 1, convGradients: mode });
 * ```
 */
export type ConvGradients = 'auto' | 'fast' | 'native';

/** @internal Resolves `'auto'` against the active backend. */
export function useFastGradients(mode: ConvGradients): boolean {
  if (mode === 'auto') return tf.getBackend() === 'wasm';
  return mode === 'fast';
}
