import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rocCurve, type RocCurve } from './roc-curve.js';
import { UndefinedMetricError } from '../errors.js';

interface Case { name: string; yTrue: number[]; yScore: number[]; rocCurve: RocCurve }
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/auc_cases.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

function expectClose(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]!)).toBeLessThanOrEqual(1e-12));
}

describe('rocCurve', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('equals sklearn roc_curve: %s', (_, c) => {
    const curve = rocCurve(c.yTrue, c.yScore);
    expectClose(curve.fpr, c.rocCurve.fpr);
    expectClose(curve.tpr, c.rocCurve.tpr);
    expectClose(curve.thresholds, c.rocCurve.thresholds);
  });

  it('throws UndefinedMetricError for a single class', () => {
    expect(() => rocCurve([0, 0], [0.1, 0.2])).toThrow(UndefinedMetricError);
  });
});
