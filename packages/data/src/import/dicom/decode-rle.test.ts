import { expect, test } from 'vitest';
import { ImportError } from '../import-error.js';
import { decodeRleFrame } from './decode-rle.js';

function frame(segments: number[][]): ArrayBuffer {
  const header = new DataView(new ArrayBuffer(64));
  header.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((s, i) => {
    header.setUint32(4 + 4 * i, offset, true);
    offset += s.length;
  });
  const out = new Uint8Array(offset);
  out.set(new Uint8Array(header.buffer));
  let at = 64;
  for (const s of segments) {
    out.set(s, at);
    at += s.length;
  }
  return out.buffer;
}

test('PackBits runs (PS3.5 G.3.1): literal n+1 bytes, repeat −n+1 times, −128 a no-op', () => {
  // 0x02 → 3 literal bytes; 0xFE (−2) → the next byte 3 times; 0x80 → nothing
  expect(Array.from(decodeRleFrame(frame([[0x02, 1, 2, 3, 0x80, 0xfe, 9]]), 6, 8, 'a'))).toEqual([1, 2, 3, 9, 9, 9]);
});

test('16-bit: segment 0 holds the high bytes, segment 1 the low bytes', () => {
  const bytes = decodeRleFrame(frame([[0x01, 0x12, 0xab], [0x01, 0x34, 0xcd]]), 2, 16, 'a');
  expect(Array.from(new Uint16Array(bytes.buffer))).toEqual([0x1234, 0xabcd]);
});

test('a malformed frame is an ImportError naming the file', () => {
  expect(() => decodeRleFrame(new ArrayBuffer(10), 4, 8, 'IM1')).toThrow(ImportError);
  expect(() => decodeRleFrame(frame([[0x00, 1]]), 4, 8, 'IM1')).toThrow('IM1: RLE Lossless pixel data is malformed (segment 0 decodes to 1 of 4 samples)');
  expect(() => decodeRleFrame(frame([[0x00, 1]]), 1, 16, 'IM1')).toThrow(/1 segments for 16-bit samples/);
});
