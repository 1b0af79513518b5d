import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PLANES, type Plane } from '@mrnet/data';
import { QueueInputError } from '../errors.js';

/**
 * One exam of a batch: its key (the id column of the CSV) and its three series.
 *
 * @example
 * ```ts
 * const exam: BatchExam = { key: '1130', files: { axial: 'valid/axial/1130.npy', coronal: 'valid/coronal/1130.npy', sagittal: 'valid/sagittal/1130.npy' } };
 * ```
 */
export interface BatchExam {
  key: string;
  files: Record<Plane, string>;
}

const isDir = (p: string): Promise<boolean> => stat(p).then((s) => s.isDirectory(), () => false);
const isFile = (p: string): Promise<boolean> => stat(p).then((s) => s.isFile(), () => false);

/**
 * Orders exam keys as people expect: numerically when every key is a number (`2` before `10`),
 * else by code point.
 *
 * @example
 * ```ts
 * import { compareExamKeys } from '@mrnet/queue';
 * ['10', '2'].sort(compareExamKeys); // ['2', '10']
 * ```
 */
export function compareExamKeys(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The exams of a folder, in key order: an MRNet split folder (`DIR/{axial,coronal,sagittal}/NNNN.npy`,
 * key = the file's number without padding) or a folder of exam folders (`DIR/NAME/{plane}.npy`,
 * key = NAME). Absolute paths.
 *
 * @throws QueueInputError when the folder is missing, holds no exam, or an exam lacks a plane.
 * @example
 * ```ts
 * import { listExams } from '@mrnet/queue';
 * const exams = await listExams('MRNet-v1.0/valid');
 * ```
 */
export async function listExams(dir: string): Promise<BatchExam[]> {
  const root = resolve(dir);
  if (!(await isDir(root))) throw new QueueInputError(`--exams: ${dir}: no such folder`, { path: dir });
  const exams: BatchExam[] = [];
  const problems: string[] = [];
  if ((await Promise.all(PLANES.map((p) => isDir(join(root, p))))).every(Boolean)) {
    const names = (await readdir(join(root, 'sagittal'))).filter((n) => /^\d+\.npy$/.test(n));
    for (const name of names) {
      const files = Object.fromEntries(PLANES.map((p) => [p, join(root, p, name)])) as Record<Plane, string>;
      for (const p of PLANES) if (!(await isFile(files[p]))) problems.push(files[p]);
      exams.push({ key: String(Number(name.slice(0, -4))), files });
    }
  } else {
    for (const entry of await readdir(root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const files = Object.fromEntries(PLANES.map((p) => [p, join(root, entry.name, `${p}.npy`)])) as Record<Plane, string>;
      const have = await Promise.all(PLANES.map((p) => isFile(files[p])));
      if (have.every((h) => !h)) continue;
      PLANES.forEach((p, i) => { if (!have[i]) problems.push(files[p]); });
      exams.push({ key: entry.name, files });
    }
  }
  if (problems.length > 0) throw new QueueInputError(`--exams: ${problems[0]}: missing (an exam needs axial, coronal and sagittal)${problems.length > 1 ? `, and ${problems.length - 1} more` : ''}`, { path: problems[0]! });
  if (exams.length === 0) throw new QueueInputError(`--exams: ${dir}: no exams (expected {axial,coronal,sagittal}/NNNN.npy or one folder per exam with axial.npy, coronal.npy, sagittal.npy)`, { path: dir });
  return exams.sort((a, b) => compareExamKeys(a.key, b.key));
}
