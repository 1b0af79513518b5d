export { drawAugmentParams } from './augment-params.js';
export type { AugmentOptions, AugmentParams, DrawAugmentOptions } from './augment-params.js';
export { applyAugment } from './apply-augment.js';
