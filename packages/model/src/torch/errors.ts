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
