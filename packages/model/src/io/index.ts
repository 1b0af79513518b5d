export { loadMRNet, loadMRNetWeights } from './load-mrnet.js';
export { MRNET_ARTIFACTS_FORMAT } from './format.js';
export type { MRNetMetadata } from './format.js';
