import type { Plane } from '../types.js';
import { PLANES } from '../types.js';
import type { Volume, VolumeOptions } from '../volume/index.js';
import { readVolumeFile } from '../volume/read-volume-file.js';
import type { ExamItem } from './open-dataset.js';

/**
 * Reads one plane of an exam as a model-ready volume (`Float32Array`, `[slices, height, width]`).
 *
 * @example
 * ```ts
 * import { openMRNetDataset, readExamPlane } from '@mrnet/data/node';
 * const ds = await openMRNetDataset('MRNet-v1.0', { split: 'valid', task: 'acl' });
 * const { data, shape } = await readExamPlane(ds.items[0]!, 'sagittal', { intensity: 'none' });
 * ```
 */
export async function readExamPlane(item: Pick<ExamItem, 'paths'>, plane: Plane, options: Omit<VolumeOptions, 'path'> = {}): Promise<Volume> {
  if (!(PLANES as readonly string[]).includes(plane)) {
    throw new RangeError(`readExamPlane: plane must be one of ${PLANES.join(', ')}, got ${JSON.stringify(plane)}`);
  }
  return readVolumeFile(item.paths[plane], options);
}

/**
 * Reads all three planes of an exam (for stacking and prediction).
 *
 * @example
 * ```ts
 * import { openMRNetDataset, readExam } from '@mrnet/data/node';
 * const ds = await openMRNetDataset('MRNet-v1.0', { split: 'valid', task: 'acl' });
 * const { axial, coronal, sagittal } = await readExam(ds.items[0]!);
 * ```
 */
export async function readExam(item: Pick<ExamItem, 'paths'>, options: Omit<VolumeOptions, 'path'> = {}): Promise<Record<Plane, Volume>> {
  const [axial, coronal, sagittal] = await Promise.all(PLANES.map((p) => readExamPlane(item, p, options)));
  return { axial: axial!, coronal: coronal!, sagittal: sagittal! };
}
