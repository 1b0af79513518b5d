import { checkBinaryInput, type NumericArray } from '../auc/validate.js';
import { checkThreshold, confusionOfChecked, type ConfusionMatrix } from './confusion-matrix.js';

/**
 * The names of the rates {@link thresholdMetrics} reports, in the order tables print them.
 *
 * @example
 * ```ts
 * import { RATE_NAMES } from '@mrnet/metrics';
 * for (const k of RATE_NAMES) console.log(k); // sensitivity, specificity, accuracy, ppv, npv
 * ```
 */
export const RATE_NAMES = ['sensitivity', 'specificity', 'accuracy', 'ppv', 'npv'] as const;

/**
 * One of {@link RATE_NAMES}.
 *
 * @example
 * ```ts
 * import type { RateName } from '@mrnet/metrics';
 * const k: RateName = 'sensitivity';
 * ```
 */
export type RateName = (typeof RATE_NAMES)[number];

/**
 * The rates clinicians read at one decision threshold. A rate whose denominator is zero (no
 * positives for sensitivity, no exam called positive for PPV…) is `null`: undefined, not 0.
 *
 * @example
 * ```ts
 * import { thresholdMetrics, type ThresholdMetrics } from '@mrnet/metrics';
 * const m: ThresholdMetrics = thresholdMetrics([0, 1, 1, 0], [0.2, 0.9, 0.4, 0.6], 0.5);
 * console.log(m.sensitivity, m.specificity); // 0.5 0.5
 * ```
 */
export interface ThresholdMetrics {
  /** The threshold: scores ≥ it are called positive. */
  threshold: number;
  /** The counts the rates come from. */
  confusion: ConfusionMatrix;
  /** tp / (tp + fn): recall, true-positive rate. */
  sensitivity: number | null;
  /** tn / (tn + fp): true-negative rate. */
  specificity: number | null;
  /** (tp + tn) / n. */
  accuracy: number;
  /** tp / (tp + fp): positive predictive value, precision. */
  ppv: number | null;
  /** tn / (tn + fn): negative predictive value. */
  npv: number | null;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** The rates of a confusion matrix. Internal. */
export function ratesOf(c: ConfusionMatrix): Pick<ThresholdMetrics, RateName> {
  return {
    sensitivity: ratio(c.tp, c.tp + c.fn),
    specificity: ratio(c.tn, c.tn + c.fp),
    accuracy: (c.tp + c.tn) / (c.tp + c.tn + c.fp + c.fn),
    ppv: ratio(c.tp, c.tp + c.fp),
    npv: ratio(c.tn, c.tn + c.fn),
  };
}

/**
 * Sensitivity, specificity, accuracy, PPV and NPV of scores thresholded at `threshold` (score ≥
 * threshold ⇒ positive), with the confusion matrix they come from. Equal to scikit-learn's
 * `recall_score`, `recall_score(pos_label=0)`, `accuracy_score`, `precision_score` and
 * `precision_score(pos_label=0)` of `y_score >= threshold` (fixtures in `fixtures/threshold_cases.json`).
 *
 * @example
 * ```ts
 * import { thresholdMetrics } from '@mrnet/metrics';
 * const m = thresholdMetrics([0, 0, 1, 1, 1], [0.1, 0.6, 0.4, 0.7, 0.9], 0.5);
 * console.log(m.sensitivity, m.specificity, m.ppv); // 0.666… 0.5 0.666…
 * ```
 */
export function thresholdMetrics(yTrue: NumericArray, yScore: NumericArray, threshold: number): ThresholdMetrics {
  const t = checkThreshold('thresholdMetrics', threshold);
  const { labels, scores } = checkBinaryInput('thresholdMetrics', yTrue, yScore);
  const confusion = confusionOfChecked(labels, scores, t);
  return { threshold: t, confusion, ...ratesOf(confusion) };
}
