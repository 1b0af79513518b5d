/**
 * `@mrnet/options`: the project's core leaf. One zod option parser for every `@mrnet` package
 * boundary (a value of the wrong JavaScript type throws a `TypeError`, a bad value a `RangeError`,
 * both branded as input errors); {@link InputError}, the base of every error caused by user input;
 * the saved-state envelope `{format, version}` and its {@link StateFormatError}; the worker-error
 * transport; the seeded generator. Node-only helpers (atomic writes, locks, the models folder
 * layout) are in `@mrnet/options/node`. No TensorFlow.js.
 *
 * @packageDocumentation
 */
export * from './describe-value.js';
export * from './parse-options.js';
export * from './errors/input-error.js';
export * from './state/envelope.js';
export * from './state/state-format-error.js';
export * from './worker/error-transport.js';
export * from './random/rng.js';
