import { rocAucScore } from '../auc/roc-auc-score.js';
import type { NumericArray } from '../auc/validate.js';
import { bootstrapAucCi, type AucConfidenceInterval } from '../bootstrap/bootstrap-auc-ci.js';
import { bootstrapThresholdCi, type ThresholdCi } from '../bootstrap/bootstrap-threshold-ci.js';
import { parseBootstrapOptions, type BootstrapOptions } from '../bootstrap/options.js';
import { thresholdMetrics, type ThresholdMetrics } from '../threshold/threshold-metrics.js';
import { youdenPoint } from '../threshold/youden-point.js';
import { splitReliability, type SplitReliability } from './split-reliability.js';

/**
 * Labels and scores of one split.
 *
 * @example
 * ```ts
 * import type { LabelledScores } from '@mrnet/metrics';
 * const train: LabelledScores = { yTrue: [0, 1, 1, 0], yScore: [0.2, 0.9, 0.6, 0.4] };
 * ```
 */
export interface LabelledScores {
  yTrue: NumericArray;
  yScore: NumericArray;
}

/**
 * One decision threshold, its rates on the training split and on validation with bootstrap CIs.
 *
 * @example
 * ```ts
 * import { evaluateScorer, type OperatingPoint } from '@mrnet/metrics';
 * const p: OperatingPoint = evaluateScorer(train, valid).operatingPoints.youden;
 * console.log(p.threshold, p.valid.metrics.sensitivity, p.valid.ci.sensitivity);
 * ```
 */
export interface OperatingPoint {
  /** How the threshold was chosen: `'fixed'` (given) or `'youden-train'` (Youden's J on the training split). */
  rule: 'fixed' | 'youden-train';
  /** Scores ≥ it are called positive. */
  threshold: number;
  /** Rates on the training split. */
  train: ThresholdMetrics;
  /** Rates on validation, with bootstrap CIs. */
  valid: ThresholdCi;
}

/**
 * What {@link evaluateScorer} reports for one scorer (a plane model or the stack).
 *
 * @example
 * ```ts
 * import { evaluateScorer, type ScorerEvaluation } from '@mrnet/metrics';
 * const e: ScorerEvaluation = evaluateScorer(train, valid, { seed: 0 });
 * console.log(e.trainAuc, e.valid.auc, e.valid.lower, e.valid.upper);
 * ```
 */
export interface ScorerEvaluation {
  /** AUC on the training split. */
  trainAuc: number;
  /** Validation AUC with its bootstrap CI. */
  valid: AucConfidenceInterval;
  /** At the fixed threshold (default 0.5) and at Youden's J threshold chosen on train. */
  operatingPoints: { fixed: OperatingPoint; youden: OperatingPoint };
  /** Class counts of each split and whether its AUC and CIs can be trusted. */
  reliability: { train: SplitReliability; valid: SplitReliability };
}

/**
 * Options of {@link evaluateScorer}: the bootstrap's, plus the fixed threshold.
 *
 * @example
 * ```ts
 * import type { EvaluateScorerOptions } from '@mrnet/metrics';
 * const options: EvaluateScorerOptions = { threshold: 0.5, nResamples: 1000, seed: 0 };
 * ```
 */
export interface EvaluateScorerOptions extends BootstrapOptions {
  /** The fixed operating point. Default 0.5 (a probability's natural cut). */
  threshold?: number;
}

/**
 * Everything a clinician reads about one scorer, computed the honest way: train AUC; validation
 * AUC with a bootstrap CI; sensitivity, specificity, accuracy, PPV, NPV and the confusion matrix
 * at a fixed threshold (0.5) and at the Youden's J threshold **chosen on the training split and
 * applied unchanged to validation** (never chosen on validation); bootstrap CIs of every
 * validation rate from the same resamples as the AUC's; and whether each split has enough of each
 * class ({@link splitReliability}) for any of it to be trusted.
 *
 * @throws UndefinedMetricError when a split holds a single class; MetricInputError / TypeError /
 *   RangeError for bad input or options.
 * @example
 * ```ts
 * import { evaluateScorer } from '@mrnet/metrics';
 * const e = evaluateScorer({ yTrue: trainLabels, yScore: trainScores }, { yTrue: validLabels, yScore: validScores });
 * const y = e.operatingPoints.youden;
 * console.log(`Youden threshold ${y.threshold} (train): valid sensitivity ${y.valid.metrics.sensitivity}`);
 * ```
 */
export function evaluateScorer(train: LabelledScores, valid: LabelledScores, options: EvaluateScorerOptions = {}): ScorerEvaluation {
  const { threshold = 0.5, ...rest } = options;
  const boot = parseBootstrapOptions('evaluateScorer', rest);
  const point = (rule: OperatingPoint['rule'], t: number): OperatingPoint => ({
    rule,
    threshold: t,
    train: thresholdMetrics(train.yTrue, train.yScore, t),
    valid: bootstrapThresholdCi(valid.yTrue, valid.yScore, t, boot),
  });
  return {
    trainAuc: rocAucScore(train.yTrue, train.yScore),
    valid: bootstrapAucCi(valid.yTrue, valid.yScore, boot),
    operatingPoints: {
      fixed: point('fixed', threshold),
      youden: point('youden-train', youdenPoint(train.yTrue, train.yScore).threshold),
    },
    reliability: { train: splitReliability(train.yTrue, 'train'), valid: splitReliability(valid.yTrue, 'valid') },
  };
}
