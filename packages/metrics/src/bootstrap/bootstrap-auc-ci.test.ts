import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bootstrapAucCi } from './bootstrap-auc-ci.js';
import { UndefinedMetricError } from '../errors.js';

interface Boot { nResamples: number; alpha: number; seed: number; lower: number; upper: number; nSkipped: number; auc: number }
interface Case { name: string; yTrue: number[]; yScore: number[]; bootstrap?: Boot }
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/auc_cases.json', import.meta.url), 'utf8'),
) as { cases: Case[] };
const withBoot = fixture.cases.filter((c) => c.bootstrap !== undefined);

describe('bootstrapAucCi', () => {
  it('has fixtures with and without skipped single-class resamples', () => {
    expect(withBoot.length).toBeGreaterThanOrEqual(3);
    expect(withBoot.some((c) => c.bootstrap!.nSkipped > 0)).toBe(true);
  });

  it.each(withBoot.map((c) => [c.name, c] as const))('replays the fixture (sklearn + np.percentile): %s', (_, c) => {
    const b = c.bootstrap!;
    const ci = bootstrapAucCi(c.yTrue, c.yScore, { nResamples: b.nResamples, alpha: b.alpha, seed: b.seed });
    expect(ci.nSkipped).toBe(b.nSkipped);
    expect(Math.abs(ci.auc - b.auc)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(ci.lower - b.lower)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(ci.upper - b.upper)).toBeLessThanOrEqual(1e-12);
    expect(ci.lower).toBeLessThanOrEqual(ci.upper);
  });

  it('is deterministic per seed and changes with it', () => {
    const c = withBoot[0]!;
    const a = bootstrapAucCi(c.yTrue, c.yScore, { seed: 1, nResamples: 100 });
    expect(bootstrapAucCi(c.yTrue, c.yScore, { seed: 1, nResamples: 100 })).toEqual(a);
    expect(bootstrapAucCi(c.yTrue, c.yScore, { seed: 2, nResamples: 100 })).not.toEqual(a);
  });

  it('gives [1, 1] for perfectly separated data', () => {
    const c = fixture.cases.find((x) => x.name === 'separated')!;
    const ci = bootstrapAucCi(c.yTrue, c.yScore, { nResamples: 50 });
    expect([ci.lower, ci.auc, ci.upper]).toEqual([1, 1, 1]);
  });

  it('rejects bad options and single-class input', () => {
    expect(() => bootstrapAucCi([0, 1], [0, 1], { alpha: 1 })).toThrow(RangeError);
    expect(() => bootstrapAucCi([0, 1], [0, 1], { nResamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapAucCi([0, 1], [0, 1], { seed: -1 })).toThrow(RangeError);
    expect(() => bootstrapAucCi([0, 1], [0, 1], { seed: '1' as unknown as number })).toThrow(TypeError);
    expect(() => bootstrapAucCi([0, 1], [0, 1], { n: 5 } as never)).toThrow(/unknown option 'n'/);
    expect(() => bootstrapAucCi([1, 1], [0, 1])).toThrow(UndefinedMetricError);
  });
});
