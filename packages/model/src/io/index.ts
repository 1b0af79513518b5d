export { loadMRNet, loadMRNetWeights, type LoadedMRNet } from './load-mrnet.js';
export { inputNormalisationOf, MRNET_ARTIFACTS_FORMAT, MRNET_ARTIFACTS_VERSION } from './format.js';
export type { MRNetMetadata } from './format.js';
