import { describe, expect, it } from 'vitest';
import { classWeightsFromLabels } from './class-weights.js';

describe('classWeightsFromLabels', () => {
  it('is [1, neg/pos]', () => {
    expect(classWeightsFromLabels([0, 0, 0, 1])).toEqual([1, 3]);
    expect(classWeightsFromLabels(new Uint8Array([1, 1, 0]))).toEqual([1, 0.5]);
    // MRNet-v1.0 train ACL: 208 positives of 1130.
    expect(classWeightsFromLabels([...Array(922).fill(0), ...Array(208).fill(1)])).toEqual([1, 922 / 208]);
  });
  it('throws RangeError without both classes or for non-binary labels', () => {
    expect(() => classWeightsFromLabels([0, 0])).toThrow(/0 positive/);
    expect(() => classWeightsFromLabels([1])).toThrow(RangeError);
    expect(() => classWeightsFromLabels([])).toThrow(RangeError);
    expect(() => classWeightsFromLabels([0, 2])).toThrow(/label 2 at index 1/);
  });
});
