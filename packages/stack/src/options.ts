import type { z } from 'zod';
import { StackRangeError, StackTypeError } from './errors.js';

/**
 * Parses an options object with a zod schema at the package boundary. A value of the wrong type
 * throws {@link StackTypeError} (a `TypeError`), a value of the right type but out of range throws
 * {@link StackRangeError} (a `RangeError`); both messages name the function and the field.
 * Internal helper, not re-exported.
 */
export function parseOptions<S extends z.ZodType>(fn: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'options';
  const received = field === 'options' ? value : pick(value, issue.path);
  const message = `${fn}: ${field}: ${issue.message} (got ${describe(received)})`;
  // zod reports NaN, ±Infinity and non-integers as invalid_type, but they are numbers with a bad value.
  const expected = (issue as { expected?: unknown }).expected;
  const badNumber = typeof received === 'number' && (expected === 'number' || expected === 'int');
  const isType = (issue.code === 'invalid_type' && !badNumber) || issue.code === 'unrecognized_keys';
  throw isType ? new StackTypeError(message) : new StackRangeError(message);
}

function pick(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** A short printable form of any value, for error messages. */
export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null) return String(v);
  if (Array.isArray(v)) return v.length > 6 ? `array(${v.length})` : `[${v.map(describe).join(', ')}]`;
  return typeof v;
}
