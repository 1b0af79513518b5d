import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MetricInputError, UndefinedMetricError } from '../errors.js';
import { confusionMatrix } from './confusion-matrix.js';
import { RATE_NAMES, thresholdMetrics, type ThresholdMetrics } from './threshold-metrics.js';
import { youdenPoint, type YoudenPoint } from './youden-point.js';

interface Case { name: string; yTrue: number[]; yScore: number[]; youden: YoudenPoint; atThresholds: ThresholdMetrics[] }
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/threshold_cases.json', import.meta.url), 'utf8')) as { cases: Case[] };
const close = (a: number | null, b: number | null): void => {
  if (b === null) expect(a).toBeNull();
  else expect(Math.abs(a! - b)).toBeLessThanOrEqual(1e-12);
};

describe('confusionMatrix and thresholdMetrics (= sklearn confusion_matrix, recall/precision/accuracy_score)', () => {
  it('has fixtures with undefined rates and scores equal to a threshold', () => {
    expect(fixture.cases.flatMap((c) => c.atThresholds).some((m) => m.ppv === null)).toBe(true);
    const tie = fixture.cases.find((c) => c.name === 'at_threshold')!;
    expect(tie.yScore.filter((s) => s === 0.5).length).toBeGreaterThan(1);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    for (const expected of c.atThresholds) {
      expect(confusionMatrix(c.yTrue, c.yScore, expected.threshold)).toEqual(expected.confusion);
      const m = thresholdMetrics(c.yTrue, c.yScore, expected.threshold);
      expect(m.confusion).toEqual(expected.confusion);
      for (const k of RATE_NAMES) close(m[k], expected[k]);
    }
  });

  it('calls a score equal to the threshold positive', () => {
    expect(confusionMatrix([0, 1], [0.5, 0.5], 0.5)).toEqual({ tn: 0, fp: 1, fn: 0, tp: 1 });
  });

  it('rejects bad input and thresholds', () => {
    expect(() => thresholdMetrics([0, 1], [0.1, 0.2], Number.NaN)).toThrow(MetricInputError);
    expect(() => thresholdMetrics([0, 1], [0.1, 0.2], '0.5' as never)).toThrow(TypeError);
    expect(() => confusionMatrix([0, 2], [0.1, 0.2], 0.5)).toThrow(/confusionMatrix: yTrue\[1\] = 2/);
  });
});

describe('youdenPoint (= thresholds[np.argmax(tpr - fpr)] of sklearn roc_curve)', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const p = youdenPoint(c.yTrue, c.yScore);
    close(p.threshold, c.youden.threshold);
    close(p.j, c.youden.j);
    close(p.fpr, c.youden.fpr);
    close(p.tpr, c.youden.tpr);
    // the threshold reproduces its ROC point
    const m = thresholdMetrics(c.yTrue, c.yScore, p.threshold);
    close(m.sensitivity, p.tpr);
    close(1 - m.specificity!, p.fpr);
  });

  it('is undefined for one class', () => {
    expect(() => youdenPoint([1, 1], [0.2, 0.3])).toThrow(UndefinedMetricError);
  });
});
