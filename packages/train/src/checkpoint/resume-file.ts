import * as fs from 'node:fs/promises';
import { checkEnvelope, StateFormatError } from '@mrnet/options';
import { writeFileAtomic } from '@mrnet/options/node';

const MAGIC = 'MRNETRS1';
/** Format name of resume files (in {@link StateFormatError}s). @internal */
export const RESUME_FILE_FORMAT = 'mrnet-train-resume';

/** A named float32 array stored in a resume file. @internal */
export interface NamedArray {
  name: string;
  data: Float32Array;
}

/**
 * Writes a resume file atomically: `MRNETRS1`, a little-endian uint32 header length, the JSON
 * header (space-padded to 4 bytes), then the arrays' float32 bytes in order. The bytes go to a
 * temporary sibling that is fsynced and then renamed over `file`, so a crash leaves either the
 * previous file or the new one, never a mix. `hook` (tests) is awaited after the temporary file is
 * written, before it is committed. @internal
 */
export async function writeResumeFile(file: string, header: Record<string, unknown>, arrays: readonly NamedArray[], hook?: () => Promise<void>): Promise<void> {
  let offset = 0;
  const index = arrays.map((a) => {
    const entry = { name: a.name, offset, length: a.data.length };
    offset += a.data.length;
    return entry;
  });
  let json = JSON.stringify({ format: RESUME_FILE_FORMAT, ...header, arrays: index });
  const jsonBytes = Buffer.from(json, 'utf8');
  const pad = (4 - (jsonBytes.length % 4)) % 4;
  json += ' '.repeat(pad);
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(jsonBytes.length + pad, 8);
  // One atomic write for every saved file: unique temp sibling, fsync of file and folder, cleanup.
  await writeFileAtomic(file, [head, Buffer.from(json, 'utf8'), ...arrays.map((a) => new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength))], hook ? { beforeCommit: hook } : {});
}

/**
 * Reads a file written by {@link writeResumeFile}; its header's envelope must be
 * `{format: RESUME_FILE_FORMAT, version ≤ version}`.
 * @throws StateFormatError naming the file when it is not a complete resume file. @internal
 */
export async function readResumeFile(file: string, version: number): Promise<{ header: Record<string, unknown>; arrays: Map<string, Float32Array> }> {
  const bytes = await fs.readFile(file);
  const bad = (what: string): never => {
    throw new StateFormatError(`readResumeFile: ${file}: ${what}`, RESUME_FILE_FORMAT);
  };
  if (bytes.length < 12 || bytes.toString('latin1', 0, 8) !== MAGIC) bad('not an mrnet resume file (bad magic)');
  const len = bytes.readUInt32LE(8);
  if (12 + len > bytes.length) bad(`header of ${len} bytes does not fit in ${bytes.length} bytes`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(bytes.toString('utf8', 12, 12 + len)) as Record<string, unknown>;
  } catch {
    return bad('header is not JSON');
  }
  // Files written before the names were unified say 'mrnet.train-resume'.
  checkEnvelope('readResumeFile', header, { format: RESUME_FILE_FORMAT, version, aliases: ['mrnet.train-resume'], path: file });
  const index = header['arrays'] as { name: string; offset: number; length: number }[];
  if (!Array.isArray(index)) bad('header has no array index');
  const start = 12 + len;
  const total = index.reduce((n, e) => n + e.length, 0);
  if (start + total * 4 !== bytes.length) bad(`holds ${bytes.length - start} data bytes, header declares ${total * 4}`);
  const data = new Float32Array(total);
  new Uint8Array(data.buffer).set(bytes.subarray(start));
  const arrays = new Map<string, Float32Array>();
  for (const e of index) arrays.set(e.name, data.slice(e.offset, e.offset + e.length));
  return { header, arrays };
}
