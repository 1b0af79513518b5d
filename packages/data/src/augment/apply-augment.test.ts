import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readNpy } from '../npy/index.js';
import { createRng } from '../random/index.js';
import { applyAugment } from './apply-augment.js';
import type { AugmentParams } from './augment-params.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/augment/', import.meta.url));

function randomVolume(seed: number, s: number, h: number, w: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: s * h * w }, () => rng.uniform(0, 255));
}

const at = (v: Float32Array, h: number, w: number, k: number, r: number, c: number): number => v[(k * h + r) * w + c]!;
const none: AugmentParams = { angleDeg: 0, tx: 0, ty: 0, flip: false };

describe('applyAugment', () => {
  it('zero parameters are exactly the identity (and return a new array)', () => {
    const v = randomVolume(1, 3, 17, 23);
    const out = applyAugment(v, [3, 17, 23], none);
    expect(out).not.toBe(v);
    expect(out).toEqual(v);
    const u8 = Uint8Array.from({ length: 2 * 9 * 11 }, (_, i) => (i * 37) % 256);
    expect(Array.from(applyAugment(u8, [2, 9, 11], none))).toEqual(Array.from(u8));
  });

  it('flips the last axis, and flipping twice is the identity', () => {
    const [s, h, w] = [2, 8, 13];
    const v = randomVolume(2, s, h, w);
    const flip = { ...none, flip: true };
    const once = applyAugment(v, [s, h, w], flip);
    for (let k = 0; k < s; k++)
      for (let r = 0; r < h; r++)
        for (let c = 0; c < w; c++) expect(at(once, h, w, k, r, c)).toBe(at(v, h, w, k, r, w - 1 - c));
    expect(applyAugment(once, [s, h, w], flip)).toEqual(v);
  });

  it('a +90° rotation of a square image is exactly rot90 clockwise (numpy.rot90(x, -1)); ±180° is exact too', () => {
    const n = 32;
    const v = randomVolume(3, 2, n, n);
    const r90 = applyAugment(v, [2, n, n], { ...none, angleDeg: 90 });
    const rm90 = applyAugment(v, [2, n, n], { ...none, angleDeg: -90 });
    const r180 = applyAugment(v, [2, n, n], { ...none, angleDeg: 180 });
    for (let k = 0; k < 2; k++)
      for (let r = 0; r < n; r++)
        for (let c = 0; c < n; c++) {
          // numpy.rot90(a, k=-1)[r, c] = a[n-1-c, r]: the top row becomes the right column.
          expect(at(r90, n, n, k, r, c)).toBe(at(v, n, n, k, n - 1 - c, r));
          expect(at(rm90, n, n, k, r, c)).toBe(at(v, n, n, k, c, n - 1 - r));
          expect(at(r180, n, n, k, r, c)).toBe(at(v, n, n, k, n - 1 - r, n - 1 - c));
        }
  });

  it('an integer translation moves content by exactly (-tx, -ty) pixels, edges replicated', () => {
    const [s, h, w] = [2, 12, 15];
    const v = randomVolume(4, s, h, w);
    const tx = 3, ty = -5;
    const out = applyAugment(v, [s, h, w], { ...none, tx, ty });
    const clamp = (x: number, n: number): number => Math.min(n - 1, Math.max(0, x));
    for (let k = 0; k < s; k++)
      for (let r = 0; r < h; r++)
        for (let c = 0; c < w; c++) expect(at(out, h, w, k, r, c)).toBe(at(v, h, w, k, clamp(r + tx, h), clamp(c + ty, w)));
    // Content at input (5, 2) is found at output (5 - tx, 2 - ty) = (2, 7): up 3, right 5.
    expect(at(out, h, w, 0, 2, 7)).toBe(at(v, h, w, 0, 5, 2));
    // With a flip, the translated image is then mirrored left-right.
    const flipped = applyAugment(v, [s, h, w], { ...none, tx, ty, flip: true });
    for (let k = 0; k < s; k++)
      for (let r = 0; r < h; r++)
        for (let c = 0; c < w; c++) expect(at(flipped, h, w, k, r, c)).toBe(at(out, h, w, k, r, w - 1 - c));
    const rotFlip = applyAugment(v, [s, h, w], { ...none, angleDeg: 90, flip: true });
    const rot = applyAugment(v, [s, h, w], { ...none, angleDeg: 90 });
    for (let r = 0; r < h; r++)
      for (let c = 0; c < w; c++) expect(at(rotFlip, h, w, 1, r, c)).toBe(at(rot, h, w, 1, r, w - 1 - c));
  });

  it('applies the same transform to every slice', () => {
    const [s, h, w] = [5, 20, 24]; // odd: slices are processed in pairs plus a last single one
    const v = randomVolume(5, s, h, w);
    const params: AugmentParams = { angleDeg: -13.7, tx: 2.3, ty: -1.9, flip: true };
    const whole = applyAugment(v, [s, h, w], params);
    for (let k = 0; k < s; k++) {
      const one = applyAugment(v.subarray(k * h * w, (k + 1) * h * w), [1, h, w], params);
      expect(whole.subarray(k * h * w, (k + 1) * h * w)).toEqual(one);
    }
    const same = new Float32Array(s * h * w);
    for (let k = 0; k < s; k++) same.set(v.subarray(0, h * w), k * h * w);
    const out = applyAugment(same, [s, h, w], params);
    for (let k = 1; k < s; k++) expect(out.subarray(k * h * w, (k + 1) * h * w)).toEqual(out.subarray(0, h * w));
  });

  it('matches the NumPy port of torchsample th_affine2d (scripts/fixtures/make_augment_fixture.py) to 1e-4', () => {
    const spec = JSON.parse(readFileSync(FIXTURES + 'cases.json', 'utf8')) as {
      input: string;
      cases: { params: AugmentParams; expected: string; torchsample?: string; torchsampleAgreesBeyond?: number }[];
    };
    const input = readNpy(readFileSync(FIXTURES + spec.input));
    expect(input.shape).toEqual([2, 70, 70]);
    const [s, h, w] = input.shape as [number, number, number];
    let verbatimChecked = 0;
    for (const c of spec.cases) {
      const out = applyAugment(input.data, [s, h, w], c.params);
      const expected = readNpy(readFileSync(FIXTURES + c.expected)).data;
      let maxErr = 0;
      for (let i = 0; i < out.length; i++) maxErr = Math.max(maxErr, Math.abs(out[i]! - expected[i]!));
      expect(maxErr).toBeLessThanOrEqual(1e-4);
      if (c.torchsample !== undefined) {
        // torchsample verbatim (clamp to size-2) differs only near the border.
        const ts = readNpy(readFileSync(FIXTURES + c.torchsample)).data;
        const b = c.torchsampleAgreesBeyond!;
        expect(b).toBeLessThan(h / 2 - 10);
        for (let k = 0; k < s; k++)
          for (let r = b; r < h - b; r++)
            for (let q = b; q < w - b; q++) {
              const i = (k * h + r) * w + q;
              maxErr = Math.max(maxErr, Math.abs(out[i]! - ts[i]!));
              verbatimChecked++;
            }
        expect(maxErr).toBeLessThanOrEqual(1e-4);
      }
    }
    expect(verbatimChecked).toBeGreaterThan(0);
  });

  it('rejects a shape that does not match the data, and non-finite parameters', () => {
    const v = new Float32Array(2 * 4 * 4);
    expect(() => applyAugment(v, [2, 4, 5], none)).toThrow(RangeError);
    expect(() => applyAugment(v, [32, 1, 1], none)).toThrow(RangeError);
    expect(() => applyAugment(v, [2, 4, 4], { ...none, angleDeg: Number.NaN })).toThrow(RangeError);
    expect(() => applyAugment(v, [2, 4, 4], { ...none, tx: '1' as never })).toThrow(TypeError);
  });
});
