import type { z } from 'zod';

/**
 * Parses an options object with a zod schema at the package boundary. A value of the wrong type
 * throws `TypeError`, a value of the right type but out of range throws `RangeError`; both messages
 * name the function and the offending field. Internal helper, not re-exported.
 */
export function parseOptions<S extends z.ZodType>(fn: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'options';
  const message = `${fn}: ${field}: ${issue.message}`;
  // zod reports a non-integer number as invalid_type (expected 'int'): a wrong value, not type.
  const notInt = issue.code === 'invalid_type' && (issue as { expected?: unknown }).expected === 'int';
  const isType = (issue.code === 'invalid_type' && !notInt) || issue.code === 'unrecognized_keys';
  throw isType ? new TypeError(message) : new RangeError(message);
}
