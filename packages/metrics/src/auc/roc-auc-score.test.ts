import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rocAucScore } from './roc-auc-score.js';
import { MetricInputError, UndefinedMetricError } from '../errors.js';

interface Case { name: string; yTrue: number[]; yScore: number[]; auc: number }
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/auc_cases.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

describe('rocAucScore', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('equals sklearn roc_auc_score: %s', (_, c) => {
    expect(Math.abs(rocAucScore(c.yTrue, c.yScore) - c.auc)).toBeLessThanOrEqual(1e-12);
  });

  it('covers perfectly separated, reversed and fully tied cases in the fixture', () => {
    const byName = new Map(fixture.cases.map((c) => [c.name, c]));
    expect(byName.get('separated')!.auc).toBe(1);
    expect(byName.get('reversed')!.auc).toBe(0);
    expect(byName.get('all_tied')!.auc).toBe(0.5);
  });

  it('accepts typed arrays', () => {
    const c = fixture.cases[0]!;
    expect(rocAucScore(Uint8Array.from(c.yTrue), Float32Array.from(c.yScore))).toBeCloseTo(
      rocAucScore(c.yTrue, Array.from(Float32Array.from(c.yScore))), 15);
  });

  it('matches the O(n²) pair count, ties counted half (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 5 })), { minLength: 2, maxLength: 30 })
        .filter((a) => a.some(([y]) => y === 0) && a.some(([y]) => y === 1)),
      (pairs) => {
        let wins = 0, nP = 0, nN = 0;
        for (const [yi, si] of pairs) {
          if (yi === 1) nP++; else nN++;
          if (yi !== 1) continue;
          for (const [yj, sj] of pairs) if (yj === 0) wins += si > sj ? 1 : si === sj ? 0.5 : 0;
        }
        const auc = rocAucScore(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
        expect(Math.abs(auc - wins / (nP * nN))).toBeLessThan(1e-15);
      },
    ), { seed: 42, numRuns: 200 });
  });

  it('throws UndefinedMetricError for a single class', () => {
    expect(() => rocAucScore([1, 1, 1], [0.1, 0.2, 0.3])).toThrow(UndefinedMetricError);
    expect(() => rocAucScore([0], [0.1])).toThrow(/only one class/);
  });

  it('throws MetricInputError for bad values, naming the element', () => {
    expect(() => rocAucScore([0, 1], [0.1])).toThrow(MetricInputError);
    expect(() => rocAucScore([0, 1], [0.1])).toThrow(/2 labels but yScore has 1/);
    expect(() => rocAucScore([0, 2], [0.1, 0.2])).toThrow(/yTrue\[1\] = 2/);
    expect(() => rocAucScore([0, -1, 1], [0.1, 0.2, 0.3])).toThrow(MetricInputError);
    expect(() => rocAucScore([0, 1], [0.1, Number.NaN])).toThrow(/yScore\[1\] = NaN/);
    expect(() => rocAucScore([0, 1], [Infinity, 0.5])).toThrow(MetricInputError);
    expect(() => rocAucScore([], [])).toThrow(MetricInputError);
    try { rocAucScore([0, 1, 0.5], [1, 2, 3]); } catch (e) { expect((e as MetricInputError).index).toBe(2); }
  });

  it('throws TypeError for wrong types', () => {
    expect(() => rocAucScore('01' as unknown as number[], [1, 2])).toThrow(TypeError);
    expect(() => rocAucScore([0, 1], [0.1, '0.2'] as unknown as number[])).toThrow(TypeError);
    expect(() => rocAucScore([0, true] as unknown as number[], [0.1, 0.2])).toThrow(TypeError);
  });
});
