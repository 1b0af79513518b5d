import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

const schema = z.object({ mode: z.enum(['a', 'b']).default('a'), n: z.number().int().min(1).optional() }).strict();

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
});
