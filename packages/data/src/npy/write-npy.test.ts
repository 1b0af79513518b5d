import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNpy } from './read-npy.js';
import { writeNpy } from './write-npy.js';
import { writeNpyFile } from './write-npy-file.js';

describe('writeNpy', () => {
  const cases = [
    ['u1', new Uint8Array([0, 1, 255, 7, 8, 9])],
    ['i1', new Int8Array([-128, 1, 127, 7, -8, 9])],
    ['u2', new Uint16Array([0, 1, 65535, 7, 8, 9])],
    ['i2', new Int16Array([-32768, 1, 32767, 7, 8, 9])],
    ['u4', new Uint32Array([0, 1, 4294967295, 7, 8, 9])],
    ['i4', new Int32Array([-2147483648, 1, 2147483647, 7, 8, 9])],
    ['f4', new Float32Array([0.5, -1.25, 3e38, Number.NaN, 8, 9])],
    ['f8', new Float64Array([0.1, -1e-300, 1e300, Number.NEGATIVE_INFINITY, 8, 9])],
  ] as const;
  it.each(cases)('round-trips %s through readNpy', (dtype, arr) => {
    const back = readNpy(writeNpy(arr, [2, 3]));
    expect(back.dtype).toBe(dtype);
    expect(back.shape).toEqual([2, 3]);
    expect(back.data.constructor).toBe(arr.constructor);
    expect(Array.from(back.data)).toEqual(Array.from(arr));
  });

  it('writes a NumPy 1.0 header with the little-endian descr and C order', () => {
    const bytes = writeNpy(new Float32Array(6), [2, 3]);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLen = bytes[8]! | (bytes[9]! << 8);
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLen));
    expect(header).toMatch(/^\{'descr':'<f4','fortran_order':False,'shape':\(2,3\)\} *\n$/);
    expect(bytes.length).toBe(10 + headerLen + 24);
  });

  it('writes booleans as b1 from 0/1 bytes', () => {
    const back = readNpy(writeNpy(new Uint8Array([1, 0, 1]), [3], 'b1'));
    expect(back.dtype).toBe('b1');
    expect(Array.from(back.data)).toEqual([1, 0, 1]);
    expect(() => writeNpy(new Uint8Array([2]), [1], 'b1')).toThrow(RangeError);
  });

  it('writes scalars and empty arrays', () => {
    expect(readNpy(writeNpy(new Float64Array([2.5]), [])).shape).toEqual([]);
    expect(readNpy(writeNpy(new Uint8Array(0), [0, 3])).shape).toEqual([0, 3]);
  });

  it('writes only the viewed part of a subarray', () => {
    const base = new Uint16Array([9, 1, 2, 9]);
    expect(Array.from(readNpy(writeNpy(base.subarray(1, 3), [2])).data)).toEqual([1, 2]);
  });

  it('rejects bad arguments with TypeError / RangeError', () => {
    expect(() => writeNpy([1, 2] as unknown as Uint8Array, [2])).toThrow(TypeError);
    expect(() => writeNpy(new BigInt64Array(1) as unknown as Uint8Array, [1])).toThrow(/unsupported array type/);
    expect(() => writeNpy(new Float32Array(2), [2], 'u1')).toThrow(TypeError);
    expect(() => writeNpy(new Float32Array(2), [3])).toThrow(/holds 3 elements but the array has 2/);
    expect(() => writeNpy(new Float32Array(2), [-2, -1])).toThrow(RangeError);
    expect(() => writeNpy(new Float32Array(2), [2.5])).toThrow(RangeError);
  });
});

describe('writeNpyFile', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('writes the file atomically and leaves no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mrnet-npy-'));
    dirs.push(dir);
    const path = join(dir, 'a.npy');
    await writeNpyFile(path, new Int16Array([1, -2, 3]), [3]);
    expect(Array.from(readNpy(new Uint8Array(await readFile(path))).data)).toEqual([1, -2, 3]);
    expect(await readdir(dir)).toEqual(['a.npy']);
  });

  it('leaves an existing file untouched when the arguments are bad', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mrnet-npy-'));
    dirs.push(dir);
    const path = join(dir, 'a.npy');
    await writeNpyFile(path, new Uint8Array([5]), [1]);
    await expect(writeNpyFile(path, new Uint8Array([5]), [2])).rejects.toThrow(RangeError);
    expect(Array.from(readNpy(new Uint8Array(await readFile(path))).data)).toEqual([5]);
    expect(await readdir(dir)).toEqual(['a.npy']);
  });
});
