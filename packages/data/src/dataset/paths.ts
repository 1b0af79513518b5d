import { join } from 'node:path';
import type { Plane, Split, Task } from '../types.js';
import { examFileName } from './layout.js';

/**
 * Path of one series: `ROOT/{split}/{plane}/{id:04d}.npy`.
 *
 * @example
 * ```ts
 * import { examPlanePath } from '@mrnet/data/node';
 * examPlanePath('MRNet-v1.0', 'train', 'axial', 12); // 'MRNet-v1.0/train/axial/0012.npy'
 * ```
 */
export function examPlanePath(root: string, split: Split, plane: Plane, id: number): string {
  return join(root, split, plane, examFileName(id));
}

/**
 * Path of a label file: `ROOT/{split}-{task}.csv`.
 *
 * @example
 * ```ts
 * import { labelCsvPath } from '@mrnet/data/node';
 * labelCsvPath('MRNet-v1.0', 'valid', 'acl'); // 'MRNet-v1.0/valid-acl.csv'
 * ```
 */
export function labelCsvPath(root: string, split: Split, task: Task): string {
  return join(root, `${split}-${task}.csv`);
}
