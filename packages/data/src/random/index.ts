// The seeded generator lives in @mrnet/options (the project's core leaf); re-exported here so that
// `@mrnet/data` users and this package's modules keep importing it from where they always did.
export { createRng, deriveSeed, Rng } from '@mrnet/options';
export type { RngState } from '@mrnet/options';
