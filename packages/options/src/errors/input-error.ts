/**
 * Options shared by {@link InputError} and its subclasses.
 *
 * @example
 * ```ts
 * import { InputError, type InputErrorOptions } from '@mrnet/options';
 * const options: InputErrorOptions = { path: 'train/axial/0001.npy' };
 * new InputError('readNpy: train/axial/0001.npy: truncated', options);
 * ```
 */
export interface InputErrorOptions {
  /** The file, folder, flag or URL the error is about, when known. */
  path?: string;
  /** The underlying error, if this one wraps another. */
  cause?: unknown;
}

// A registered symbol, so that a brand set by another copy of this module (two installs of
// @mrnet/options in one tree) is still recognised.
const BRAND = Symbol.for('mrnet.input-error');

/**
 * Marks an error of another base class (a `TypeError`/`RangeError` subclass that must stay one,
 * such as the option errors of {@link parseOptions}) as caused by user input: afterwards
 * `error instanceof InputError` and {@link isInputError} are true for it. Returns the error.
 *
 * @example
 * ```ts
 * import { InputError, markInputError } from '@mrnet/options';
 * class ShapeError extends RangeError {
 *   constructor(message: string) { super(message); this.name = 'ShapeError'; markInputError(this); }
 * }
 * new ShapeError('expected [s, 256, 256]') instanceof InputError; // true
 * ```
 */
export function markInputError<E extends Error>(error: E): E {
  Object.defineProperty(error, BRAND, { value: true, enumerable: false, configurable: true });
  return error;
}

/**
 * Whether `error` was caused by user input: an {@link InputError} (or subclass), or an error
 * marked with {@link markInputError} — every `TypeError`/`RangeError` thrown by
 * {@link parseOptions} is. A bare `TypeError` thrown by our own code is a bug, not input.
 *
 * @example
 * ```ts
 * import { isInputError, InputError } from '@mrnet/options';
 * isInputError(new InputError('bad --data')); // true
 * isInputError(new TypeError('x is undefined')); // false: a bug
 * ```
 */
export function isInputError(error: unknown): boolean {
  return error instanceof InputError;
}

/**
 * Base class of every error caused by what a user gave us (a file, a folder, a flag, a value)
 * rather than by a bug of ours. The CLI maps `instanceof InputError` to exit code 2 with a
 * one-line message; anything else is a bug or a runtime failure (exit 1 with its trace).
 * Subclasses set `name` to their own class name.
 *
 * Errors that must keep another built-in base (`TypeError`/`RangeError` option errors) are
 * branded with {@link markInputError} instead, and `instanceof InputError` is true for them too.
 *
 * @example
 * ```ts
 * import { InputError } from '@mrnet/options';
 * class PlaneError extends InputError {
 *   constructor(message: string) { super(message); this.name = 'PlaneError'; }
 * }
 * new PlaneError('no sagittal series') instanceof InputError; // true
 * ```
 */
export class InputError extends Error {
  /** The file, folder, flag or URL the error is about, when known. */
  readonly path: string | undefined;

  constructor(message: string, options: InputErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'InputError';
    this.path = options.path;
  }

  /** `instanceof InputError` also accepts errors branded by {@link markInputError}. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return this === InputError && value instanceof Error && (value as unknown as Record<symbol, unknown>)[BRAND] === true;
  }
}
