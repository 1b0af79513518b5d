import { NpyFormatError } from '../errors.js';
import { DTYPE_INFO, parseDescr, type NpyDtype } from './dtype.js';

/**
 * The parsed header of a `.npy` file: everything needed to locate and type its data.
 *
 * @example
 * ```ts
 * const h: NpyHeader = await readNpyFileHeader('0000.npy'); // { shape: [s, 256, 256], dtype: 'u1', … }
 * ```
 */
export interface NpyHeader {
  /** Format version `[major, minor]`: `[1, 0]`, `[2, 0]` or `[3, 0]`. */
  version: [number, number];
  /** The `descr` string as written in the file (`'<f4'`, `'>u2'`, `'|u1'`). */
  descr: string;
  /** Element type without byte order (`'f4'`, `'u2'`, `'u1'`). */
  dtype: NpyDtype;
  /** Byte order of the data in the file. */
  littleEndian: boolean;
  /** Array shape (C order). */
  shape: number[];
  /** Number of elements (product of `shape`). */
  size: number;
  /** Byte offset where the data starts. */
  dataOffset: number;
  /** Number of data bytes the header implies (`size × itemsize`). */
  dataByteLength: number;
}

/** Where an error happened: the calling function and the file, for messages. */
export interface NpyContext {
  fn: string;
  path?: string | undefined;
}

/** Headers longer than this are rejected (NumPy itself refuses headers over 10,000 bytes). */
export const MAX_HEADER_BYTES = 1 << 20;
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Formats a byte count with thousands separators: `1,048,576`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Builds an {@link NpyFormatError} whose message names the function and the file. */
export function npyError(ctx: NpyContext, message: string, cause?: unknown): NpyFormatError {
  const where = ctx.path === undefined ? '' : `${ctx.path}: `;
  return new NpyFormatError(`${ctx.fn}: ${where}${message}`, { path: ctx.path, cause });
}

/**
 * Reads the fixed-size preamble (magic, version, header length). Needs the first 12 bytes (10 for
 * version 1.0); returns the total length of preamble + header, i.e. the data offset.
 */
export function parsePreamble(bytes: Uint8Array, ctx: NpyContext): { version: [number, number]; dataOffset: number } {
  if (bytes.length < 10) {
    throw npyError(ctx, `truncated: ${formatCount(bytes.length)} bytes, shorter than the 10-byte npy preamble`);
  }
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw npyError(ctx, 'not an .npy file (bad magic bytes; expected \\x93NUMPY)');
  }
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (major < 1 || major > 3 || minor !== 0) {
    throw npyError(ctx, `unsupported npy format version ${major}.${minor} (supported: 1.0, 2.0, 3.0)`);
  }
  let preamble = 10;
  let headerLen = bytes[8]! | (bytes[9]! << 8);
  if (major >= 2) {
    preamble = 12;
    if (bytes.length < 12) {
      throw npyError(ctx, `truncated: ${formatCount(bytes.length)} bytes, shorter than the 12-byte npy ${major}.0 preamble`);
    }
    headerLen = (bytes[8]! | (bytes[9]! << 8) | (bytes[10]! << 16)) + bytes[11]! * 0x1000000;
  }
  if (headerLen > MAX_HEADER_BYTES) {
    throw npyError(ctx, `header length ${formatCount(headerLen)} bytes is implausible (corrupt preamble?)`);
  }
  return { version: [major, minor], dataOffset: preamble + headerLen };
}

/**
 * Parses and validates a `.npy` header from the start of a file. `bytes` must hold at least the
 * preamble and the whole header (not necessarily the data). Throws {@link NpyFormatError} for
 * anything malformed or unsupported; never allocates more than the header's own size.
 */
export function parseNpyHeader(bytes: Uint8Array, ctx: NpyContext): NpyHeader {
  const { version, dataOffset } = parsePreamble(bytes, ctx);
  if (bytes.length < dataOffset) {
    throw npyError(
      ctx,
      `truncated: the header declares ${formatCount(dataOffset)} bytes of preamble and header but only ${formatCount(bytes.length)} are present`,
    );
  }
  const start = version[0] === 1 ? 10 : 12;
  const raw = bytes.subarray(start, dataOffset);
  let text: string;
  try {
    text = new TextDecoder(version[0] === 3 ? 'utf-8' : 'latin1', { fatal: true }).decode(raw);
  } catch (e) {
    throw npyError(ctx, 'corrupt header: not valid UTF-8', e);
  }
  const dict = parseHeaderDict(text, ctx);
  const keys = Object.keys(dict).sort().join(',');
  if (keys !== 'descr,fortran_order,shape') {
    throw npyError(ctx, `corrupt header: expected the keys descr, fortran_order, shape but found ${Object.keys(dict).join(', ') || 'none'}`);
  }
  const descr = dict['descr'];
  if (typeof descr !== 'string') {
    throw npyError(ctx, `unsupported dtype ${show(descr)} (structured arrays are not supported)`);
  }
  const parsed = parseDescr(descr);
  if (!parsed) {
    throw npyError(ctx, `unsupported dtype '${descr}' (supported: |u1 |i1 |b1 u2 i2 u4 i4 f4 f8, little- or big-endian)`);
  }
  const fortran = dict['fortran_order'];
  if (typeof fortran !== 'boolean') throw npyError(ctx, `corrupt header: fortran_order is ${show(fortran)}, not True/False`);
  if (fortran) {
    throw npyError(ctx, 'Fortran-order arrays are not supported; save with np.save(path, np.ascontiguousarray(a))');
  }
  const shapeValue = dict['shape'];
  if (!Array.isArray(shapeValue) || !isTuple(shapeValue)) {
    throw npyError(ctx, `corrupt header: shape is ${show(shapeValue)}, not a tuple`);
  }
  const shape: number[] = [];
  let size = 1;
  for (const d of shapeValue) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw npyError(ctx, `absurd shape (${shapeValue.map(show).join(', ')}): dimensions must be non-negative integers`);
    }
    shape.push(d);
    size *= d;
  }
  if (!Number.isSafeInteger(size)) {
    throw npyError(ctx, `absurd shape ${shape.join('×')}: ${size} elements overflow`);
  }
  const dataByteLength = size * DTYPE_INFO[parsed.dtype].size;
  if (!Number.isSafeInteger(dataByteLength)) {
    throw npyError(ctx, `absurd shape ${shape.join('×')}: data size overflows`);
  }
  return { version, descr, dtype: parsed.dtype, littleEndian: parsed.littleEndian, shape, size, dataOffset, dataByteLength };
}

/**
 * Checks that a file of `totalBytes` holds exactly the data its header declares.
 */
export function checkDataLength(header: NpyHeader, totalBytes: number, ctx: NpyContext): void {
  const held = totalBytes - header.dataOffset;
  if (held !== header.dataByteLength) {
    const dims = header.shape.length === 0 ? 'a scalar' : header.shape.join('×');
    throw npyError(
      ctx,
      `header declares ${dims} ${header.descr} (${formatCount(header.dataByteLength)} data bytes) but holds ${formatCount(held)} bytes` +
        (held < header.dataByteLength ? ' (truncated)' : ' (trailing bytes)'),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// A strict parser for the Python dict literal of an npy header: strings, True/False/None,
// integers (with Python 2's optional L suffix), tuples and lists, nested at most MAX_DEPTH deep.

type PyValue = string | number | boolean | null | PyValue[];
const TUPLE = Symbol('tuple');
const MAX_DEPTH = 4;

function isTuple(v: PyValue[]): boolean {
  return (v as unknown as Record<symbol, boolean>)[TUPLE] === true;
}

function show(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return isTuple(v as PyValue[]) ? `(${v.map(show).join(', ')})` : `[${v.map(show).join(', ')}]`;
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return typeof v === 'number' || typeof v === 'bigint' ? String(v) : JSON.stringify(v);
}

function parseHeaderDict(text: string, ctx: NpyContext): Record<string, PyValue> {
  let i = 0;
  const fail = (what: string): never => {
    throw npyError(ctx, `corrupt header dict at character ${i}: ${what}: ${JSON.stringify(text.slice(0, 120))}`);
  };
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const str = (): string => {
    const q = text[i];
    if (q !== "'" && q !== '"') fail('expected a string');
    const end = text.indexOf(q!, i + 1);
    if (end < 0) fail('unterminated string');
    const s = text.slice(i + 1, end);
    if (s.includes('\\') || s.includes('\n')) fail('escapes are not supported in header strings');
    i = end + 1;
    return s;
  };
  const value = (depth: number): PyValue => {
    ws();
    const c = text[i];
    if (c === "'" || c === '"') return str();
    if (c === '(' || c === '[') {
      if (depth >= MAX_DEPTH) fail('nested too deeply');
      const close = c === '(' ? ')' : ']';
      i++;
      const items: PyValue[] = [];
      let sawComma = false;
      for (;;) {
        ws();
        if (text[i] === close) {
          i++;
          break;
        }
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          sawComma = true;
          i++;
        } else if (text[i] !== close) fail(`expected ',' or '${close}'`);
      }
      // (x) without a comma is just a parenthesised value in Python, not a tuple.
      if (c === '(' && items.length === 1 && !sawComma) return items[0]!;
      if (c === '(') Object.defineProperty(items, TUPLE, { value: true });
      return items;
    }
    const m = /^(?:True|False|None|-?\d+L?)/.exec(text.slice(i, i + 32));
    if (!m) return fail('expected a value');
    i += m[0].length;
    if (m[0] === 'True') return true;
    if (m[0] === 'False') return false;
    if (m[0] === 'None') return null;
    const digits = m[0].replace(/L$/, '');
    if (digits.replace('-', '').length > 16) return Number.POSITIVE_INFINITY; // absurd; rejected by the caller
    return Number(digits);
  };

  ws();
  if (text[i] !== '{') fail("expected '{'");
  i++;
  const dict: Record<string, PyValue> = Object.create(null) as Record<string, PyValue>;
  for (;;) {
    ws();
    if (text[i] === '}') {
      i++;
      break;
    }
    const key = str();
    if (Object.prototype.hasOwnProperty.call(dict, key)) fail(`duplicate key '${key}'`);
    ws();
    if (text[i] !== ':') fail("expected ':'");
    i++;
    dict[key] = value(0);
    ws();
    if (text[i] === ',') i++;
    else if (text[i] !== '}') fail("expected ',' or '}'");
  }
  ws();
  // NumPy pads with spaces and ends with '\n'; a NUL or anything else after the dict is corruption.
  if (i !== text.length) fail('unexpected text after the dict');
  return dict;
}
