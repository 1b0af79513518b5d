export * from './errors.js';
export * from './backend/index.js';
export * from './network/index.js';
export * from './gradients/index.js';
export * from './torch/index.js';
export * from './pretrained/index.js';
export * from './io/index.js';
export * from './version.js';
