import { InputError } from '@mrnet/options';

/**
 * Typed errors of `@mrnet/data`. Each carries the offending file (when known) so that callers
 * such as the `mrnet` CLI can report exactly what to fix, and map them to exit code 2 (bad input).
 */

/**
 * Options shared by the error constructors of this package.
 *
 * @example
 * ```ts
 * new NpyFormatError('readNpy: bad magic', { path: 'a.npy' });
 * ```
 */
export interface DataErrorOptions {
  /** The file or folder the error is about, when known. */
  path?: string;
  /** The underlying error, if this one wraps another. */
  cause?: unknown;
}

/**
 * A `.npy` file (or byte array) that is not a valid, supported NumPy array, or an array whose shape
 * is not what the caller needs (e.g. not a 3-D `s×H×W` volume). `name` is always
 * `'NpyFormatError'` (contract: malformed input makes `readNpy` throw this and nothing else).
 *
 * @example
 * ```ts
 * import { readNpy, NpyFormatError } from '@mrnet/data';
 * try {
 *   readNpy(new Uint8Array([1, 2, 3]));
 * } catch (e) {
 *   if (e instanceof NpyFormatError) console.error(e.message); // "readNpy: truncated: 3 bytes, ..."
 * }
 * ```
 */
export class NpyFormatError extends InputError {
  constructor(message: string, options: DataErrorOptions = {}) {
    super(message, options);
    this.name = 'NpyFormatError';
  }
}

/**
 * A dataset folder that does not follow the MRNet-v1.0 layout. Every problem found is listed in
 * `problems` (one line each, naming the file and, for CSV rows, the line number), so that a user
 * can fix them all in one go.
 *
 * @example
 * ```ts
 * import { DatasetError } from '@mrnet/data';
 * import { openMRNetDataset } from '@mrnet/data/node';
 * try {
 *   await openMRNetDataset('./MRNet-v1.0', { split: 'train', task: 'acl' });
 * } catch (e) {
 *   if (e instanceof DatasetError) for (const p of e.problems) console.error(p);
 * }
 * ```
 */
export class DatasetError extends InputError {
  /** The dataset root folder. */
  declare readonly path: string;
  /** Every problem found, each naming a file (and `file:line` for CSV rows). */
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[], options: { path: string; cause?: unknown }) {
    super(message, options);
    this.name = 'DatasetError';
    this.problems = [...problems];
  }
}
