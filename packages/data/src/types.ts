/** The three MRI series of an MRNet exam, in the order the stacked model uses them. */
export const PLANES = ['axial', 'coronal', 'sagittal'] as const;
/** One MRI series of an exam. */
export type Plane = (typeof PLANES)[number];

/** The three MRNet labels. */
export const TASKS = ['abnormal', 'acl', 'meniscus'] as const;
/** One MRNet label (a binary classification task). */
export type Task = (typeof TASKS)[number];

/** The two MRNet-v1.0 splits. */
export const SPLITS = ['train', 'valid'] as const;
/** One MRNet-v1.0 split. */
export type Split = (typeof SPLITS)[number];
