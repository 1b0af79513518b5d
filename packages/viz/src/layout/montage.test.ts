import { describe, expect, it } from 'vitest';
import { Canvas } from '../canvas/canvas.js';
import { VizRangeError, VizTypeError } from '../errors.js';
import { montage } from './montage.js';

const solid = (w: number, h: number, c: [number, number, number]) => new Canvas(w, h, c);

describe('montage', () => {
  it('places tiles row by row with gaps, centring smaller tiles', () => {
    const tiles = [solid(4, 4, [255, 0, 0]), solid(4, 4, [0, 255, 0]), solid(2, 2, [0, 0, 255])];
    const m = montage(tiles, 2, undefined, { gap: 1, background: '#000000' });
    expect([m.width, m.height]).toEqual([11, 11]);
    expect(m.getPixel(1, 1)).toEqual([255, 0, 0, 255]);
    expect(m.getPixel(4, 4)).toEqual([255, 0, 0, 255]);
    expect(m.getPixel(5, 1)).toEqual([0, 0, 0, 255]); // gap
    expect(m.getPixel(6, 1)).toEqual([0, 255, 0, 255]);
    expect(m.getPixel(7, 7)).toEqual([0, 0, 0, 255]); // empty cell
    expect(m.getPixel(1, 6)).toEqual([0, 0, 0, 255]); // small tile is centred: offset 1
    expect(m.getPixel(2, 7)).toEqual([0, 0, 255, 255]);
    expect(m.getPixel(3, 8)).toEqual([0, 0, 255, 255]);
  });

  it('writes a caption under each tile', () => {
    const tiles = [solid(40, 20, [90, 90, 90]), solid(40, 20, [90, 90, 90])];
    const m = montage(tiles, 2, ['s 1', 's 2'], { gap: 2 });
    const captionTop = 2 + 20;
    let white = 0;
    for (let y = captionTop; y < m.height; y++) for (let x = 0; x < m.width; x++) if (m.getPixel(x, y)[0] === 255) white++;
    expect(white).toBeGreaterThan(20);
    expect(m.height).toBe(2 + 20 + 7 + 4 + 2);
  });

  it('rejects bad input', () => {
    expect(() => montage([], 2)).toThrow(VizRangeError);
    expect(() => montage([solid(2, 2, [0, 0, 0])], 0)).toThrow(RangeError);
    expect(() => montage([solid(2, 2, [0, 0, 0])], 1, ['a', 'b'])).toThrow(/1 tiles but 2 labels/);
    expect(() => montage([{ data: new Uint8Array(3), width: 1, height: 1 }], 1)).toThrow(RangeError);
    expect(() => montage([{ data: [0, 0, 0, 0], width: 1, height: 1 } as never], 1)).toThrow(VizTypeError);
  });
});
