import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { VizRangeError, VizTypeError } from '../errors.js';
import { figureFontFiles, renderPng } from './render-png.js';
import { inkIn } from './raster.test-support.js';

const svgOf = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#fff"/>` +
  `<text x="10" y="28" font-family="DejaVu Sans" font-size="24">${text}</text></svg>`;

describe('renderPng', () => {
  it('renders SVG text with the shipped DejaVu Sans: σ, −, é and descenders have glyphs', () => {
    expect(figureFontFiles().every((f) => f.endsWith('.ttf'))).toBe(true);
    for (const ch of ['σ', '−', 'é', 'g']) {
      const png = PNG.sync.read(Buffer.from(renderPng(svgOf(ch))));
      expect([png.width, png.height]).toEqual([120, 40]);
      expect(inkIn(png, 0, 0, 120, 40), ch).toBeGreaterThan(20);
    }
    // 'g' reaches below the baseline (y = 28), unlike the old 5×7 bitmap font
    expect(inkIn(PNG.sync.read(Buffer.from(renderPng(svgOf('g')))), 0, 30, 120, 10)).toBeGreaterThan(5);
    // each is its own glyph: not the '?' of the old bitmap font, not the font's missing-glyph box
    const bytes = (t: string) => Buffer.from(renderPng(svgOf(t)));
    for (const ch of ['σ', '−', 'é']) {
      expect(bytes(ch).equals(bytes('?')), ch).toBe(false);
      expect(bytes(ch).equals(bytes('\u{e000}')), ch).toBe(false);
    }
  });

  it('is deterministic and scales', () => {
    const a = renderPng(svgOf('AUC 0.95'));
    expect(Buffer.from(renderPng(svgOf('AUC 0.95'))).equals(Buffer.from(a))).toBe(true);
    const big = PNG.sync.read(Buffer.from(renderPng({ width: 120, height: 40, svg: svgOf('x') }, { scale: 2 })));
    expect([big.width, big.height]).toEqual([240, 80]);
  });

  it('rejects what is not a figure, and bad scales', () => {
    expect(() => renderPng(42 as never)).toThrow(VizTypeError);
    expect(() => renderPng(svgOf('x'), { scale: 0 })).toThrow(VizRangeError);
  });
});
