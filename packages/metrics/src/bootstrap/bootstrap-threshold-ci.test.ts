import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RATE_NAMES } from '../threshold/threshold-metrics.js';
import { bootstrapAucCi } from './bootstrap-auc-ci.js';
import { bootstrapThresholdCi, type RateInterval } from './bootstrap-threshold-ci.js';

interface Boot { threshold: number; nResamples: number; alpha: number; seed: number; ci: Record<string, RateInterval | null> }
interface Case { name: string; yTrue: number[]; yScore: number[]; bootstrap?: Boot[] }
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/threshold_cases.json', import.meta.url), 'utf8')) as { cases: Case[] };
const runs = fixture.cases.flatMap((c) => (c.bootstrap ?? []).map((b, i) => [`${c.name} #${i}`, c, b] as const));

describe('bootstrapThresholdCi (replays sklearn confusion_matrix + np.percentile)', () => {
  it('has fixtures where some rates are undefined in some resamples', () => {
    expect(runs.length).toBeGreaterThanOrEqual(6);
    expect(runs.some(([, , b]) => Object.values(b.ci).some((r) => r !== null && r.nUndefined > 0))).toBe(true);
  });

  it.each(runs)('%s', (_, c, b) => {
    const r = bootstrapThresholdCi(c.yTrue, c.yScore, b.threshold, { nResamples: b.nResamples, alpha: b.alpha, seed: b.seed });
    for (const k of RATE_NAMES) {
      const e = b.ci[k]!;
      if (e === null) {
        expect(r.ci[k]).toBeNull();
        continue;
      }
      expect(r.ci[k]!.nUndefined).toBe(e.nUndefined);
      expect(Math.abs(r.ci[k]!.lower - e.lower)).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(r.ci[k]!.upper - e.upper)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('draws the same resamples as bootstrapAucCi for a seed (one stream)', () => {
    // a perfectly separating threshold has sensitivity 1 in every resample with a positive; the
    // AUC's skipped single-class resamples are exactly those with no positive or no negative
    const y = [0, 0, 0, 1, 1];
    const s = [0.1, 0.2, 0.3, 0.8, 0.9];
    const auc = bootstrapAucCi(y, s, { nResamples: 300, seed: 9 });
    const r = bootstrapThresholdCi(y, s, 0.5, { nResamples: 300, seed: 9 });
    expect(r.ci.sensitivity!.nUndefined + r.ci.specificity!.nUndefined).toBe(auc.nSkipped);
  });

  it('rejects bad options', () => {
    expect(() => bootstrapThresholdCi([0, 1], [0.1, 0.9], 0.5, { alpha: 0 })).toThrow(/bootstrapThresholdCi: alpha/);
    expect(() => bootstrapThresholdCi([0, 1], [0.1, 0.9], 0.5, { seeds: 1 } as never)).toThrow(TypeError);
  });
});
