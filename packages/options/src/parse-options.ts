import type { z } from 'zod';
import { describeValue } from './describe-value.js';
import { markInputError } from './errors/input-error.js';

/**
 * The two error classes {@link parseOptions} throws: a package passes its own subclasses of
 * `TypeError` and `RangeError` so callers can tell where the error came from.
 *
 * @example
 * ```ts
 * import type { OptionErrors } from '@mrnet/options';
 * class VizTypeError extends TypeError {}
 * class VizRangeError extends RangeError {}
 * const errors: OptionErrors = { TypeError: VizTypeError, RangeError: VizRangeError };
 * ```
 */
export interface OptionErrors {
  /** Thrown for a value of the wrong type, an enum value of another type, or an unknown key. */
  TypeError: new (message: string) => Error;
  /** Thrown for a value of the right type but out of range (including NaN, ±Infinity, 1.5 for an int). */
  RangeError: new (message: string) => Error;
}

const BUILTIN: OptionErrors = { TypeError, RangeError };

/**
 * Parses an options object with a zod schema at a package boundary and returns the parsed value
 * (defaults applied). On failure it throws for the first issue, with the message
 * `` `${fn}: ${field}: ${zod message} (got ${describeValue(received)})` `` (`field` is the dotted
 * path, or `options` for the value itself), classified as:
 *
 * - **TypeError** — a value of the wrong JavaScript type (`'2'` for a number, `null` for an object),
 *   an enum/literal given a value of another type (`3` for `'a' | 'b'`), an unrecognized key of a
 *   strict object;
 * - **RangeError** — everything else: a number that is NaN, ±Infinity or not an integer where an
 *   integer is wanted (zod reports these as type issues, but they are numbers with a bad value), a
 *   value outside its bounds, an enum/literal given another value of the same type, a failed
 *   refinement or union.
 *
 * Both are branded with {@link markInputError}, so `error instanceof InputError` is true for them
 * (they keep being `TypeError`/`RangeError` too).
 *
 * @param fn - The public function or class name, first in the message.
 * @param schema - The zod schema.
 * @param value - The value to parse (usually the caller's options object).
 * @param errors - The classes to throw; defaults to the built-in `TypeError` and `RangeError`.
 * @returns The schema's output.
 * @throws `errors.TypeError` or `errors.RangeError` as above.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { parseOptions } from '@mrnet/options';
 * const schema = z.object({ mode: z.enum(['a', 'b']).default('a'), n: z.int().min(1).optional() }).strict();
 * parseOptions('f', schema, {});          // { mode: 'a' }
 * parseOptions('f', schema, { n: '2' });  // throws TypeError  'f: n: Invalid input: expected number, received string (got "2")'
 * parseOptions('f', schema, { n: 1.5 });  // throws RangeError 'f: n: Invalid input: expected int, received number (got 1.5)'
 * ```
 */
export function parseOptions<S extends z.ZodType>(fn: string, schema: S, value: unknown, errors: OptionErrors = BUILTIN): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'options';
  const received = pick(value, issue.path);
  const message = `${fn}: ${field}: ${issue.message} (got ${describeValue(received)})`;
  // Option values come from the caller (ultimately a user's flag or file), so both classes are
  // branded as input errors: `instanceof InputError` is true and the CLI exits 2, not 1.
  throw markInputError(isTypeIssue(issue, received) ? new errors.TypeError(message) : new errors.RangeError(message));
}

function isTypeIssue(issue: z.core.$ZodIssue, received: unknown): boolean {
  switch (issue.code) {
    case 'invalid_type':
      // zod reports NaN, ±Infinity and non-integers as invalid_type, but they are numbers with a bad value.
      return !(typeof received === 'number' && (issue.expected === 'number' || issue.expected === 'int'));
    case 'unrecognized_keys':
      return true;
    case 'invalid_value':
      // An enum/literal given a value of another JS type (3 for 'a' | 'b') is a type error.
      return issue.values.length > 0 && !issue.values.some((v) => typeof v === typeof received);
    default:
      return false;
  }
}

function pick(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}
