import { InputError } from '../errors/input-error.js';

/**
 * A saved state (a `toJSON()` value, a resume file, a model folder's metadata, a predictions key)
 * that cannot be restored: not an object, another format, a version newer than this code reads,
 * or a malformed field. The one error type for every saved-state envelope; it is an
 * {@link InputError} because the state comes from a file the user pointed us at.
 *
 * @example
 * ```ts
 * import { checkEnvelope, StateFormatError } from '@mrnet/options';
 * try { checkEnvelope('Adam.fromJSON', { format: 'mrnet-rng-sfc32', version: 1 }, { format: 'mrnet-adam', version: 1 }); }
 * catch (e) { if (e instanceof StateFormatError) console.error(e.message, e.format); }
 * ```
 */
export class StateFormatError extends InputError {
  /** The format that was expected. */
  readonly format: string;

  constructor(message: string, format: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options);
    this.name = 'StateFormatError';
    this.format = format;
  }
}
