import { InputError } from '@mrnet/options';

/**
 * A PyTorch checkpoint could not be read: not a zip written by `torch.save` (or a legacy pre-1.6
 * file), a corrupt or truncated archive or pickle, a storage of a dtype other than float32, or a
 * state dict without the tensors MRNet needs. `path` names the file (or `<bytes>`).
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readTorchCheckpoint, TorchCheckpointError } from '@mrnet/model';
 * try {
 *   readTorchCheckpoint(readFileSync('old.pth'), { path: 'old.pth' });
 * } catch (e) {
 *   if (e instanceof TorchCheckpointError) console.error(e.path, e.message);
 * }
 * ```
 */
export class TorchCheckpointError extends InputError {
  /** The checkpoint file the error is about (`<bytes>` when no path was given). */
  declare readonly path: string;
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(`${path}: ${message}`, { ...options, path });
    this.name = 'TorchCheckpointError';
  }
}

/**
 * A checkpoint holds AlexNet's `features` but no MRNet head (`classifer.weight` /
 * `classifer.bias`): a torchvision AlexNet, usable as a backbone to start training from
 * (`backboneWeightsFromCheckpoint`, or `trainPlaneModel`'s `pretrained` option), not as a
 * finished MRNet.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { mrnetWeightsFromCheckpoint, AlexNetOnlyCheckpointError } from '@mrnet/model';
 * try {
 *   mrnetWeightsFromCheckpoint(readFileSync('alexnet.pth'), { path: 'alexnet.pth' });
 * } catch (e) {
 *   if (e instanceof AlexNetOnlyCheckpointError) console.error(`${e.path} is a backbone only`);
 * }
 * ```
 */
export class AlexNetOnlyCheckpointError extends TorchCheckpointError {
  constructor(path: string) {
    super(
      path,
      'no MRNet head (classifer.weight / classifer.bias): an AlexNet-only checkpoint; read its backbone with backboneWeightsFromCheckpoint, or train from it with trainPlaneModel\'s pretrained option',
    );
    this.name = 'AlexNetOnlyCheckpointError';
  }
}
