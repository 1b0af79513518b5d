import { describe, expect, it } from 'vitest';
import { colormap } from '../colour/colormap.js';
import { VizRangeError, VizTypeError } from '../errors.js';
import { heatmapOverlay } from './heatmap-overlay.js';

describe('heatmapOverlay', () => {
  const grey = Uint8Array.of(0, 100, 200, 255);
  const cam = Float32Array.of(0, 1, 2, 4); // min-max → t = 0, 0.25, 0.5, 1

  it('alpha 0 gives the grey image, alpha 1 the colour map of the normalised CAM', () => {
    const g = heatmapOverlay(grey, cam, 2, 2, { alpha: 0 });
    expect([...g]).toEqual([0, 0, 0, 255, 100, 100, 100, 255, 200, 200, 200, 255, 255, 255, 255, 255]);
    const c = heatmapOverlay(grey, cam, 2, 2, { alpha: 1, colormap: 'inferno' });
    [0, 0.25, 0.5, 1].forEach((t, k) => expect([...c.subarray(4 * k, 4 * k + 3)]).toEqual(colormap('inferno', Math.round(t * 255) / 255)));
  });

  it('blends (1 − alpha)·grey + alpha·colour', () => {
    const o = heatmapOverlay(grey, cam, 2, 2, { alpha: 0.3, colormap: 'jet' });
    const jet = colormap('jet', 1);
    expect([...o.subarray(12, 15)]).toEqual(jet.map((v) => Math.round(0.7 * 255 + 0.3 * v)));
  });

  it('upsamples a small CAM bilinearly with half-pixel centres (as cv2.resize)', () => {
    const small = Float32Array.of(0, 1, 2, 3);
    const out = heatmapOverlay(new Uint8Array(16), small, 4, 4, { alpha: 1, colormap: 'grey', camWidth: 2, camHeight: 2, camRange: [0, 3] });
    // cv2.resize([[0, 1], [2, 3]], (4, 4)) row 0 = [0, 0.25, 0.75, 1], row 1 = [0.5, 0.75, 1.25, 1.5]
    const expected = [0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5].map((v) => Math.round((v / 3) * 255));
    expect(Array.from({ length: 8 }, (_, k) => out[4 * k])).toEqual(expected);
  });

  it('rejects mismatched sizes and bad options', () => {
    expect(() => heatmapOverlay(grey, new Float32Array(3), 2, 2)).toThrow(/cam holds 3 values but 2×2 = 4/);
    expect(() => heatmapOverlay(new Uint8Array(5), cam, 2, 2)).toThrow(VizRangeError);
    expect(() => heatmapOverlay(grey, cam, 2, 2, { alpha: 1.5 })).toThrow(RangeError);
    expect(() => heatmapOverlay(grey, cam, 2, 2, { colormap: 'hot' as never })).toThrow(RangeError);
    expect(() => heatmapOverlay(grey, [0, 1, 2, 3] as never, 2, 2)).toThrow(VizTypeError);
  });
});

