import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseOptions } from './parse-options.js';

const schema = z.object({ mode: z.enum(['a', 'b']).default('a'), n: z.number().int().min(1).optional() }).strict();

class PkgTypeError extends TypeError {
  override name = 'PkgTypeError';
}
class PkgRangeError extends RangeError {
  override name = 'PkgRangeError';
}
const errors = { TypeError: PkgTypeError, RangeError: PkgRangeError };

/** The error parseOptions throws for `value`, or a failure if it does not throw. */
function thrown(s: z.ZodType, value: unknown, errs?: typeof errors): Error {
  try {
    parseOptions('f', s, value, errs);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`expected parseOptions to throw for ${String(value)}`);
}

describe('parseOptions', () => {
  it('returns parsed values with defaults', () => {
    expect(parseOptions('f', schema, {})).toEqual({ mode: 'a' });
    expect(parseOptions('f', schema, { mode: 'b', n: 2 })).toEqual({ mode: 'b', n: 2 });
  });

  it('throws TypeError for a wrong type, naming the function and field', () => {
    expect(() => parseOptions('f', schema, { n: '2' })).toThrow(TypeError);
    expect(() => parseOptions('f', schema, { n: '2' })).toThrow(/^f: n: .*\(got "2"\)$/);
    expect(() => parseOptions('f', schema, { mode: 3 })).toThrow(TypeError);
    expect(() => parseOptions('f', schema, { extra: 1 })).toThrow(TypeError);
    expect(() => parseOptions('f', schema, null)).toThrow(TypeError);
  });

  it('throws RangeError for a wrong value of the right type', () => {
    expect(() => parseOptions('f', schema, { mode: 'c' })).toThrow(RangeError);
    expect(() => parseOptions('f', schema, { n: 0 })).toThrow(/^f: n: .*\(got 0\)$/);
    expect(() => parseOptions('f', schema, { n: 1.5 })).toThrow(RangeError);
  });

  it('classifies NaN, ±Infinity and non-integers as RangeError, for number and int schemas', () => {
    const s = z.object({ x: z.number().optional(), k: z.int().optional(), j: z.number().int().optional() }).strict();
    for (const field of ['x', 'k', 'j']) {
      for (const bad of [Number.NaN, Infinity, -Infinity]) {
        const e = thrown(s, { [field]: bad });
        expect(e).toBeInstanceOf(RangeError);
        expect(e.message).toBe(`f: ${field}: Invalid input: expected number, received ${String(bad)} (got ${String(bad)})`);
      }
    }
    for (const field of ['k', 'j']) {
      const e = thrown(s, { [field]: 2.5 });
      expect(e).toBeInstanceOf(RangeError);
      expect(e.message).toBe(`f: ${field}: Invalid input: expected int, received number (got 2.5)`);
    }
    // A non-number for a number or int schema stays a TypeError.
    for (const field of ['x', 'k', 'j']) for (const bad of ['1', true, null, [1]]) expect(thrown(s, { [field]: bad })).not.toBeInstanceOf(RangeError);
    for (const field of ['x', 'k', 'j']) expect(thrown(s, { [field]: '1' })).toBeInstanceOf(TypeError);
  });

  it('classifies an enum or literal given another JS type as TypeError, the same type as RangeError', () => {
    const s = z.object({ e: z.enum(['a', 'b']).optional(), l: z.literal(1).optional(), m: z.literal(['x', 2]).optional() }).strict();
    expect(thrown(s, { e: 3 })).toBeInstanceOf(TypeError);
    expect(thrown(s, { e: 3 }).message).toBe('f: e: Invalid option: expected one of "a"|"b" (got 3)');
    expect(thrown(s, { e: 'c' })).toBeInstanceOf(RangeError);
    expect(thrown(s, { e: 'c' }).message).toBe('f: e: Invalid option: expected one of "a"|"b" (got "c")');
    expect(thrown(s, { l: '1' })).toBeInstanceOf(TypeError);
    expect(thrown(s, { l: 2 })).toBeInstanceOf(RangeError);
    // A literal set of mixed types: only a type matching none of them is a TypeError.
    expect(thrown(s, { m: 'y' })).toBeInstanceOf(RangeError);
    expect(thrown(s, { m: 3 })).toBeInstanceOf(RangeError);
    expect(thrown(s, { m: true })).toBeInstanceOf(TypeError);
  });

  it('classifies unrecognized keys of a strict object as TypeError, naming the key', () => {
    const e = thrown(schema, { mode: 'a', extra: 1 });
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe('f: options: Unrecognized key: "extra" (got object)');
  });

  it('classifies a wrong type for the whole value as TypeError under the field name options', () => {
    for (const v of [null, undefined, 3, 'x']) {
      const e = thrown(schema, v);
      expect(e).toBeInstanceOf(TypeError);
      expect(e.message).toMatch(/^f: options: Invalid input: expected object, received \w+ \(got .*\)$/);
    }
    expect(thrown(schema, 'x').message).toBe('f: options: Invalid input: expected object, received string (got "x")');
  });

  it('classifies bounds, refinements and unions as RangeError', () => {
    const s = z
      .object({
        p: z.number().min(0).max(1).optional(),
        s: z.string().min(2).optional(),
        a: z.array(z.number()).min(1).optional(),
        r: z.number().refine((v) => v % 2 === 0, 'must be even').optional(),
        u: z.union([z.literal(0), z.literal(1)]).optional(),
      })
      .strict();
    expect(thrown(s, { p: 1.5 })).toBeInstanceOf(RangeError);
    expect(thrown(s, { p: -1 }).message).toBe('f: p: Too small: expected number to be >=0 (got -1)');
    expect(thrown(s, { s: 'x' })).toBeInstanceOf(RangeError);
    expect(thrown(s, { a: [] })).toBeInstanceOf(RangeError);
    expect(thrown(s, { r: 3 }).message).toBe('f: r: must be even (got 3)');
    expect(thrown(s, { r: 3 })).toBeInstanceOf(RangeError);
    expect(thrown(s, { u: 2 })).toBeInstanceOf(RangeError);
  });

  it('names nested fields by their dotted path and describes the value found there', () => {
    const s = z.object({ a: z.object({ b: z.array(z.number().positive()) }) });
    const e = thrown(s, { a: { b: [1, -2] } });
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toBe('f: a.b.1: Too small: expected number to be >0 (got -2)');
    const t = thrown(s, { a: { b: new Float32Array(3) } });
    expect(t).toBeInstanceOf(TypeError);
    expect(t.message).toBe('f: a.b: Invalid input: expected array, received Float32Array (got Float32Array(3))');
    // A field literally called "options" is still looked up, not confused with the whole value.
    expect(thrown(z.object({ options: z.number().min(1) }), { options: 0 }).message).toBe('f: options: Too small: expected number to be >=1 (got 0)');
  });

  it('throws the classes it is given, which stay TypeError / RangeError subclasses', () => {
    const t = thrown(schema, { n: '2' }, errors);
    expect(t).toBeInstanceOf(PkgTypeError);
    expect(t).toBeInstanceOf(TypeError);
    expect(t.name).toBe('PkgTypeError');
    const r = thrown(schema, { n: Number.NaN }, errors);
    expect(r).toBeInstanceOf(PkgRangeError);
    expect(r).toBeInstanceOf(RangeError);
    expect(thrown(schema, { n: '2' })).not.toBeInstanceOf(PkgTypeError);
  });
});
