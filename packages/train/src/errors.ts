/**
 * Typed errors of `@mrnet/train`. Each says where and what, so that the `mrnet` CLI can report
 * exactly what to fix (a resume file from another version, a log file it cannot write).
 */

/**
 * A serialised state (optimiser, scheduler, early stopping, …) that cannot be restored: another
 * format or version, a missing field, or a shape that does not match the variables it is loaded
 * into. `format` is the format the loader expected.
 *
 * @example
 * ```ts
 * import { Adam, StateFormatError } from '@mrnet/train';
 * try {
 *   Adam.fromJSON({ format: 'something-else' }, variables);
 * } catch (e) {
 *   if (e instanceof StateFormatError) console.error(e.message);
 * }
 * ```
 */
export class StateFormatError extends Error {
  /** The format name the loader expected, e.g. `'mrnet.adam'`. */
  readonly format: string;

  constructor(message: string, format: string) {
    super(message);
    this.name = 'StateFormatError';
    this.format = format;
  }
}

/**
 * A log file (TensorBoard event file, `metrics.jsonl`) that could not be written or read back;
 * `path` names it.
 *
 * @example
 * ```ts
 * import { readEventFile, LogFileError } from '@mrnet/train';
 * try {
 *   readEventFile('./logs/acl/sagittal/run/events.out.tfevents.1.host');
 * } catch (e) {
 *   if (e instanceof LogFileError) console.error(e.path, e.message);
 * }
 * ```
 */
export class LogFileError extends Error {
  /** The file concerned. */
  readonly path: string;

  constructor(message: string, path: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LogFileError';
    this.path = path;
  }
}
