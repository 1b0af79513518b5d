import { describeValue, parseOptions as parse } from '@mrnet/options';
import type { z } from 'zod';
import { VizRangeError, VizTypeError } from './errors.js';

/** A short printable form of any value, for error messages. Internal. */
export const describe = describeValue;

const errors = { TypeError: VizTypeError, RangeError: VizRangeError };

/**
 * `@mrnet/options`' parseOptions bound to this package's errors: a wrong type throws
 * {@link VizTypeError}, a right type with a bad value {@link VizRangeError}; messages name the
 * function and field. Internal.
 */
export function parseOptions<S extends z.ZodType>(fn: string, schema: S, value: unknown): z.output<S> {
  return parse(fn, schema, value, errors);
}

/** Checks a positive integer size (width, height…). Internal. */
export function checkSize(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw new VizTypeError(`${fn}: ${name} must be a number (got ${describe(v)})`);
  if (!Number.isInteger(v) || v <= 0) throw new VizRangeError(`${fn}: ${name} must be a positive integer (got ${v})`);
  return v;
}
