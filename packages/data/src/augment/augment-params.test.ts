import { describe, expect, it } from 'vitest';
import { createRng } from '../random/index.js';
import { drawAugmentParams } from './augment-params.js';

describe('drawAugmentParams', () => {
  it('draws the seed ranges: rotation in [-25, 25]°, translation within ±11 % of H and W, flip with p = 0.5', () => {
    const rng = createRng(0);
    const n = 4000;
    let maxA = 0, maxTx = 0, maxTy = 0, flips = 0;
    for (let i = 0; i < n; i++) {
      const p = drawAugmentParams(rng, { height: 200, width: 100 });
      maxA = Math.max(maxA, Math.abs(p.angleDeg));
      maxTx = Math.max(maxTx, Math.abs(p.tx));
      maxTy = Math.max(maxTy, Math.abs(p.ty));
      if (p.flip) flips++;
    }
    expect(maxA).toBeLessThanOrEqual(25);
    expect(maxA).toBeGreaterThan(24.9);
    expect(maxTx).toBeLessThanOrEqual(0.11 * 200);
    expect(maxTx).toBeGreaterThan(0.11 * 200 * 0.995);
    expect(maxTy).toBeLessThanOrEqual(0.11 * 100);
    expect(maxTy).toBeGreaterThan(0.11 * 100 * 0.995);
    // Binomial(4000, 0.5): 4 standard deviations is ±126.
    expect(Math.abs(flips - n / 2)).toBeLessThan(126);
  });

  it('is reproducible from the seed and always consumes four draws', () => {
    const a = drawAugmentParams(createRng(9), { height: 64, width: 64 });
    const b = drawAugmentParams(createRng(9), { height: 64, width: 64 });
    expect(a).toEqual(b);
    const r1 = createRng(9);
    const r2 = createRng(9);
    drawAugmentParams(r1, { height: 64, width: 64 });
    drawAugmentParams(r2, { height: 10, width: 30, rotation: 0, translation: 0, flipProbability: 1 });
    expect(r1.next()).toBe(r2.next());
    const fixed = drawAugmentParams(createRng(3), { height: 64, width: 64, rotation: 0, translation: 0, flipProbability: 0 });
    expect(fixed).toEqual({ angleDeg: 0, tx: 0, ty: 0, flip: false });
  });

  it('rejects out-of-range values with RangeError and wrong types with TypeError (never clamps)', () => {
    const rng = createRng(1);
    expect(() => drawAugmentParams(rng, { height: 64, width: 64, flipProbability: 1.5 })).toThrow(RangeError);
    expect(() => drawAugmentParams(rng, { height: 64, width: 64, flipProbability: -0.1 })).toThrow(/flipProbability/);
    expect(() => drawAugmentParams(rng, { height: 64, width: 64, translation: 1 })).toThrow(RangeError);
    expect(() => drawAugmentParams(rng, { height: 64, width: 64, rotation: -1 })).toThrow(RangeError);
    expect(() => drawAugmentParams(rng, { height: 0, width: 64 })).toThrow(RangeError);
    expect(() => drawAugmentParams(rng, { height: 64, width: 64, rotation: '25' as never })).toThrow(TypeError);
  });
});
