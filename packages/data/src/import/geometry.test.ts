import { describe, expect, test } from 'vitest';
import { cross, planeOfNormal, toCanonical } from './geometry.js';

describe('planeOfNormal', () => {
  test('the dominant patient axis names the plane, with the angle off that axis', () => {
    expect(planeOfNormal([1, 0, 0])).toEqual({ plane: 'sagittal', obliqueDegrees: 0 });
    expect(planeOfNormal([0, -1, 0])).toEqual({ plane: 'coronal', obliqueDegrees: 0 });
    expect(planeOfNormal([0, 0, -2]).plane).toBe('axial');
    const a = (40 * Math.PI) / 180;
    const r = planeOfNormal([Math.sin(a), 0, Math.cos(a)]);
    expect(r.plane).toBe('axial');
    expect(r.obliqueDegrees).toBeCloseTo(40, 9);
  });

  test('slice normal = row × column cosines (DICOM: axial row +x, column +y → +z)', () => {
    expect(cross([1, 0, 0], [0, 1, 0])).toEqual([0, 0, 1]);
    expect(cross([0, 1, 0], [0, 0, -1])).toEqual([-1, 0, 0]);
  });
});

describe('toCanonical', () => {
  test('permutes and reverses axes only: a 2×2×3 volume stored with columns first comes back transposed', () => {
    // stored [slice, a, b] where a runs along +x (should be columns) and b along +y (should be rows), axial
    const data = Float32Array.from({ length: 12 }, (_, i) => i);
    const out = toCanonical({ data, shape: [2, 2, 3], directions: [[0, 0, 1], [1, 0, 0], [0, 1, 0]], spacing: [3, 0.5, 0.7] }, 'axial', 0);
    expect(out.shape).toEqual([2, 3, 2]);
    expect(out.spacing).toEqual([3, 0.7, 0.5]);
    expect(Array.from(out.data)).toEqual([0, 3, 1, 4, 2, 5, 6, 9, 7, 10, 8, 11]);
    expect(out.reorientation).toEqual({ from: [0, 2, 1], flipped: [false, false, false] });
  });
});
