import { describe, expect, it } from 'vitest';
import { Canvas } from '../canvas/canvas.js';
import { VizRangeError, VizTypeError } from '../errors.js';
import { inkIn, raster } from '../node/raster.test-support.js';
import { montage, montageCaptionHeight } from './montage.js';

const solid = (w: number, h: number, c: [number, number, number]) => new Canvas(w, h, c);
const pixel = (png: ReturnType<typeof raster>, x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];

describe('montage', () => {
  it('places tiles row by row with gaps, pixel for pixel, centring smaller tiles', () => {
    const tiles = [solid(4, 4, [255, 0, 0]), solid(4, 4, [0, 255, 0]), solid(2, 2, [0, 0, 255])];
    const m = montage(tiles, 2, undefined, { gap: 1, background: '#000000' });
    expect([m.width, m.height]).toEqual([11, 11]);
    const png = raster(m);
    expect(pixel(png, 1, 1)).toEqual([255, 0, 0, 255]);
    expect(pixel(png, 4, 4)).toEqual([255, 0, 0, 255]);
    expect(pixel(png, 5, 1)).toEqual([0, 0, 0, 255]); // gap
    expect(pixel(png, 6, 1)).toEqual([0, 255, 0, 255]);
    expect(pixel(png, 7, 7)).toEqual([0, 0, 0, 255]); // empty cell
    expect(pixel(png, 1, 6)).toEqual([0, 0, 0, 255]); // small tile is centred: offset 1
    expect(pixel(png, 2, 7)).toEqual([0, 0, 255, 255]);
    expect(pixel(png, 3, 8)).toEqual([0, 0, 255, 255]);
  });

  it('writes a caption in real type under each tile (descenders and all), shortened to the cell', () => {
    const tiles = [solid(80, 20, [90, 90, 90]), solid(80, 20, [90, 90, 90])];
    const m = montage(tiles, 2, ['sagittal', 'a very long caption for this cell'], { gap: 2, background: 'white', captionColour: 'black' });
    expect(m.height).toBe(2 + 20 + montageCaptionHeight(13, 2) + 2);
    expect(m.svg).toContain('>sagittal</text>');
    expect(m.svg).toMatch(/>a very lo[^<]*…<\/text>/);
    const png = raster(m);
    expect(inkIn(png, 0, 22, m.width, m.height - 22)).toBeGreaterThan(40);
  });

  it('rejects bad input', () => {
    expect(() => montage([], 2)).toThrow(VizRangeError);
    expect(() => montage([solid(2, 2, [0, 0, 0])], 0)).toThrow(RangeError);
    expect(() => montage([solid(2, 2, [0, 0, 0])], 1, ['a', 'b'])).toThrow(/1 tiles but 2 labels/);
    expect(() => montage([{ data: new Uint8Array(3), width: 1, height: 1 }], 1)).toThrow(RangeError);
    expect(() => montage([{ data: [0, 0, 0, 0], width: 1, height: 1 } as never], 1)).toThrow(VizTypeError);
  });
});
