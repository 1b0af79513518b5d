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

/**
 * Base class of every error caused by what a user gave us (a file, a folder, a flag, a value)
 * rather than by a bug of ours. The CLI maps `instanceof InputError` to exit code 2 with a
 * one-line message; anything else is a bug or a runtime failure (exit 1 with its trace).
 * Subclasses set `name` to their own class name.
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
}
