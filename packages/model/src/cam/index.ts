export { classActivationMaps } from './class-activation-maps.js';
export type { CamOptions, ClassActivationMaps } from './class-activation-maps.js';
export { CamModelError } from './errors.js';
export type { CamModel } from './linear-head.js';
