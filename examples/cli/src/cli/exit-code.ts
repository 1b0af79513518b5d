import { isInputError } from '@mrnet/options';
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

// fs errors (with a path) meaning a file or folder the user named is missing or in the way.
const BAD_INPUT_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EEXIST', 'ENOTEMPTY']);
// Resource failures of the machine, not of the input: a runtime failure even when wrapped in an
// input error (a full disk while saving a model the user pointed at).
const RESOURCE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'ENOMEM', 'EMFILE', 'ENFILE']);

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < 10; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

/**
 * Maps an error thrown by a command to the CLI's exit code:
 *
 * - 1 when the machine ran out of something (ENOSPC, EDQUOT, EIO, ENOMEM, EMFILE, ENFILE anywhere
 *   in the `cause` chain);
 * - 2 for an `InputError` — the base of every package's input errors, `UsageError` and
 *   `BadInputError`, and (branded by `parseOptions`) option `TypeError`/`RangeError`s — and for
 *   an fs error naming a missing or misplaced path (ENOENT, ENOTDIR, EISDIR, EEXIST, ENOTEMPTY);
 * - 1 for anything else: a bug (a plain `TypeError`/`RangeError` from our own code) or a runtime
 *   failure, reported with its stack trace (see {@link failureReport}).
 *
 * @example
 * ```ts
 * exitCodeFor(new UsageError('--x: unknown flag')); // 2
 * exitCodeFor(new TypeError("Cannot read properties of undefined (reading 'x')")); // 1
 * ```
 */
export function exitCodeFor(error: unknown): number {
  const chain = causeChain(error);
  if (chain.some((e) => RESOURCE_CODES.has((e as NodeJS.ErrnoException)?.code ?? ''))) return EXIT_FAILURE;
  if (isInputError(error)) return EXIT_BAD_INPUT;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (error instanceof Error && code !== undefined && BAD_INPUT_CODES.has(code)) return EXIT_BAD_INPUT;
  return EXIT_FAILURE;
}

/**
 * What the CLI prints on stderr for an error that ended a command, and its exit code: one line
 * naming the command (and the flag, file or value, from the message); for a failure that is not
 * bad input (exit 1: a bug or a runtime failure) the stack trace follows, so that it can be
 * reported and fixed. `debug` (`MRNET_DEBUG=1`) adds the stack for bad input too.
 *
 * @example
 * ```ts
 * const { code, text } = failureReport(new TypeError('x is undefined'), 'train');
 * process.stderr.write(text); // "mrnet train: x is undefined\nTypeError: x is undefined\n    at …"
 * process.exitCode = code; // 1
 * ```
 */
export function failureReport(error: unknown, command: string, debug = false): { code: number; text: string } {
  const code = exitCodeFor(error);
  const hint = error instanceof UsageError ? ` (see mrnet ${command} --help)` : '';
  let text = `mrnet ${command}: ${oneLine(error)}${hint}\n`;
  const stack = error instanceof Error ? error.stack : undefined;
  // A trace helps with a bug of ours; for bad input or a failure of the machine or network it is noise.
  const bug = code !== EXIT_BAD_INPUT && !(error instanceof RuntimeFailure) && !causeChain(error).some((e) => RESOURCE_CODES.has((e as NodeJS.ErrnoException)?.code ?? ''));
  if ((bug || debug) && stack) text += `${stack}\n`;
  return { code, text };
}

/**
 * A failure of the machine or the network, not of the input and not a bug of ours (a download that
 * failed, a service that is down): the CLI exits 1 with its one-line message and no stack trace.
 *
 * @example
 * ```ts
 * import { RuntimeFailure } from '@mrnet/cli';
 * throw new RuntimeFailure('--pretrained torchvision: could not download … (fetch failed)', { cause: new Error('fetch failed') });
 * ```
 */
export class RuntimeFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuntimeFailure';
  }
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
