import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { VizRangeError, VizTypeError } from '../errors.js';
import { crc32 } from './crc32.js';
import { encodePng } from './encode-png.js';

function randomRgba(w: number, h: number, seed: number): Uint8Array {
  let s = seed >>> 0;
  return Uint8Array.from({ length: w * h * 4 }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s >>> 24;
  });
}

describe('encodePng', () => {
  for (const [w, h] of [
    [1, 1],
    [7, 3],
    [64, 33],
  ] as const) {
    it(`${w}×${h}: pngjs decodes the same size and pixels`, () => {
      const rgba = randomRgba(w, h, w * 31 + h);
      const png = PNG.sync.read(Buffer.from(encodePng(rgba, w, h)));
      expect([png.width, png.height]).toEqual([w, h]);
      expect(new Uint8Array(png.data)).toEqual(rgba);
    });
  }

  it('writes a valid chunk stream: signature, IHDR (8-bit RGBA), IDAT, IEND, correct CRCs', () => {
    const bytes = encodePng(randomRgba(5, 4, 1), 5, 4);
    expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const types: string[] = [];
    let off = 8;
    while (off < bytes.length) {
      const len = view.getUint32(off);
      const type = String.fromCharCode(...bytes.subarray(off + 4, off + 8));
      types.push(type);
      expect(view.getUint32(off + 8 + len)).toBe(crc32(bytes.subarray(off + 4, off + 8 + len)));
      if (type === 'IHDR') expect([...bytes.subarray(off + 16, off + 21)]).toEqual([8, 6, 0, 0, 0]);
      if (type === 'IDAT') expect(inflateSync(bytes.subarray(off + 8, off + 8 + len)).length).toBe(4 * (5 * 4 + 1));
      off += 12 + len;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
  });

  it('crc32 matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('rejects bad sizes and buffers', () => {
    expect(() => encodePng(new Uint8Array(12), 2, 2)).toThrow(/holds 12 bytes but 2×2×4 = 16/);
    expect(() => encodePng(new Uint8Array(16), 0, 4)).toThrow(VizRangeError);
    expect(() => encodePng(new Uint8Array(16), 2.5, 2)).toThrow(RangeError);
    expect(() => encodePng([0, 0, 0, 0] as never, 1, 1)).toThrow(VizTypeError);
  });
});
