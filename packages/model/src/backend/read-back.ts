import * as tf from '@tensorflow/tfjs-core';

/**
 * Downloads tensors' values to the host so that `dataSync()`/`arraySync()` work on them afterwards:
 * the WebGPU backend cannot read synchronously under Node (its synchronous path needs a browser's
 * `OffscreenCanvas`), but once `data()` has resolved it answers from the host copy. On the other
 * backends this does nothing. Call it right before the synchronous reads (any op in between makes
 * new tensors, not yet downloaded).
 *
 * @example
 * ```ts
 * import { createMRNet, initBackend, readBack } from '@mrnet/model';
 * await initBackend('webgpu');
 * const net = createMRNet({ seed: 1 });
 * await readBack(net.variables);
 * const weights = net.getWeights(); // sync reads, now served from the host copies
 * ```
 */
export async function readBack(tensors: readonly tf.Tensor[]): Promise<void> {
  if (tf.getBackend() !== 'webgpu') return;
  await Promise.all(tensors.map((t) => t.data()));
}
