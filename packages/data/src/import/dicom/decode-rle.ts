import { ImportError } from '../import-error.js';

/**
 * Decodes one frame of DICOM RLE Lossless (PS3.5 Annex G) into native little-endian pixel bytes.
 * The frame starts with a 64-byte header (segment count, then up to 15 segment offsets); each
 * segment is PackBits-coded and holds one byte plane, most significant byte first, so a 16-bit
 * image has two segments. Throws {@link ImportError} naming `path` on a malformed frame.
 *
 * @example
 * ```ts
 * const bytes = decodeRleFrame(frame, 512 * 512, 16, 'IM0001'); // Uint8Array of 512·512·2 bytes
 * new Uint16Array(bytes.buffer);
 * ```
 */
export function decodeRleFrame(frame: ArrayBuffer, pixels: number, bitsAllocated: number, path: string): Uint8Array {
  const bytesPer = bitsAllocated / 8;
  const fail = (why: string): never => {
    throw new ImportError(`${path}: RLE Lossless pixel data is malformed (${why})`, { path });
  };
  if (frame.byteLength < 64) fail(`frame of ${frame.byteLength} bytes, shorter than its 64-byte header`);
  const view = new DataView(frame);
  const src = new Uint8Array(frame);
  const segments = view.getUint32(0, true);
  if (segments !== bytesPer) fail(`${segments} segments for ${bitsAllocated}-bit samples (expected ${bytesPer})`);
  const out = new Uint8Array(pixels * bytesPer);
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? view.getUint32(8 + 4 * s, true) : frame.byteLength;
    if (start < 64 || end > frame.byteLength || end < start) fail(`segment ${s} at bytes ${start}–${end}`);
    // segment s holds byte (segments − 1 − s) of each little-endian sample
    const lane = segments - 1 - s;
    let i = start;
    let n = 0;
    while (i < end && n < pixels) {
      const h = (src[i++]! << 24) >> 24;
      if (h >= 0) {
        for (let k = 0; k <= h && n < pixels; k++) out[n++ * bytesPer + lane] = src[i++]!;
      } else if (h !== -128) {
        const v = src[i++]!;
        for (let k = 0; k <= -h && n < pixels; k++) out[n++ * bytesPer + lane] = v;
      }
    }
    if (n < pixels) fail(`segment ${s} decodes to ${n} of ${pixels} samples`);
  }
  return out;
}
