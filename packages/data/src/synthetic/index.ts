export {
  generateSyntheticMRNet,
  SYNTHETIC_GENERATOR_VERSION,
  type PlaneLesion,
  type SyntheticLesionFile,
  type SyntheticOptions,
  type SyntheticSplitSummary,
  type SyntheticSummary,
} from './generate-synthetic.js';
export { LESION_TYPES, type LesionType, type SliceLesion } from './knee-phantom.js';
export { MRNET_PREVALENCE } from './labels.js';
export { decodeLesionMask } from './lesion-mask.js';
export { SyntheticOutputError } from './output-folder.js';
