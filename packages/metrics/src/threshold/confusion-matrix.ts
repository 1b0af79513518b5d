import { MetricInputError } from '../errors.js';
import { checkBinaryInput, type NumericArray } from '../auc/validate.js';

/**
 * Counts of a binary decision against the truth, as scikit-learn's
 * `confusion_matrix(y_true, y_pred).ravel()` orders them: `[[tn, fp], [fn, tp]]`.
 *
 * @example
 * ```ts
 * import { confusionMatrix, type ConfusionMatrix } from '@mrnet/metrics';
 * const { tn, fp, fn, tp }: ConfusionMatrix = confusionMatrix([0, 1, 1, 0], [0.2, 0.9, 0.4, 0.6], 0.5);
 * console.log(tn, fp, fn, tp); // 1 1 1 1
 * ```
 */
export interface ConfusionMatrix {
  /** Negatives scored below the threshold. */
  tn: number;
  /** Negatives scored at or above it. */
  fp: number;
  /** Positives scored below it. */
  fn: number;
  /** Positives scored at or above it. */
  tp: number;
}

/** Checks a decision threshold: a number, not NaN (±Infinity allowed: nothing / everything positive). Internal. */
export function checkThreshold(fn: string, threshold: unknown): number {
  if (typeof threshold !== 'number') throw new TypeError(`${fn}: threshold must be a number (got ${typeof threshold})`);
  if (Number.isNaN(threshold)) throw new MetricInputError(`${fn}: threshold is NaN`);
  return threshold;
}

/** The confusion matrix of already checked labels and scores. Internal. */
export function confusionOfChecked(labels: Uint8Array, scores: Float64Array, threshold: number): ConfusionMatrix {
  let tn = 0;
  let fp = 0;
  let fn = 0;
  let tp = 0;
  for (let i = 0; i < labels.length; i++) {
    const positive = scores[i]! >= threshold;
    if (labels[i] === 1) {
      if (positive) tp++;
      else fn++;
    } else if (positive) fp++;
    else tn++;
  }
  return { tn, fp, fn, tp };
}

/**
 * The confusion matrix of scores thresholded at `threshold`: an exam is called positive when its
 * score is **at or above** the threshold, as scikit-learn's `roc_curve` thresholds are meant
 * (`y_score >= threshold`), so a threshold taken from {@link rocCurve} or {@link youdenPoint}
 * reproduces that point of the curve. Equal to
 * `sklearn.metrics.confusion_matrix(y_true, y_score >= threshold).ravel()`.
 *
 * @param threshold - Decision threshold; `Infinity` calls nothing positive.
 * @throws MetricInputError / TypeError for bad labels, scores or threshold (as {@link rocAucScore}).
 * @example
 * ```ts
 * import { confusionMatrix } from '@mrnet/metrics';
 * confusionMatrix([0, 0, 1, 1], [0.1, 0.5, 0.4, 0.8], 0.5); // { tn: 1, fp: 1, fn: 1, tp: 1 }
 * ```
 */
export function confusionMatrix(yTrue: NumericArray, yScore: NumericArray, threshold: number): ConfusionMatrix {
  const t = checkThreshold('confusionMatrix', threshold);
  const { labels, scores } = checkBinaryInput('confusionMatrix', yTrue, yScore);
  return confusionOfChecked(labels, scores, t);
}
