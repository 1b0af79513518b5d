import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RunningAuc } from './running-auc.js';
import { rocAucScore } from './roc-auc-score.js';
import { MetricInputError } from '../errors.js';

interface Case { name: string; yTrue: number[]; yScore: number[]; auc: number }
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/auc_cases.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

describe('RunningAuc', () => {
  it('is 0.5 while one class has been seen, then the AUC so far (the seed\'s try/except)', () => {
    const r = new RunningAuc();
    expect(r.value()).toBe(0.5);
    expect(r.push(1, 0.9)).toBe(0.5);
    expect(r.push(1, 0.1)).toBe(0.5);
    expect(r.push(0, 0.5)).toBe(0.5); // one positive above, one below
    expect(r.push(0, 0.05)).toBe(0.75);
    expect(r.count).toBe(4);
    r.reset();
    expect(r.count).toBe(0);
    expect(r.value()).toBe(0.5);
  });

  it('ends at sklearn\'s AUC of the whole epoch', () => {
    const c = fixture.cases.find((x) => x.name === 'probabilities')!;
    const r = new RunningAuc();
    c.yTrue.forEach((y, i) => {
      const v = r.push(y, c.yScore[i]!);
      const seen = c.yTrue.slice(0, i + 1);
      if (seen.includes(0) && seen.includes(1)) expect(v).toBe(rocAucScore(seen, c.yScore.slice(0, i + 1)));
      else expect(v).toBe(0.5);
    });
    expect(Math.abs(r.value() - c.auc)).toBeLessThanOrEqual(1e-12);
    expect(r.snapshot().yTrue).toEqual(c.yTrue);
  });

  it('rejects bad input on push rather than logging 0.5', () => {
    const r = new RunningAuc();
    expect(() => r.push(2, 0.5)).toThrow(MetricInputError);
    expect(() => r.push(1, Number.NaN)).toThrow(MetricInputError);
    expect(r.count).toBe(0);
  });
});
