import { drawAugmentParams, type AugmentOptions } from '../augment/index.js';
import { createRng, deriveSeed } from '../random/index.js';
import type { RelativeAugmentParams } from './load-exam.js';

/** The order and augmentation draws of one epoch. @internal */
export interface EpochPlan {
  /** Indices into the loader's items, in the order they are served. */
  order: number[];
  /** Per served position: augmentation with the translation as a fraction of H/W, or `null`. */
  params: (RelativeAugmentParams | null)[];
}

/**
 * Plans an epoch on the calling thread, from `deriveSeed(seed, epoch)` alone: first the shuffle
 * (when enabled), then one augmentation draw per served exam. Nothing here depends on worker count
 * or scheduling. @internal
 */
export function planEpoch(
  count: number,
  options: { seed: number; epoch: number; shuffle: boolean; augment: Required<AugmentOptions> | null },
): EpochPlan {
  const rng = createRng(deriveSeed(options.seed, options.epoch));
  const order = Array.from({ length: count }, (_, i) => i);
  if (options.shuffle) rng.shuffle(order);
  const aug = options.augment;
  // Height = width = 1: the translation comes out as a fraction, scaled to pixels by loadExam.
  const params = order.map(() => (aug === null ? null : drawAugmentParams(rng, { ...aug, height: 1, width: 1 })));
  return { order, params };
}
