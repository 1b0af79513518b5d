import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeNpyFile } from '../../npy/write-npy-file.js';
import { PLANES } from '../../types.js';
import { ImportError } from '../import-error.js';
import type { ImportedExam } from '../types.js';

/**
 * Whether `dir` is missing or an empty folder (a file there counts as not empty).
 *
 * @example
 * ```ts
 * if (!(await isEmptyOrMissing('exam'))) throw new Error('exam: not empty');
 * ```
 */
export async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true;
    if (code === 'ENOTDIR') return false;
    throw e;
  }
}

/**
 * Writes an imported exam as MRNet expects one: `dir/{axial,coronal,sagittal}.npy` (uint8,
 * `[s, 256, 256]`) and `dir/import.json`. Refuses (ImportError) a folder that exists and is not
 * empty unless `overwrite`; the files are written to a temporary folder beside `dir` that then
 * replaces it, so a failure leaves `dir` as it was.
 *
 * @example
 * ```ts
 * import { importDicomFolder, writeImportedExam } from '@mrnet/data/node';
 * await writeImportedExam('exam-042', importDicomFolder('PACS-export/knee-042'));
 * ```
 */
export async function writeImportedExam(dir: string, exam: ImportedExam, options: { overwrite?: boolean } = {}): Promise<void> {
  if (!options.overwrite && !(await isEmptyOrMissing(dir))) {
    throw new ImportError(`--out ${dir}: exists and is not empty; choose a new folder or pass --overwrite (nothing was changed)`, { path: dir });
  }
  await mkdir(dirname(dir), { recursive: true });
  const tmp = join(dirname(dir), `.${basename(dir)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  await mkdir(tmp);
  try {
    for (const p of PLANES) await writeNpyFile(join(tmp, `${p}.npy`), exam.volumes[p].data, exam.volumes[p].shape);
    await writeFile(join(tmp, 'import.json'), `${JSON.stringify(exam.report, null, 2)}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}
