/**
 * Element types that `readNpy` accepts and returns, as NumPy kind+size codes (no byte order).
 *
 * @example
 * ```ts
 * NPY_DTYPES.includes('f4'); // true
 * ```
 */
export const NPY_DTYPES = ['u1', 'i1', 'u2', 'i2', 'u4', 'i4', 'f4', 'f8', 'b1'] as const;
/**
 * A supported element type, as a NumPy kind+size code without byte order (`'u1'`, `'f4'`, …).
 *
 * @example
 * ```ts
 * const d: NpyDtype = readNpy(bytes).dtype; // 'u1' for MRNet volumes
 * ```
 */
export type NpyDtype = (typeof NPY_DTYPES)[number];

/**
 * The typed arrays `readNpy` returns, one per {@link NpyDtype} (`b1` is a `Uint8Array` of 0/1).
 *
 * @example
 * ```ts
 * const data: NpyTypedArray = readNpy(bytes).data;
 * ```
 */
export type NpyTypedArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

interface DtypeInfo {
  size: 1 | 2 | 4 | 8;
  make: (buffer: ArrayBuffer, byteOffset: number, length: number) => NpyTypedArray;
}

/** Item size and typed-array constructor per dtype. */
export const DTYPE_INFO: Readonly<Record<NpyDtype, DtypeInfo>> = {
  u1: { size: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
  i1: { size: 1, make: (b, o, n) => new Int8Array(b, o, n) },
  b1: { size: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
  u2: { size: 2, make: (b, o, n) => new Uint16Array(b, o, n) },
  i2: { size: 2, make: (b, o, n) => new Int16Array(b, o, n) },
  u4: { size: 4, make: (b, o, n) => new Uint32Array(b, o, n) },
  i4: { size: 4, make: (b, o, n) => new Int32Array(b, o, n) },
  f4: { size: 4, make: (b, o, n) => new Float32Array(b, o, n) },
  f8: { size: 8, make: (b, o, n) => new Float64Array(b, o, n) },
};

/** True when this machine stores multi-byte numbers little-endian (every mainstream CPU). */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Splits a NumPy `descr` string (`'<f4'`, `'>u2'`, `'|u1'`) into a supported dtype and its byte
 * order, or returns `undefined` when the descr is not one `readNpy` supports.
 */
export function parseDescr(descr: string): { dtype: NpyDtype; littleEndian: boolean } | undefined {
  const m = /^([<>|=]?)([uifb][1248])$/.exec(descr);
  if (!m) return undefined;
  const order = m[1]!;
  const code = m[2]! as NpyDtype;
  if (!(NPY_DTYPES as readonly string[]).includes(code)) return undefined;
  const size = DTYPE_INFO[code].size;
  // '|' (not applicable) is only valid for single-byte types; '=' means native.
  if (order === '|' && size !== 1) return undefined;
  if (order === '' && size !== 1) return undefined;
  const littleEndian = order === '<' || (order === '=' ? HOST_LITTLE_ENDIAN : order !== '>' || size === 1);
  return { dtype: code, littleEndian };
}

/** The NumPy `descr` that `writeNpy` writes for a dtype: little-endian, `|` for single bytes. */
export function descrOf(dtype: NpyDtype): string {
  return DTYPE_INFO[dtype].size === 1 ? `|${dtype}` : `<${dtype}`;
}
