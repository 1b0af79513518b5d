import { VizRangeError, VizTypeError } from '../errors.js';
import { checkSize, describe } from '../options.js';
import { crc32 } from './crc32.js';
import { zlibDeflate } from './deflate.js';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * Encodes 8-bit RGBA pixels (row-major, `width × height × 4` bytes, not premultiplied) as a PNG
 * file: IHDR (colour type 6, bit depth 8), one zlib-compressed IDAT, IEND, each chunk with its CRC-32.
 *
 * @param rgba - `[height, width, 4]` bytes.
 * @returns The PNG file's bytes.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { encodePng } from '@mrnet/viz';
 * const red = new Uint8Array(4 * 4 * 4).map((_, i) => (i % 4 === 0 || i % 4 === 3 ? 255 : 0));
 * writeFileSync('red.png', encodePng(red, 4, 4));
 * ```
 */
export function encodePng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  if (!(rgba instanceof Uint8Array)) throw new VizTypeError(`encodePng: rgba must be a Uint8Array (got ${describe(rgba)})`);
  checkSize('encodePng', 'width', width);
  checkSize('encodePng', 'height', height);
  if (rgba.length !== width * height * 4) {
    throw new VizRangeError(`encodePng: rgba holds ${rgba.length} bytes but ${width}×${height}×4 = ${width * height * 4} are needed`);
  }
  const stride = width * 4;
  const raw = new Uint8Array((stride + 1) * height); // each row: filter byte 0 (None), then pixels
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);

  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth, colour type RGBA, compression, filter, interlace

  const chunks = [chunk('IHDR', ihdr), chunk('IDAT', zlibDeflate(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(SIGNATURE.length + chunks.reduce((n, c) => n + c.length, 0));
  out.set(SIGNATURE, 0);
  let offset = SIGNATURE.length;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}
