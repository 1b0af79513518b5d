export { ALEXNET_CONV_SPECS, ALEXNET_POOL, MRNET_FEATURES, MIN_INPUT_SIZE } from './specs.js';
export type { ConvSpec } from './specs.js';
export type { ConvWeights, MRNetWeights } from './weights.js';
export { initMRNetWeights } from './init.js';
export { MRNet, createMRNet, MRNET_VARIABLE_NAMES } from './mrnet.js';
export type { MRNetOptions } from './mrnet.js';
export type { ConvGradients } from './conv-mode.js';
