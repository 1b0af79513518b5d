import { TASKS, type Task } from '../types.js';
import { ImportError } from './import-error.js';

/**
 * One row of a batch import's labels CSV: the exam folder, its MRNet id and its labels.
 *
 * @example
 * ```ts
 * const row: ExamLabelRow = { exam: 'knee-007', id: 7, labels: { acl: 1 } };
 * ```
 */
export interface ExamLabelRow {
  exam: string;
  id: number;
  labels: Partial<Record<Task, 0 | 1>>;
}

/**
 * Parses the labels CSV of `mrnet import --from ROOT --labels labels.csv`: a header naming the
 * columns `exam` (folder under ROOT), `id` (non-negative integer, the MRNet id the files get) and
 * one or more of `abnormal`, `acl`, `meniscus` (0 or 1), in any order. Every problem is reported at
 * once with `file:line`.
 *
 * @example
 * ```ts
 * parseExamLabels('exam,id,acl\nknee-a,0,1\nknee-b,1,0\n', 'labels.csv');
 * // { tasks: ['acl'], rows: [{ exam: 'knee-a', id: 0, labels: { acl: 1 } }, …] }
 * ```
 */
export function parseExamLabels(text: string, path: string): { tasks: Task[]; rows: ExamLabelRow[] } {
  const lines = text.split(/\r?\n/).map((l, i) => ({ n: i + 1, cells: l.split(',').map((c) => c.trim()) })).filter((l) => l.cells.some((c) => c !== ''));
  const header = lines.shift();
  if (!header) throw new ImportError(`${path}: empty; expected a header exam,id,${TASKS.join(',')}`, { path });
  const col = (name: string): number => header.cells.indexOf(name);
  const tasks = TASKS.filter((t) => col(t) >= 0);
  if (col('exam') < 0 || col('id') < 0 || tasks.length === 0) {
    throw new ImportError(`${path}:1: header must name exam, id and at least one of ${TASKS.join(', ')} (got ${header.cells.join(',')})`, { path });
  }
  const problems: string[] = [];
  const rows: ExamLabelRow[] = [];
  const seenIds = new Map<number, number>();
  const seenExams = new Map<string, number>();
  for (const { n, cells } of lines) {
    const exam = cells[col('exam')] ?? '';
    const idText = cells[col('id')] ?? '';
    const id = /^\d+$/.test(idText) ? Number(idText) : NaN;
    if (exam === '' || exam.includes('/') || exam.includes('\\') || exam === '..') problems.push(`${path}:${n}: exam ${JSON.stringify(exam)} is not a folder name`);
    if (!Number.isSafeInteger(id)) problems.push(`${path}:${n}: id ${JSON.stringify(idText)} is not a non-negative integer`);
    else if (seenIds.has(id)) problems.push(`${path}:${n}: id ${id} already used on line ${seenIds.get(id)}`);
    else seenIds.set(id, n);
    if (seenExams.has(exam)) problems.push(`${path}:${n}: exam ${exam} already listed on line ${seenExams.get(exam)}`);
    else seenExams.set(exam, n);
    const labels: Partial<Record<Task, 0 | 1>> = {};
    for (const t of tasks) {
      const v = cells[col(t)];
      if (v === '0' || v === '1') labels[t] = Number(v) as 0 | 1;
      else problems.push(`${path}:${n}: ${t} label ${JSON.stringify(v ?? '')} is not 0 or 1`);
    }
    rows.push({ exam, id, labels });
  }
  if (rows.length === 0) problems.push(`${path}: no exams listed`);
  if (problems.length > 0) throw new ImportError(`${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''}`, { path });
  return { tasks, rows };
}
