/**
 * `@mrnet/options`: one zod option parser for every `@mrnet` package boundary. A value of the wrong
 * JavaScript type throws a `TypeError`, a value of the right type but a bad value a `RangeError`
 * (or the package's own subclasses of them); the message names the function, the field and what
 * was received. No TensorFlow.js.
 *
 * @packageDocumentation
 */
export * from './describe-value.js';
export * from './parse-options.js';
export * from './errors/input-error.js';
