import { describe, expect, it } from 'vitest';
import { colormap } from '../colour/colormap.js';
import { raster } from '../node/raster.test-support.js';
import { colourBar } from './colour-bar.js';

describe('colourBar', () => {
  it('runs from the map high end at the top to the low end at the bottom, with labels', () => {
    const bar = colourBar({ colormap: 'jet', height: 120, label: 'CAM' });
    expect(bar.height).toBe(120);
    const png = raster(bar);
    const x = Math.round(0.4 * 12) + 8; // strip centre
    const column = Array.from({ length: bar.height }, (_, y) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)]);
    const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= 16); // the frame covers the end rows
    const top = column.findIndex((c) => near(c, colormap('jet', 0.98)));
    const bottom = column.length - 1 - [...column].reverse().findIndex((c) => near(c, colormap('jet', 0.02)));
    expect(top).toBeGreaterThan(0);
    expect(bottom).toBeGreaterThan(top + 70);
    for (const t of ['0.00', '0.50', '1.00', 'CAM']) expect(bar.svg).toContain(`>${t}</text>`);
    expect(() => colourBar({ min: 1, max: 1 })).toThrow(/min must be < max/);
  });

  it('prints negative labels with a real minus sign', () => {
    expect(colourBar({ min: -1, max: 1 }).svg).toContain('>−1.0</text>');
  });
});
