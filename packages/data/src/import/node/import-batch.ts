import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { examFileName } from '../../dataset/layout.js';
import { labelCsvPath } from '../../dataset/paths.js';
import { writeNpyFile } from '../../npy/write-npy-file.js';
import { PLANES, type Plane, type Split } from '../../types.js';
import { parseExamLabels } from '../exam-labels.js';
import { ImportError } from '../import-error.js';
import { importDicomFolder } from './read-dicom-folder.js';
import { isEmptyOrMissing } from './write-exam.js';

/**
 * Options of {@link importDicomBatch}.
 *
 * @example
 * ```ts
 * const o: ImportBatchOptions = { from: 'exports', labels: 'labels.csv', out: 'MyKnees', split: 'train' };
 * ```
 */
export interface ImportBatchOptions {
  /** Folder holding one sub-folder of DICOM files per exam. */
  from: string;
  /** CSV with a header `exam,id,` and task columns (see {@link parseExamLabels}). */
  labels: string;
  /** Dataset root to write (MRNet-v1.0 layout). */
  out: string;
  split: Split;
  /** Replace an existing split. Default false. */
  overwrite?: boolean;
  /** SeriesInstanceUID per plane, as `--series` (rarely useful across exams). */
  series?: Partial<Record<Plane, string>>;
  /** Called after each exam, for progress lines. */
  onExam?: (done: number, total: number, exam: string, id: number) => void;
}

/**
 * Imports one DICOM folder per exam into an MRNet-v1.0 split: `out/{split}/{plane}/{NNNN}.npy`,
 * `out/{split}-{task}.csv` (`id,label` rows, MRNet's format) for each task column of the labels
 * CSV, and each exam's report as `out/{split}/import/{NNNN}.json`. The split is built in a
 * temporary folder and moved into place at the end, so a failing exam (the error names it) leaves
 * `out` unchanged. An existing split is refused unless `overwrite`; the other split is never touched.
 *
 * @example
 * ```ts
 * import { importDicomBatch } from '@mrnet/data/node';
 * await importDicomBatch({ from: 'exports/train', labels: 'train-labels.csv', out: 'MyKnees', split: 'train' });
 * ```
 */
export async function importDicomBatch(options: ImportBatchOptions): Promise<{ exams: number; tasks: string[] }> {
  const { from, out, split } = options;
  const text = await readFile(options.labels, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new ImportError(`--labels ${options.labels}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`, { path: options.labels });
  });
  const { tasks, rows } = parseExamLabels(text, options.labels);
  const splitDir = join(out, split);
  const csvs = tasks.map((t) => labelCsvPath(out, split, t));
  if (!options.overwrite) {
    if (!(await isEmptyOrMissing(splitDir))) throw new ImportError(`--out ${out}: ${splitDir} exists and is not empty; pass --overwrite to replace that split (nothing was changed)`, { path: splitDir });
    for (const c of csvs) if (await stat(c).catch(() => undefined)) throw new ImportError(`--out ${out}: ${c} exists; pass --overwrite to replace that split (nothing was changed)`, { path: c });
  }
  const missing = [];
  for (const r of rows) if (!(await stat(join(from, r.exam)).catch(() => undefined))?.isDirectory()) missing.push(join(from, r.exam));
  if (missing.length > 0) throw new ImportError(`${missing[0]}: no such exam folder (listed in ${options.labels}${missing.length > 1 ? `; ${missing.length - 1} more missing` : ''})`, { path: missing[0]! });
  await mkdir(out, { recursive: true });
  const tmp = join(out, `.${split}.${process.pid}.tmp`);
  await rm(tmp, { recursive: true, force: true });
  try {
    for (const p of [...PLANES, 'import']) await mkdir(join(tmp, p), { recursive: true });
    let done = 0;
    for (const r of rows) {
      const exam = importDicomFolder(join(from, r.exam), { series: options.series });
      const name = examFileName(r.id);
      for (const p of PLANES) await writeNpyFile(join(tmp, p, name), exam.volumes[p].data, exam.volumes[p].shape);
      await writeFile(join(tmp, 'import', name.replace(/\.npy$/, '.json')), `${JSON.stringify({ exam: r.exam, id: r.id, ...exam.report }, null, 2)}\n`);
      options.onExam?.(++done, rows.length, r.exam, r.id);
    }
    const csvTmp = tasks.map((t) => ({ final: labelCsvPath(out, split, t), tmp: join(tmp, `${split}-${t}.csv`), body: rows.map((r) => `${r.id},${r.labels[t]}\n`).join('') }));
    for (const c of csvTmp) await writeFile(c.tmp, c.body);
    await rm(splitDir, { recursive: true, force: true });
    for (const c of csvTmp) await rename(c.tmp, c.final);
    await rename(tmp, splitDir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  return { exams: rows.length, tasks };
}
