import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NpyFormatError } from '../errors.js';
import { readNpyFile, readNpyFileHeader } from './read-npy-file.js';
import { writeNpy } from './write-npy.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/npy/', import.meta.url));
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mrnet-npyfile-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('readNpyFile', () => {
  it('reads a NumPy-written big-endian file', async () => {
    const arr = await readNpyFile(join(FIXTURES, 'be_i2.npy'));
    expect(arr.shape).toEqual([2, 3, 4]);
    expect(Array.from(arr.data.subarray(0, 4))).toEqual([-20, -13, -6, 1]);
  });

  it('names the file in NpyFormatError', async () => {
    const path = join(dir, 'short.npy');
    await writeFile(path, writeNpy(new Uint8Array(64), [4, 4, 4]).subarray(0, 100));
    const err = await readNpyFile(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NpyFormatError);
    expect((err as NpyFormatError).path).toBe(path);
    expect((err as Error).message).toContain(`readNpy: ${path}: header declares 4×4×4`);
  });

  it('rejects with the Node error for a missing file', async () => {
    await expect(readNpyFile(join(dir, 'missing.npy'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('readNpyFileHeader', () => {
  it('reads the header of a NumPy 3.0 file and its size', async () => {
    const h = await readNpyFileHeader(join(FIXTURES, 'v3_f4.npy'));
    expect(h).toMatchObject({ version: [3, 0], descr: '<f4', dtype: 'f4', shape: [2, 3, 4], size: 24, dataByteLength: 96 });
    expect(h.fileSize).toBe(h.dataOffset + 96);
  });

  it('detects truncated data from the file size alone', async () => {
    const path = join(dir, 'trunc.npy');
    const full = writeNpy(new Float32Array(6), [2, 3]);
    await writeFile(path, full.subarray(0, full.length - 10));
    await expect(readNpyFileHeader(path)).rejects.toThrow(/readNpyFileHeader: .*trunc\.npy: header declares 2×3 <f4 \(24 data bytes\)/);
  });

  it('detects a header longer than the file and an empty file', async () => {
    const path = join(dir, 'hdr.npy');
    const bytes = writeNpy(new Float32Array(6), [2, 3]);
    await writeFile(path, bytes.subarray(0, 20));
    await expect(readNpyFileHeader(path)).rejects.toThrow(NpyFormatError);
    await writeFile(path, new Uint8Array(0));
    await expect(readNpyFileHeader(path)).rejects.toThrow(/truncated: 0 bytes/);
  });
});
