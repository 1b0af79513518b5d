import { parse as npyjsParse } from 'npyjs';
import { DTYPE_INFO, HOST_LITTLE_ENDIAN, descrOf, type NpyDtype, type NpyTypedArray } from './dtype.js';
import { checkDataLength, npyError, parseNpyHeader, type NpyContext } from './header.js';

/**
 * A NumPy array read from `.npy` bytes: C-order data in native byte order, with its shape.
 *
 * @example
 * ```ts
 * const { data, shape, dtype }: NpyArray = readNpy(bytes);
 * ```
 */
export interface NpyArray {
  /** Elements in C (row-major) order, native byte order; `b1` arrays hold 0/1 bytes. */
  data: NpyTypedArray;
  /** Array shape; `[]` for a scalar. */
  shape: number[];
  /** Element type without byte order: `'u1' | 'i1' | 'u2' | 'i2' | 'u4' | 'i4' | 'f4' | 'f8' | 'b1'`. */
  dtype: NpyDtype;
}

/**
 * Options of {@link readNpy}.
 *
 * @example
 * ```ts
 * readNpy(bytes, { path: 'train/axial/0000.npy' }); // errors name the file
 * ```
 */
export interface ReadNpyOptions {
  /** File the bytes came from, named in error messages (default: none). */
  path?: string;
}

/**
 * Parses the bytes of a `.npy` file (format 1.0, 2.0 or 3.0; dtypes `|u1 |i1 |b1` and `u2 i2 u4 i4
 * f4 f8` in either byte order; C order). Big-endian data is converted to native order. The header
 * is parsed and validated here (strictly: magic, version, dict syntax, keys, dtype, shape, exact
 * data length); the typed array is then made by `npyjs` from a canonical, aligned copy.
 *
 * Malformed or unsupported input throws {@link NpyFormatError} (and nothing else); the only
 * allocation is one copy of the data the file actually holds.
 *
 * @example
 * ```ts
 * import { readNpy, writeNpy } from '@mrnet/data';
 * const bytes = writeNpy(new Uint8Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * const { data, shape, dtype } = readNpy(bytes); // Uint8Array [1..6], [2, 3], 'u1'
 * ```
 */
export function readNpy(bytes: Uint8Array, options: ReadNpyOptions = {}): NpyArray {
  const ctx: NpyContext = { fn: 'readNpy', path: options.path };
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`readNpy: expected a Uint8Array, got ${bytes === null ? 'null' : typeof bytes}`);
  }
  const header = parseNpyHeader(bytes, ctx);
  checkDataLength(header, bytes.length, ctx);
  return decodeNpyData(bytes.subarray(header.dataOffset), header.dtype, header.littleEndian, header.shape, ctx);
}

/**
 * Turns validated raw data bytes into a native typed array via npyjs. `raw.length` must equal
 * `size × itemsize` (checked by the caller).
 */
export function decodeNpyData(raw: Uint8Array, dtype: NpyDtype, littleEndian: boolean, shape: number[], ctx: NpyContext): NpyArray {
  const { size: itemSize } = DTYPE_INFO[dtype];
  const count = raw.length / itemSize;
  if (dtype === 'b1') {
    // npyjs turns '|b1' into a JS boolean[]; keep a compact 0/1 Uint8Array instead.
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = raw[i] === 0 ? 0 : 1;
    return { data: out, shape, dtype };
  }
  // Canonical little-endian 1.0 header, padded so the data starts 64-byte aligned.
  let dict = `{'descr': '${descrOf(dtype)}', 'fortran_order': False, 'shape': (${count},), }`;
  dict += ' '.repeat(63 - ((10 + dict.length) % 64)) + '\n';
  const offset = 10 + dict.length;
  const buf = new ArrayBuffer(offset + raw.length);
  const u8 = new Uint8Array(buf);
  u8.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, dict.length & 0xff, dict.length >> 8]);
  for (let i = 0; i < dict.length; i++) u8[10 + i] = dict.charCodeAt(i);
  u8.set(raw, offset);
  if (itemSize > 1 && littleEndian !== HOST_LITTLE_ENDIAN) byteSwap(u8.subarray(offset), itemSize);
  let data: unknown;
  try {
    data = npyjsParse(buf).data;
  } catch (e) {
    throw npyError(ctx, `npyjs could not decode the data: ${(e as Error).message}`, e);
  }
  if (!ArrayBuffer.isView(data) || (data as NpyTypedArray).length !== count) {
    throw npyError(ctx, 'npyjs returned an unexpected array');
  }
  return { data: data as NpyTypedArray, shape, dtype };
}

/** Reverses the byte order of every `itemSize`-byte element in place. */
export function byteSwap(bytes: Uint8Array, itemSize: number): void {
  for (let i = 0; i + itemSize <= bytes.length; i += itemSize) {
    for (let a = i, b = i + itemSize - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}
