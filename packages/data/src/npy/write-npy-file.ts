import { writeFileAtomic } from '@mrnet/options/node';
import type { NpyDtype, NpyTypedArray } from './dtype.js';
import { writeNpy } from './write-npy.js';

/**
 * Writes a typed array to a `.npy` file (see {@link writeNpy}), atomically: the bytes go to a
 * temporary file beside `path` that is then renamed over it, so a crash never leaves half a file.
 *
 * @example
 * ```ts
 * import { writeNpyFile } from '@mrnet/data/node';
 * await writeNpyFile('volume.npy', new Uint8Array(2 * 64 * 64), [2, 64, 64]);
 * ```
 */
export async function writeNpyFile(path: string, array: NpyTypedArray | Uint8ClampedArray, shape: readonly number[], dtype?: NpyDtype): Promise<void> {
  const bytes = writeNpy(array, shape, dtype);
  await writeFileAtomic(path, bytes, { mkdir: false });
}
