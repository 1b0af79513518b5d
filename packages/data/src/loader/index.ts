export { createLoader } from './create-loader.js';
export type { Loader, LoaderOptions, LoaderSample } from './create-loader.js';
