import { z } from 'zod';
import { parseOptions } from '@mrnet/options';
import type { Rng } from '../random/index.js';

/**
 * One augmentation draw for a whole exam: every slice of the volume gets this same transform
 * (the seed's torchsample semantics, see {@link applyAugment} for the exact conventions).
 *
 * @example
 * ```ts
 * import { applyAugment, type AugmentParams } from '@mrnet/data';
 * const params: AugmentParams = { angleDeg: 10, tx: 4, ty: -4, flip: true };
 * const out = applyAugment(new Float32Array(2 * 64 * 64), [2, 64, 64], params);
 * ```
 */
export interface AugmentParams {
  /** Rotation angle in degrees about the image centre; positive turns the content clockwise as displayed (row 0 at the top). */
  readonly angleDeg: number;
  /** Translation along the height (row) axis in pixels, torchsample's `tx`: output row r samples input row r + tx, so the content moves by −tx (positive moves it up). */
  readonly tx: number;
  /** Translation along the width (column) axis in pixels, torchsample's `ty`: output column c samples input column c + ty, so the content moves by −ty (positive moves it left). */
  readonly ty: number;
  /** Whether to flip left–right (the last axis) after rotating and translating. */
  readonly flip: boolean;
}

/**
 * The ranges augmentation parameters are drawn from. Defaults are the seed's.
 *
 * @example
 * ```ts
 * import { createRng, drawAugmentParams, type AugmentOptions } from '@mrnet/data';
 * const milder: AugmentOptions = { rotation: 10, translation: 0.05, flipProbability: 0.5 };
 * drawAugmentParams(createRng(1), { height: 256, width: 256, ...milder });
 * ```
 */
export interface AugmentOptions {
  /** Maximum absolute rotation in degrees; the angle is uniform in [−rotation, rotation]. Default 25. */
  rotation?: number;
  /** Maximum translation as a fraction of the height/width, in [0, 1); uniform per axis. Default 0.11. */
  translation?: number;
  /** Probability of a left–right flip, in [0, 1]. Default 0.5. */
  flipProbability?: number;
}

/**
 * {@link AugmentOptions} plus the image size the translation fractions refer to.
 *
 * @example
 * ```ts
 * import { createRng, drawAugmentParams, type DrawAugmentOptions } from '@mrnet/data';
 * const options: DrawAugmentOptions = { height: 256, width: 256 }; // the seed's ranges
 * const params = drawAugmentParams(createRng(7), options);       // { angleDeg, tx, ty, flip }
 * ```
 */
export interface DrawAugmentOptions extends AugmentOptions {
  /** Image height in pixels (positive integer). */
  height: number;
  /** Image width in pixels (positive integer). */
  width: number;
}

/** zod schema of {@link AugmentOptions} (shared with the loader). @internal */
export const augmentOptionsSchema = z
  .object({
    rotation: z.number().finite().min(0).max(180).default(25),
    translation: z.number().finite().min(0).lt(1).default(0.11),
    flipProbability: z.number().min(0).max(1).default(0.5),
  })
  .strict();

const drawSchema = augmentOptionsSchema.extend({
  height: z.number().int().positive(),
  width: z.number().int().positive(),
});

/**
 * Draws one exam's augmentation parameters from a seeded generator, the seed's way: rotation
 * uniform in [−25°, 25°], translation uniform in ±11 % of the height (rows) and of the width
 * (columns) in pixels, and a left–right flip with probability 0.5. Always consumes exactly four
 * draws from `rng` (angle, row shift, column shift, flip), whatever the options, so that streams
 * stay aligned. Apply the result with the pure {@link applyAugment}.
 *
 * @throws TypeError for a wrong option type; RangeError for a value out of range (e.g. a
 *   `flipProbability` outside [0, 1] — never clamped).
 * @example
 * ```ts
 * import { createRng, drawAugmentParams, applyAugment } from '@mrnet/data';
 * const rng = createRng(0);
 * const params = drawAugmentParams(rng, { height: 256, width: 256 });
 * // params.angleDeg ∈ [−25, 25], |params.tx| ≤ 28.16, |params.ty| ≤ 28.16
 * const out = applyAugment(new Float32Array(2 * 256 * 256), [2, 256, 256], params);
 * ```
 */
export function drawAugmentParams(rng: Rng, options: DrawAugmentOptions): AugmentParams {
  const o = parseOptions('drawAugmentParams', drawSchema, options);
  const angleDeg = rng.uniform(-o.rotation, o.rotation);
  const tx = rng.uniform(-o.translation * o.height, o.translation * o.height);
  const ty = rng.uniform(-o.translation * o.width, o.translation * o.width);
  const flip = rng.next() < o.flipProbability;
  return { angleDeg, tx, ty, flip };
}
