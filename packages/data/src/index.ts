export * from './types.js';
export * from './errors.js';
export * from './npy/index.js';
export * from './volume/index.js';
export * from './dataset/index.js';
export * from './random/index.js';
export * from './augment/index.js';
export * from './synthetic/index.js';
