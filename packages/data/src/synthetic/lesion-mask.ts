import type { SliceLesion } from './knee-phantom.js';

/**
 * Decodes a slice's run-length lesion mask (from a synthetic dataset's lesion file) into a
 * `Uint8Array` of `height × width` (1 inside the lesion) — e.g. to check that a class activation
 * map peaks inside a tear, or to compute its IoU with the tear.
 *
 * @throws RangeError if a run falls outside the slice.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { decodeLesionMask } from '@mrnet/data';
 * import { type SyntheticLesionFile } from '@mrnet/data/node';
 * const f = JSON.parse(readFileSync('/tmp/synth/lesions/valid/0065.json', 'utf8')) as SyntheticLesionFile;
 * const tear = f.planes.sagittal.lesions.aclTear?.perSlice[0];
 * if (tear) decodeLesionMask(tear, 128, 128); // 1 where the tear is
 * ```
 */
export function decodeLesionMask(lesion: Pick<SliceLesion, 'rle'>, height: number, width: number): Uint8Array {
  const n = height * width;
  const mask = new Uint8Array(n);
  const { rle } = lesion;
  for (let i = 0; i + 1 < rle.length; i += 2) {
    const start = rle[i]!;
    const len = rle[i + 1]!;
    if (!(Number.isInteger(start) && Number.isInteger(len) && start >= 0 && len >= 0 && start + len <= n)) {
      throw new RangeError(`decodeLesionMask: run [${start}, ${len}] falls outside the ${height}×${width} slice`);
    }
    mask.fill(1, start, start + len);
  }
  return mask;
}
