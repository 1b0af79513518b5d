export { fastConv2d } from './fast-conv2d.js';
export type { FastConv2dOptions } from './fast-conv2d.js';
export { conv2dFilterGrad } from './conv2d-filter-grad.js';
export { conv2dInputGrad } from './conv2d-input-grad.js';
export { fastMaxPool } from './fast-max-pool.js';
