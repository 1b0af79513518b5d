// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the package ships no types; its ambient declaration is ours
/// <reference path="./jpeg-lossless-types.d.ts" />
import { Decoder } from 'jpeg-lossless-decoder-js';
import { ImportError } from '../import-error.js';

/**
 * Decodes one frame of JPEG Lossless (Process 14, any selection value: transfer syntaxes
 * 1.2.840.10008.1.2.4.57 and .70) into native little-endian pixel bytes, with
 * jpeg-lossless-decoder-js (the decoder Cornerstone uses). Throws {@link ImportError} naming `path`
 * when the frame is malformed or holds fewer samples than the image needs.
 *
 * @example
 * ```ts
 * const bytes = decodeJpegLosslessFrame(frame, 512 * 512, 16, 'IM0001');
 * new Int16Array(bytes.buffer); // when PixelRepresentation is 1
 * ```
 */
export function decodeJpegLosslessFrame(frame: ArrayBuffer, pixels: number, bitsAllocated: number, path: string): Uint8Array {
  const bytesPer = bitsAllocated / 8;
  if (bytesPer !== 1 && bytesPer !== 2) throw new ImportError(`${path}: JPEG Lossless with BitsAllocated ${bitsAllocated} is not supported (8 or 16)`, { path });
  let decoded: Uint8Array | Uint16Array;
  try {
    decoded = new Decoder().decode(frame, 0, frame.byteLength, bytesPer);
  } catch (e) {
    throw new ImportError(`${path}: JPEG Lossless pixel data could not be decoded (${e instanceof Error ? e.message : String(e)})`, { path, cause: e });
  }
  const bytes = new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
  if (bytes.length < pixels * bytesPer) throw new ImportError(`${path}: JPEG Lossless frame decodes to ${bytes.length} bytes, the image needs ${pixels * bytesPer}`, { path });
  return bytes.slice(0, pixels * bytesPer);
}
