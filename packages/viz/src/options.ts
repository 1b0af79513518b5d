import type { z } from 'zod';
import { VizRangeError, VizTypeError } from './errors.js';

/**
 * Parses an options object with a zod schema at the package boundary: a wrong type throws
 * {@link VizTypeError}, a right type with a bad value {@link VizRangeError}; messages name the
 * function and field. Internal.
 */
export function parseOptions<S extends z.ZodType>(fn: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'options';
  const received = field === 'options' ? value : pick(value, issue.path);
  const message = `${fn}: ${field}: ${issue.message} (got ${describe(received)})`;
  // zod reports NaN, ±Infinity and non-integers as invalid_type; they are numbers with a bad value.
  const expected = (issue as { expected?: unknown }).expected;
  const badNumber = typeof received === 'number' && (expected === 'number' || expected === 'int');
  const isType = (issue.code === 'invalid_type' && !badNumber) || issue.code === 'unrecognized_keys';
  throw isType ? new VizTypeError(message) : new VizRangeError(message);
}

function pick(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** A short printable form of any value, for error messages. Internal. */
export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null) return String(v);
  if (Array.isArray(v)) return v.length > 6 ? `array(${v.length})` : `[${v.map(describe).join(', ')}]`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as unknown as ArrayLike<number>).length})`;
  return typeof v;
}

/** Checks a positive integer size (width, height…). Internal. */
export function checkSize(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw new VizTypeError(`${fn}: ${name} must be a number (got ${describe(v)})`);
  if (!Number.isInteger(v) || v <= 0) throw new VizRangeError(`${fn}: ${name} must be a positive integer (got ${v})`);
  return v;
}
