/**
 * The three MRI series of an MRNet exam, in the order the stacked model uses them.
 *
 * @example
 * ```ts
 * import { PLANES } from '@mrnet/data';
 * for (const plane of PLANES) console.log(plane); // axial, coronal, sagittal
 * ```
 */
export const PLANES = ['axial', 'coronal', 'sagittal'] as const;
/**
 * One MRI series of an exam.
 *
 * @example
 * ```ts
 * import type { Plane } from '@mrnet/data';
 * const plane: Plane = 'sagittal';
 * ```
 */
export type Plane = (typeof PLANES)[number];

/**
 * The three MRNet labels.
 *
 * @example
 * ```ts
 * import { TASKS } from '@mrnet/data';
 * TASKS.includes('acl'); // true
 * ```
 */
export const TASKS = ['abnormal', 'acl', 'meniscus'] as const;
/**
 * One MRNet label (a binary classification task).
 *
 * @example
 * ```ts
 * import type { Task } from '@mrnet/data';
 * const task: Task = 'meniscus';
 * ```
 */
export type Task = (typeof TASKS)[number];

/**
 * The two MRNet-v1.0 splits.
 *
 * @example
 * ```ts
 * import { SPLITS } from '@mrnet/data';
 * SPLITS; // ['train', 'valid']
 * ```
 */
export const SPLITS = ['train', 'valid'] as const;
/**
 * One MRNet-v1.0 split.
 *
 * @example
 * ```ts
 * import type { Split } from '@mrnet/data';
 * const split: Split = 'valid';
 * ```
 */
export type Split = (typeof SPLITS)[number];
