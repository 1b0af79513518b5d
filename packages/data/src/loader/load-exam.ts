import { applyAugment, type AugmentParams } from '../augment/index.js';
import type { Intensity, Volume } from '../volume/index.js';
import { readVolumeFile } from '../volume/read-volume-file.js';

/**
 * Augmentation parameters with the translation given as a fraction of the image size (the loader
 * draws them before it knows the exam's height and width); {@link loadExam} scales them to pixels.
 * @internal
 */
export type RelativeAugmentParams = AugmentParams;

/** One unit of loader work: a file to read, how to normalise it, and the augmentation to apply. @internal */
export interface LoadRequest {
  path: string;
  intensity: Intensity;
  /** `null` for no augmentation. */
  params: RelativeAugmentParams | null;
}

/**
 * Reads one series and applies its augmentation (the same code runs inline and in a worker, so
 * the result does not depend on where it ran). @internal
 */
export async function loadExam(req: LoadRequest): Promise<Volume> {
  const volume = await readVolumeFile(req.path, { intensity: req.intensity });
  if (req.params === null) return volume;
  const [, h, w] = volume.shape;
  const { angleDeg, tx, ty, flip } = req.params;
  const data = applyAugment(volume.data, volume.shape, { angleDeg, tx: tx * h, ty: ty * w, flip });
  return { data, shape: volume.shape };
}
