import { parseOptions as parse } from '@mrnet/options';
import type { z } from 'zod';
import { StackRangeError, StackTypeError } from './errors.js';

export { describeValue as describe } from '@mrnet/options';

const errors = { TypeError: StackTypeError, RangeError: StackRangeError };

/**
 * `@mrnet/options`' parseOptions bound to this package's errors: a value of the wrong type throws
 * {@link StackTypeError}, a value of the right type but out of range {@link StackRangeError}; both
 * messages name the function and the field. Internal helper, not re-exported.
 */
export function parseOptions<S extends z.ZodType>(fn: string, schema: S, value: unknown): z.output<S> {
  return parse(fn, schema, value, errors);
}
