export { LESION_TYPES, type LesionType, type SliceLesion } from './knee-phantom.js';
export { MRNET_PREVALENCE } from './labels.js';
export { decodeLesionMask } from './lesion-mask.js';
export { SyntheticOutputError } from './synthetic-output-error.js';
