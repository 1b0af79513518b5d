import { UsageError } from './usage-error.js';

/**
 * Exit code for a successful run.
 *
 * @example
 * ```ts
 * import { EXIT_OK, run } from '@mrnet/cli';
 * const code = await run(['--help'], { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
 * code === EXIT_OK; // true
 * ```
 */
export const EXIT_OK = 0;
/**
 * Exit code for a runtime failure (a bug, a crash, an I/O error not caused by the input).
 *
 * @example
 * ```ts
 * import { EXIT_FAILURE } from '@mrnet/cli';
 * process.exitCode = EXIT_FAILURE; // 1: the input was fine but something failed at run time
 * ```
 */
export const EXIT_FAILURE = 1;
/**
 * Exit code for bad usage or bad input (flags, files, datasets).
 *
 * @example
 * ```ts
 * import { EXIT_BAD_INPUT, run } from '@mrnet/cli';
 * const code = await run(['inspect', '--data', 'no-such-folder'], { stdout: () => {}, stderr: () => {} });
 * code === EXIT_BAD_INPUT; // true: a missing folder is bad input
 * ```
 */
export const EXIT_BAD_INPUT = 2;

const BAD_INPUT_NAMES = new Set(['UsageError', 'BadInputError', 'NpyFormatError', 'DatasetError', 'TypeError', 'RangeError']);
const BAD_INPUT_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EEXIST', 'ENOTEMPTY']);

/**
 * Maps an error thrown by a command to the CLI's exit code: usage errors, the packages' typed
 * input errors (`NpyFormatError`, `DatasetError`, option `TypeError`/`RangeError`) and missing
 * input files are bad input (2); anything else is a runtime failure (1).
 *
 * @example
 * ```ts
 * exitCodeFor(new UsageError('--x: unknown flag')); // 2
 * ```
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT_BAD_INPUT;
  if (error instanceof Error) {
    if (BAD_INPUT_NAMES.has(error.name)) return EXIT_BAD_INPUT;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && BAD_INPUT_CODES.has(code)) return EXIT_BAD_INPUT;
  }
  return EXIT_FAILURE;
}

/**
 * The one-line form of an error's message (first line only, no stack).
 *
 * @example
 * ```ts
 * oneLine(new Error('a\nb')); // 'a'
 * ```
 */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.trim() || (error instanceof Error ? error.name : 'unknown error');
}
