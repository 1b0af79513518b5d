import { readNpyFile } from '../npy/read-npy-file.js';
import { toVolume, type Volume, type VolumeOptions } from './to-volume.js';

/**
 * Reads a `.npy` volume (`s×H×W`, H and W ≥ 63) as a `Float32Array` with the chosen intensity
 * normalisation: {@link readNpyFile} then {@link toVolume}. Malformed files and wrong shapes throw
 * `NpyFormatError` naming the file.
 *
 * @example
 * ```ts
 * import { readVolumeFile } from '@mrnet/data/node';
 * const { data, shape } = await readVolumeFile('MRNet-v1.0/valid/coronal/1130.npy', { intensity: 'none' });
 * ```
 */
export async function readVolumeFile(path: string, options: Omit<VolumeOptions, 'path'> = {}): Promise<Volume> {
  return toVolume(await readNpyFile(path), { ...options, path });
}
