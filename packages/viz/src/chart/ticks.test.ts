import { describe, expect, it } from 'vitest';
import { niceTicks } from './ticks.js';

describe('niceTicks', () => {
  it('covers the range with 1/2/2.5/5 × 10ⁿ steps and matching decimals', () => {
    expect(niceTicks(0.13, 0.92, 5).map((t) => t.label)).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    expect(niceTicks(0, 1, 5).map((t) => t.label)).toEqual(['0.00', '0.25', '0.50', '0.75', '1.00']);
    expect(niceTicks(-3, 47, 6).map((t) => t.value)).toEqual([-10, 0, 10, 20, 30, 40, 50]);
    expect(niceTicks(0.0012, 0.0049, 4).map((t) => t.label)).toEqual(['0.000', '0.002', '0.004', '0.006']); // step 0.00123 → 0.002
    expect(niceTicks(0, 100, 5).map((t) => t.label)).toEqual(['0', '25', '50', '75', '100']);
  });

  it('uses whole steps for integer axes and widens a zero-width range', () => {
    expect(niceTicks(1, 3, 8, true).map((t) => t.value)).toEqual([1, 2, 3]);
    expect(niceTicks(0.5, 0.5, 5).map((t) => t.value)).toEqual([0.45, 0.475, 0.5, 0.525, 0.55]);
  });

  it('rejects bad input', () => {
    expect(() => niceTicks(1, 0)).toThrow(RangeError);
    expect(() => niceTicks(0, Number.NaN)).toThrow(RangeError);
    expect(() => niceTicks(0, 1, 1)).toThrow(RangeError);
  });
});
