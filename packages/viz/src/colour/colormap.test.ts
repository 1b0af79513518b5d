import { describe, expect, it } from 'vitest';
import { VizRangeError } from '../errors.js';
import { colormap, colormapTable } from './colormap.js';

describe('colormap', () => {
  it('has the documented endpoints', () => {
    // MATLAB jet: (0, 0, 0.5) → (0.5, 0, 0); matplotlib inferno/viridis ends (8-bit)
    expect(colormap('jet', 0)).toEqual([0, 0, 128]);
    expect(colormap('jet', 1)).toEqual([128, 0, 0]);
    expect(colormap('jet', 0.5)).toEqual([128, 255, 128]);
    expect(colormap('inferno', 0)).toEqual([0, 0, 4]);
    expect(colormap('inferno', 1)).toEqual([252, 255, 164]);
    expect(colormap('viridis', 0)).toEqual([68, 1, 84]);
    expect(colormap('viridis', 1)).toEqual([253, 231, 37]);
    expect(colormap('grey', 0)).toEqual([0, 0, 0]);
    expect(colormap('grey', 1)).toEqual([255, 255, 255]);
  });

  it('inferno grows brighter monotonically (perceptual ordering)', () => {
    const lum = (c: number[]) => 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    for (let k = 1; k <= 100; k++) expect(lum(colormap('inferno', k / 100))).toBeGreaterThanOrEqual(lum(colormap('inferno', (k - 1) / 100)) - 0.5);
  });

  it('tables agree with the function', () => {
    const lut = colormapTable('jet');
    expect(lut.length).toBe(768);
    expect([...lut.subarray(3 * 255)]).toEqual(colormap('jet', 1));
    expect([...lut.subarray(3 * 64, 3 * 65)]).toEqual(colormap('jet', 64 / 255));
  });

  it('refuses t outside [0, 1] and unknown names instead of clamping', () => {
    expect(() => colormap('jet', 1.01)).toThrow(VizRangeError);
    expect(() => colormap('jet', -0.1)).toThrow(/\[0, 1\] \(got -0.1\)/);
    expect(() => colormap('jet', Number.NaN)).toThrow(RangeError);
    expect(() => colormap('hot' as never, 0.5)).toThrow(/unknown colour map "hot"/);
  });
});
