import { describe, expect, it } from 'vitest';
import { VizRangeError, VizTypeError } from '../errors.js';
import { Canvas } from './canvas.js';
import { parseColour } from './colour.js';

describe('Canvas', () => {
  it('fills with the background and parses colours', () => {
    const c = new Canvas(3, 2, '#102030');
    expect(c.data.length).toBe(24);
    expect(c.getPixel(2, 1)).toEqual([16, 32, 48, 255]);
    expect(parseColour('#abc')).toEqual([170, 187, 204, 255]);
    expect(parseColour([1, 2, 3])).toEqual([1, 2, 3, 255]);
    expect(parseColour('series1')).toEqual([0xd5, 0x5e, 0x00, 255]);
    expect(() => parseColour('#12')).toThrow(VizRangeError);
    expect(() => parseColour([256, 0, 0])).toThrow(RangeError);
    expect(() => parseColour(7 as never)).toThrow(VizTypeError);
  });

  it('draws crisp horizontal lines and anti-aliased diagonals within their bounds', () => {
    const c = new Canvas(20, 10, 'white');
    c.line(2, 4.5, 17, 4.5, 'black', { antialias: false });
    for (let x = 0; x < 20; x++) {
      for (let y = 0; y < 10; y++) {
        const dark = c.getPixel(x, y)[0] === 0;
        expect(dark).toBe(y === 4 && x >= 2 && x <= 16);
      }
    }
    const d = new Canvas(20, 20, 'white');
    d.line(0, 0, 20, 20, [255, 0, 0], { width: 2 });
    expect(d.getPixel(10, 10)).toEqual([255, 0, 0, 255]);
    expect(d.getPixel(15, 2)).toEqual([255, 255, 255, 255]);
    const g = d.getPixel(11, 9); // an edge pixel: partly covered, blended towards white
    expect(g[0]).toBe(255);
    expect(g[1]).toBeGreaterThan(0);
    expect(g[1]).toBeLessThan(255);
  });

  it('blends with source-over alpha', () => {
    const c = new Canvas(1, 1, 'white');
    c.fillRect(0, 0, 1, 1, [0, 0, 0, 128]);
    expect(c.getPixel(0, 0)).toEqual([127, 127, 127, 255]);
    const t = new Canvas(1, 1, 'transparent');
    t.blendPixel(0, 0, [200, 100, 50, 255], 0.5);
    expect(t.getPixel(0, 0)).toEqual([200, 100, 50, 128]);
  });

  it('draws grey images scaled and ranged, and RGBA tiles', () => {
    const c = new Canvas(4, 4, 'black');
    c.drawImage(Float32Array.of(-1, 0, 1, 3), 2, 2, { width: 4, height: 4 }); // min −1 → 0, max 3 → 255
    expect(c.getPixel(0, 0)).toEqual([0, 0, 0, 255]);
    expect(c.getPixel(3, 0)).toEqual([64, 64, 64, 255]);
    expect(c.getPixel(1, 3)).toEqual([128, 128, 128, 255]);
    expect(c.getPixel(3, 3)).toEqual([255, 255, 255, 255]);
    c.drawImage(Uint8Array.of(10, 20, 30, 40), 2, 2, { x: 2, y: 2 });
    expect(c.getPixel(3, 3)).toEqual([40, 40, 40, 255]);
    c.drawRgba(Uint8Array.of(1, 2, 3, 255), 1, 1, 0, 3);
    expect(c.getPixel(0, 3)).toEqual([1, 2, 3, 255]);
    expect(() => c.drawImage(new Uint8Array(3), 2, 2)).toThrow(/holds 3 values but 2×2 = 4/);
    expect(() => c.drawImage([1, 2, 3, 4] as never, 2, 2)).toThrow(TypeError);
  });

  it('rejects bad sizes, coordinates and widths', () => {
    expect(() => new Canvas(0, 5)).toThrow(VizRangeError);
    expect(() => new Canvas('5' as never, 5)).toThrow(VizTypeError);
    const c = new Canvas(5, 5);
    expect(() => c.getPixel(5, 0)).toThrow(/outside the 5×5 canvas/);
    expect(() => c.line(0, 0, Number.NaN, 1, 'black')).toThrow(RangeError);
    expect(() => c.line(0, 0, 1, 1, 'black', { width: 0 })).toThrow(RangeError);
  });
});
