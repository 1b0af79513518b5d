/**
 * Typed errors of `@mrnet/train`. Each says where and what, so that the `mrnet` CLI can report
 * exactly what to fix (a resume file from another version, a log file it cannot write).
 */

// The one error type of every saved-state envelope lives in the core leaf; re-exported so that
// `import { StateFormatError } from '@mrnet/train'` keeps working.
export { StateFormatError } from '@mrnet/options';

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
