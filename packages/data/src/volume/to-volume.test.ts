import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NpyFormatError } from '../errors.js';
import { readNpy } from '../npy/index.js';
import { readVolumeFile } from './read-volume-file.js';
import { toVolume } from './to-volume.js';

const VOL = fileURLToPath(new URL('../../fixtures/npy/vol_u1.npy', import.meta.url));
const f = Math.fround;

/** A 1×63×63 volume whose first voxels are `head` and the rest `fill`. */
function volume(head: number[], fill: number): { data: Uint8Array; shape: number[] } {
  const data = new Uint8Array(63 * 63).fill(fill);
  data.set(head);
  return { data, shape: [1, 63, 63] };
}

describe('toVolume', () => {
  it("'none' keeps raw values as float32", () => {
    const v = toVolume(volume([0, 7, 255], 3));
    expect(v.shape).toEqual([1, 63, 63]);
    expect(v.data).toBeInstanceOf(Float32Array);
    expect(Array.from(v.data.subarray(0, 4))).toEqual([0, 7, 255, 3]);
  });

  it("'stanford' min-max scales to 0–255 then subtracts 58.09 and divides by 49.73", () => {
    // min 10, max 60: 10 → 0, 60 → 255, 35 → 127.5, 20 → 51.
    const v = toVolume(volume([10, 60, 35], 20), { intensity: 'stanford' });
    expect(v.data[0]).toBe(f(-58.09 / 49.73));
    expect(v.data[1]).toBe(f((255 - 58.09) / 49.73));
    expect(v.data[2]).toBe(f((127.5 - 58.09) / 49.73));
    expect(v.data[3]).toBe(f((51 - 58.09) / 49.73));
  });

  it("'stanford' maps a constant volume to the value of 0, not NaN", () => {
    const v = toVolume(volume([], 9), { intensity: 'stanford' });
    expect(new Set(v.data)).toEqual(new Set([f(-58.09 / 49.73)]));
  });

  it("'imagenet' divides by 255 then standardises with the grey ImageNet mean and std", () => {
    const v = toVolume(volume([0, 255, 51], 0), { intensity: 'imagenet' });
    expect(v.data[0]).toBe(f(-0.449 / 0.226));
    expect(v.data[1]).toBe(f((1 - 0.449) / 0.226));
    expect(v.data[2]).toBe(f((0.2 - 0.449) / 0.226));
  });

  it('accepts any numeric dtype', () => {
    const v = toVolume({ data: new Float64Array(2 * 63 * 64).fill(-1.5), shape: [2, 63, 64] });
    expect(v.shape).toEqual([2, 63, 64]);
    expect(v.data[127]).toBe(-1.5);
  });

  it.each([
    [[63, 63], /got shape 63×63/],
    [[1, 2, 63, 63], /got shape 1×2×63×63/],
    [[0, 63, 63], /got shape 0×63×63/],
    [[1, 62, 63], /got shape 1×62×63/],
    [[1, 63, 62], /got shape 1×63×62/],
    [[], /got a scalar/],
  ])('rejects shape %j with NpyFormatError naming the file', (shape, pattern) => {
    const size = shape.reduce((a, b) => a * b, 1);
    let err: unknown;
    try {
      toVolume({ data: new Uint8Array(size), shape }, { path: 'x/0001.npy' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NpyFormatError);
    expect((err as NpyFormatError).path).toBe('x/0001.npy');
    expect((err as Error).message).toMatch(/^toVolume: x\/0001\.npy: expected a 3-D s×H×W volume/);
    expect((err as Error).message).toMatch(pattern);
  });

  it('rejects bad options with TypeError / RangeError', () => {
    const v = volume([], 0);
    expect(() => toVolume(v, { intensity: 'zscore' as 'none' })).toThrow(RangeError);
    expect(() => toVolume(v, { intensity: 3 as unknown as 'none' })).toThrow(TypeError);
    expect(() => toVolume(v, { bogus: 1 } as object)).toThrow(TypeError);
  });
});

describe('readVolumeFile', () => {
  it('reads a NumPy-written volume', async () => {
    const v = await readVolumeFile(VOL);
    const raw = readNpy(new Uint8Array(readFileSync(VOL)));
    expect(v.shape).toEqual([3, 63, 64]);
    expect(Array.from(v.data)).toEqual(Array.from(raw.data));
    // The fixture holds (i*7 − 20) mod 256.
    expect(v.data[0]).toBe(236);
    expect(v.data[3]).toBe(1);
  });

  it('names the file when it is not a volume', async () => {
    const path = fileURLToPath(new URL('../../fixtures/npy/le_u1.npy', import.meta.url));
    await expect(readVolumeFile(path)).rejects.toThrow(`toVolume: ${path}: expected a 3-D`);
  });
});
