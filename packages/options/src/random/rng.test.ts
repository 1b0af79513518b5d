import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, Rng } from './rng.js';
import { StateFormatError } from '../state/state-format-error.js';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

/** Pearson chi-square statistic of observed counts against equal expected counts. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const e = total / counts.length;
  return counts.reduce((s, c) => s + ((c - e) * (c - e)) / e, 0);
}

describe('createRng', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(draws(createRng(42), 100)).toEqual(draws(createRng(42), 100));
    const a = draws(createRng(42), 100);
    const b = draws(createRng(43), 100);
    expect(a.filter((x, i) => x === b[i]).length).toBe(0);
    // Seeds that differ only above bit 32 also differ.
    expect(createRng(1).next()).not.toBe(createRng(1 + 2 ** 32).next());
  });

  it('continues the identical sequence after a JSON state round-trip', () => {
    const rng = createRng(2024);
    draws(rng, 37);
    rng.normal();
    const saved = JSON.parse(JSON.stringify(rng.getState()));
    const restored = Rng.fromState(saved);
    const seqA = [...draws(rng, 20), rng.normal(), rng.int(7), ...rng.shuffle([1, 2, 3, 4, 5])];
    const seqB = [...draws(restored, 20), restored.normal(), restored.int(7), ...restored.shuffle([1, 2, 3, 4, 5])];
    expect(seqB).toEqual(seqA);
  });

  it('rejects malformed states and seeds', () => {
    expect(() => Rng.fromState(null as never)).toThrow(TypeError);
    expect(() => Rng.fromState({ format: 'x', version: 1, words: [1, 2, 3, 4] } as never)).toThrow(StateFormatError);
    expect(() => Rng.fromState({ format: 'mrnet-rng-sfc32', version: 2, words: [1, 2, 3, 4] } as never)).toThrow(StateFormatError);
    expect(() => Rng.fromState({ format: 'mrnet-rng-sfc32', version: 1, words: [1, 2, 3, -1] })).toThrow(RangeError);
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng('1' as never)).toThrow(TypeError);
  });

  it('draws uniformly in [0, 1) (chi-square over 20 bins, 20 000 draws)', () => {
    const rng = createRng(7);
    const counts = new Array<number>(20).fill(0);
    let lo = 1, hi = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = rng.next();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      counts[Math.floor(u * 20)]! += 1;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    // 99.9th percentile of chi-square with 19 degrees of freedom is 43.82.
    expect(chiSquare(counts)).toBeLessThan(43.82);
  });

  it('int(n) is unbiased and in range; uniform(lo, hi) stays in [lo, hi)', () => {
    const rng = createRng(11);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 12_000; i++) counts[rng.int(6)]! += 1;
    expect(chiSquare(counts)).toBeLessThan(20.52); // df 5, 99.9th percentile
    for (let i = 0; i < 1000; i++) {
      const x = rng.uniform(-25, 25);
      expect(x >= -25 && x < 25).toBe(true);
    }
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.uniform(2, 1)).toThrow(RangeError);
  });

  it('normal() has mean 0 and variance 1', () => {
    const rng = createRng(3);
    const n = 20_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('shuffle is an in-place permutation with all orders equally likely', () => {
    const rng = createRng(5);
    const arr = [0, 1, 2, 3, 4, 5, 6, 7];
    const out = rng.shuffle(arr);
    expect(out).toBe(arr);
    expect([...arr].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const perms = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const k = rng.shuffle([0, 1, 2]).join('');
      perms.set(k, (perms.get(k) ?? 0) + 1);
    }
    expect(perms.size).toBe(6);
    expect(chiSquare([...perms.values()])).toBeLessThan(20.52);
  });

  it('fork() and deriveSeed() give independent, reproducible streams', () => {
    const parent = createRng(9);
    const childA = parent.fork();
    const childB = parent.fork();
    const a = draws(childA, 50);
    const b = draws(childB, 50);
    expect(a.filter((x, i) => x === b[i]).length).toBe(0);
    const again = createRng(9);
    expect(draws(again.fork(), 50)).toEqual(a);
    expect(deriveSeed(42, 0)).toBe(deriveSeed(42, 0));
    const seeds = new Set(Array.from({ length: 100 }, (_, e) => deriveSeed(42, e)));
    expect(seeds.size).toBe(100);
    expect(deriveSeed(42, 1)).not.toBe(deriveSeed(43, 1));
    // Correlation between neighbouring derived streams is negligible.
    const x = draws(createRng(deriveSeed(42, 1)), 2000);
    const y = draws(createRng(deriveSeed(42, 2)), 2000);
    const mx = x.reduce((p, q) => p + q) / x.length;
    const my = y.reduce((p, q) => p + q) / y.length;
    let cov = 0, vx = 0, vy = 0;
    for (let i = 0; i < x.length; i++) {
      cov += (x[i]! - mx) * (y[i]! - my);
      vx += (x[i]! - mx) ** 2;
      vy += (y[i]! - my) ** 2;
    }
    expect(Math.abs(cov / Math.sqrt(vx * vy))).toBeLessThan(0.1);
  });
});
