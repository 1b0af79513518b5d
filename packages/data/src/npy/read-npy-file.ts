import { open, readFile } from 'node:fs/promises';
import { checkDataLength, npyError, parseNpyHeader, parsePreamble, type NpyHeader } from './header.js';
import { readNpy, type NpyArray } from './read-npy.js';

/**
 * Reads and parses a `.npy` file. Errors about its contents are `NpyFormatError`s naming the
 * file; a file that cannot be read rejects with Node's own error (e.g. `ENOENT`).
 *
 * @example
 * ```ts
 * import { readNpyFile } from '@mrnet/data/node';
 * const { data, shape } = await readNpyFile('MRNet-v1.0/train/axial/0000.npy'); // shape [s, 256, 256]
 * ```
 */
export async function readNpyFile(path: string): Promise<NpyArray> {
  const bytes = await readFile(path);
  return readNpy(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { path });
}

/**
 * A `.npy` header read from a file, with the file's size.
 *
 * @example
 * ```ts
 * const { fileSize, dataOffset } = await readNpyFileHeader('0000.npy');
 * ```
 */
export interface NpyFileHeader extends NpyHeader {
  /** Size of the whole file in bytes. */
  fileSize: number;
}

/**
 * Reads and validates only the header of a `.npy` file (a few hundred bytes), and checks that the
 * file's size matches the data the header declares — a cheap integrity check that does not read
 * the data. Throws `NpyFormatError` naming the file when anything is wrong.
 *
 * @example
 * ```ts
 * import { readNpyFileHeader } from '@mrnet/data/node';
 * const { shape, dtype } = await readNpyFileHeader('MRNet-v1.0/train/axial/0000.npy');
 * ```
 */
export async function readNpyFileHeader(path: string): Promise<NpyFileHeader> {
  const ctx = { fn: 'readNpyFileHeader', path };
  const fh = await open(path, 'r');
  try {
    const { size: fileSize } = await fh.stat();
    const first = new Uint8Array(Math.min(12, fileSize));
    await fh.read(first, 0, first.length, 0);
    const { dataOffset } = parsePreamble(first, ctx);
    if (dataOffset > fileSize) {
      throw npyError(ctx, `truncated: the header declares ${dataOffset} bytes of preamble and header but the file holds ${fileSize}`);
    }
    const head = new Uint8Array(dataOffset);
    const { bytesRead } = await fh.read(head, 0, dataOffset, 0);
    if (bytesRead !== dataOffset) throw npyError(ctx, 'file shrank while being read');
    const header = parseNpyHeader(head, ctx);
    checkDataLength(header, fileSize, ctx);
    return { ...header, fileSize };
  } finally {
    await fh.close();
  }
}
