import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { parseOptions } from '@mrnet/options';
import { DatasetError } from '../errors.js';
import { PLANES, SPLITS, TASKS, type Plane, type Split, type Task } from '../types.js';
import { classWeightsFromLabels } from './class-weights.js';
import { readLabelCsv } from './read-label-csv.js';
import { examFileName } from './layout.js';
import { examPlanePath, labelCsvPath } from './paths.js';
import { listPlaneFiles } from './plane-files.js';

/**
 * One exam of a split for one task: its label, its training weight and its three series.
 *
 * @example
 * ```ts
 * const item: ExamItem = (await openMRNetDataset(root, { split: 'train', task: 'acl' })).items[0]!;
 * ```
 */
export interface ExamItem {
  /** Exam id (the number in `0000.npy`). */
  id: number;
  /** Label for the dataset's task. */
  label: 0 | 1;
  /** Per-example loss weight: `classWeights[label]`, as the seed returns with each item. */
  weight: number;
  /** Path of each plane's `.npy` file. */
  paths: Record<Plane, string>;
}

/**
 * A validated MRNet-v1.0 split for one task.
 *
 * @example
 * ```ts
 * const ds: MRNetDataset = await openMRNetDataset(root, { split: 'valid', task: 'meniscus' });
 * ```
 */
export interface MRNetDataset {
  /** Dataset root folder. */
  root: string;
  split: Split;
  task: Task;
  /** Exams in CSV order. */
  items: ExamItem[];
  /** `[negative weight, positive weight]`: given, or `[1, neg/pos]` from this split's labels. */
  classWeights: [number, number];
  /** Number of positive labels. */
  positives: number;
  /** Number of negative labels. */
  negatives: number;
}

/**
 * Options of {@link openMRNetDataset}.
 *
 * @example
 * ```ts
 * const options: OpenMRNetDatasetOptions = { split: 'train', task: 'acl', weights: [1, 3] };
 * ```
 */
export interface OpenMRNetDatasetOptions {
  /** `'train'` or `'valid'` (required). */
  split: Split;
  /** `'abnormal'`, `'acl'` or `'meniscus'` (required). */
  task: Task;
  /** Class weights `[negative, positive]`; default `[1, neg/pos]` from this split's labels (the seed's). */
  weights?: [number, number];
}

const weight = z.number().finite().positive();
const schema = z
  .object({ split: z.enum(SPLITS), task: z.enum(TASKS), weights: z.tuple([weight, weight]).optional() })
  .strict();

/**
 * Opens one split of an MRNet-v1.0 dataset for one task: reads and validates
 * `ROOT/{split}-{task}.csv` (rows `id,label`, no header, ids with or without zero padding, labels
 * 0/1, no duplicate ids) and checks that every exam has its `ROOT/{split}/{plane}/{id:04d}.npy` for
 * all three planes. Every problem found is listed in one {@link DatasetError}. Class weights are
 * `[1, neg/pos]` from this split's own labels (as the seed computes them, also for validation),
 * unless given.
 *
 * Only file presence is checked here; use {@link inspectDataset} to also validate every file's
 * header.
 *
 * @example
 * ```ts
 * import { openMRNetDataset, readExamPlane } from '@mrnet/data/node';
 * const ds = await openMRNetDataset('MRNet-v1.0', { split: 'train', task: 'acl' });
 * console.log(ds.items.length, ds.classWeights); // 1130 [1, 3.28...]
 * const vol = await readExamPlane(ds.items[0]!, 'sagittal');
 * ```
 */
export async function openMRNetDataset(root: string, options: OpenMRNetDatasetOptions): Promise<MRNetDataset> {
  if (typeof root !== 'string' || root === '') throw new TypeError('openMRNetDataset: root must be a non-empty string');
  const { split, task, weights } = parseOptions('openMRNetDataset', schema, options);
  const fail = (problems: string[]): never => {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new DatasetError(
      `openMRNetDataset: ${root}: ${problems.length} problem${problems.length > 1 ? 's' : ''} in the ${split} split for ${task}: ${problems[0]}${more}`,
      problems,
      { path: root },
    );
  };

  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) fail([`${root}: ${rootStat ? 'not a folder' : 'no such folder'}`]);

  const csv = labelCsvPath(root, split, task);
  const { rows, problems } = await readLabelCsv(csv);
  const planes = await Promise.all(PLANES.map((p) => listPlaneFiles(root, split, p)));
  for (const listing of planes) if (listing.problem) problems.push(listing.problem);
  for (const row of rows) {
    PLANES.forEach((plane, k) => {
      const listing = planes[k]!;
      if (!listing.problem && !listing.names.has(examFileName(row.id))) {
        problems.push(`${examPlanePath(root, split, plane, row.id)}: missing (exam ${row.id} is listed in ${csv}:${row.line})`);
      }
    });
  }

  const positives = rows.filter((r) => r.label === 1).length;
  const negatives = rows.length - positives;
  let classWeights: [number, number] = [1, 1];
  if (weights) classWeights = [weights[0], weights[1]];
  else if (rows.length > 0) {
    try {
      classWeights = classWeightsFromLabels(rows.map((r) => r.label));
    } catch {
      problems.push(`${csv}: ${negatives} negative and ${positives} positive labels: class weights [1, neg/pos] need both classes (pass weights)`);
    }
  }
  if (problems.length > 0) fail(problems);

  const items = rows.map(
    (r): ExamItem => ({
      id: r.id,
      label: r.label,
      weight: classWeights[r.label],
      paths: {
        axial: examPlanePath(root, split, 'axial', r.id),
        coronal: examPlanePath(root, split, 'coronal', r.id),
        sagittal: examPlanePath(root, split, 'sagittal', r.id),
      },
    }),
  );
  return { root, split, task, items, classWeights, positives, negatives };
}
