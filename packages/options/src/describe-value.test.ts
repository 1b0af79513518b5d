import { describe, expect, it } from 'vitest';
import { describeValue } from './describe-value.js';

describe('describeValue', () => {
  it('prints primitives as themselves and quotes strings', () => {
    expect(describeValue('jet')).toBe('"jet"');
    expect(describeValue('a"b')).toBe('"a\\"b"');
    expect(describeValue(1.5)).toBe('1.5');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(-Infinity)).toBe('-Infinity');
    expect(describeValue(false)).toBe('false');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
  });

  it('prints arrays of up to 6 items element by element, longer ones by length', () => {
    expect(describeValue([])).toBe('[]');
    expect(describeValue([1, 'a', [null]])).toBe('[1, "a", [null]]');
    expect(describeValue([1, 2, 3, 4, 5, 6])).toBe('[1, 2, 3, 4, 5, 6]');
    expect(describeValue([1, 2, 3, 4, 5, 6, 7])).toBe('array(7)');
  });

  it('prints typed arrays and DataViews by constructor and length', () => {
    expect(describeValue(new Float32Array(5))).toBe('Float32Array(5)');
    expect(describeValue(new Uint8Array(0))).toBe('Uint8Array(0)');
    expect(describeValue(new BigInt64Array(2))).toBe('BigInt64Array(2)');
    expect(describeValue(new DataView(new ArrayBuffer(8)))).toBe('DataView(8)');
  });

  it('prints anything else as its typeof', () => {
    expect(describeValue({ a: 1 })).toBe('object');
    expect(describeValue(() => 1)).toBe('function');
    expect(describeValue(10n)).toBe('bigint');
    expect(describeValue(Symbol('s'))).toBe('symbol');
    expect(describeValue(new Map())).toBe('object');
  });
});
