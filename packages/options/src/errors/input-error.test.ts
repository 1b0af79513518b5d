import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseOptions } from '../parse-options.js';
import { InputError, isInputError, markInputError } from './input-error.js';

describe('InputError', () => {
  it('is the base of input errors, with path and cause', () => {
    class PlaneError extends InputError {}
    const cause = new Error('ENOENT');
    const e = new PlaneError('no sagittal', { path: 'exam/', cause });
    expect(e).toBeInstanceOf(InputError);
    expect(e).toBeInstanceOf(PlaneError);
    expect(isInputError(e)).toBe(true);
    expect(e.path).toBe('exam/');
    expect(e.cause).toBe(cause);
  });

  it('a bare TypeError or RangeError thrown by our own code is not input (a bug)', () => {
    expect(new TypeError('x is undefined') instanceof InputError).toBe(false);
    expect(isInputError(new RangeError('index out of range'))).toBe(false);
    expect(isInputError('a string')).toBe(false);
  });

  it('parseOptions errors stay TypeError/RangeError and are branded as input errors', () => {
    const schema = z.object({ n: z.int().min(1) }).strict();
    let thrown: unknown;
    try {
      parseOptions('f', schema, { n: '2' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown).toBeInstanceOf(InputError);
    try {
      parseOptions('f', schema, { n: 0 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect(isInputError(thrown)).toBe(true);
  });

  it('a branded subclass is an InputError, but the brand does not leak into other subclasses checks', () => {
    class ShapeError extends RangeError {}
    class OtherInput extends InputError {}
    const e = markInputError(new ShapeError('bad shape'));
    expect(e instanceof InputError).toBe(true);
    expect(e instanceof OtherInput).toBe(false);
  });
});
