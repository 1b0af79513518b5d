export { createRng, deriveSeed, Rng } from './rng.js';
export type { RngState } from './rng.js';
