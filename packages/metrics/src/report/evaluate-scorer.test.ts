import { describe, expect, it } from 'vitest';
import { bootstrapAucCi } from '../bootstrap/bootstrap-auc-ci.js';
import { bootstrapThresholdCi } from '../bootstrap/bootstrap-threshold-ci.js';
import { youdenPoint } from '../threshold/youden-point.js';
import { evaluateScorer } from './evaluate-scorer.js';
import { MIN_PER_CLASS, splitReliability } from './split-reliability.js';

// Train and valid scores whose best cuts differ: a threshold chosen on valid would differ from train's.
const train = { yTrue: [0, 0, 0, 0, 1, 1, 1, 1, 0, 1], yScore: [0.1, 0.2, 0.3, 0.65, 0.6, 0.7, 0.8, 0.9, 0.4, 0.35] };
const valid = { yTrue: [0, 0, 1, 1, 0, 1, 0, 1], yScore: [0.2, 0.45, 0.5, 0.4, 0.3, 0.9, 0.55, 0.65] };

describe('evaluateScorer', () => {
  const e = evaluateScorer(train, valid, { nResamples: 200, seed: 3 });

  it('chooses the Youden threshold on train and applies it unchanged to valid', () => {
    const t = youdenPoint(train.yTrue, train.yScore).threshold;
    expect(e.operatingPoints.youden.rule).toBe('youden-train');
    expect(e.operatingPoints.youden.threshold).toBe(t);
    expect(t).not.toBe(youdenPoint(valid.yTrue, valid.yScore).threshold);
    expect(e.operatingPoints.youden.valid).toEqual(bootstrapThresholdCi(valid.yTrue, valid.yScore, t, { nResamples: 200, seed: 3 }));
  });

  it('reports 0.5 as the fixed point and the AUC CI from the same bootstrap', () => {
    expect(e.operatingPoints.fixed.threshold).toBe(0.5);
    expect(e.operatingPoints.fixed.train.confusion).toEqual({ tn: 4, fp: 1, fn: 1, tp: 4 });
    expect(e.valid).toEqual(bootstrapAucCi(valid.yTrue, valid.yScore, { nResamples: 200, seed: 3 }));
  });

  it('flags splits with fewer than 10 of a class as unreliable', () => {
    expect(e.reliability.valid.reliable).toBe(false);
    expect(e.reliability.valid.warning).toMatch(/valid has 4 positives and 4 negatives .*unreliable/);
    const big = Array.from({ length: 2 * MIN_PER_CLASS }, (_, i) => i % 2);
    expect(splitReliability(big, 'valid')).toEqual({ positives: 10, negatives: 10, reliable: true, warning: null });
    expect(splitReliability([...big.slice(1)], 'valid').reliable).toBe(false);
  });
});
