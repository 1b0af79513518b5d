import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PLANES, examFileName, type Plane } from '@mrnet/data';
import { PredictionError } from '../extract/prediction-error.js';

/**
 * The three series files of one exam:
 * - without `id`: an exam folder holding `axial.npy`, `coronal.npy` and `sagittal.npy`;
 * - with `id`: a folder laid out as an MRNet-v1.0 split (`DATA/valid`), holding
 *   `{plane}/{id:04d}.npy` for each plane.
 *
 * @throws PredictionError naming the folder when it does not exist, or listing every missing file.
 * @example
 * ```ts
 * import { resolveExamFiles } from '@mrnet/stack';
 * await resolveExamFiles('MRNet-v1.0/valid', 1130); // { axial: 'MRNet-v1.0/valid/axial/1130.npy', … }
 * await resolveExamFiles('exam-42');                 // { axial: 'exam-42/axial.npy', … }
 * ```
 */
export async function resolveExamFiles(exam: string, id?: number): Promise<Record<Plane, string>> {
  if (typeof exam !== 'string' || exam === '') throw new TypeError(`resolveExamFiles: exam must be a non-empty string (got ${typeof exam})`);
  if (id !== undefined && !(Number.isSafeInteger(id) && id >= 0)) throw new RangeError(`resolveExamFiles: id must be a non-negative integer (got ${id})`);
  const s = await stat(exam).catch(() => undefined);
  if (!s?.isDirectory()) throw new PredictionError(`${exam}: ${s ? 'not a folder' : 'no such folder'} (expected an exam folder with axial.npy, coronal.npy, sagittal.npy, or a split folder with --id)`, { path: exam });
  const files = Object.fromEntries(PLANES.map((p) => [p, id === undefined ? join(exam, `${p}.npy`) : join(exam, p, examFileName(id))])) as Record<Plane, string>;
  const missing: string[] = [];
  for (const p of PLANES) {
    const f = await stat(files[p]).catch(() => undefined);
    if (!f?.isFile()) missing.push(files[p]);
  }
  if (missing.length > 0) {
    throw new PredictionError(`${missing.join(', ')}: missing (an exam needs all three planes: axial, coronal, sagittal)`, { path: missing[0]! });
  }
  return files;
}
