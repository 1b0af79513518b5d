import { rocCurve } from '../auc/roc-curve.js';
import type { NumericArray } from '../auc/validate.js';

/**
 * The ROC point that maximises Youden's J = sensitivity + specificity − 1 = tpr − fpr.
 *
 * @example
 * ```ts
 * import { youdenPoint, type YoudenPoint } from '@mrnet/metrics';
 * const p: YoudenPoint = youdenPoint([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * console.log(p.threshold, p.j); // 0.8 0.5
 * ```
 */
export interface YoudenPoint {
  /** The threshold of that point (scores ≥ it are positive): one of {@link rocCurve}'s thresholds. */
  threshold: number;
  /** Youden's J at it. */
  j: number;
  /** False-positive rate there. */
  fpr: number;
  /** True-positive rate there. */
  tpr: number;
}

/**
 * Youden's J operating point of a ROC curve: the threshold of {@link rocCurve} (scikit-learn's
 * `roc_curve` thresholds) where `tpr − fpr` is largest, the first (highest threshold) on ties, as
 * `thresholds[np.argmax(tpr - fpr)]`. Choose it on training data and apply it to validation data
 * with {@link thresholdMetrics}: a threshold chosen on the data it is evaluated on flatters it.
 *
 * @throws UndefinedMetricError when `yTrue` holds one class; MetricInputError / TypeError for bad input.
 * @example
 * ```ts
 * import { thresholdMetrics, youdenPoint } from '@mrnet/metrics';
 * const { threshold } = youdenPoint(trainLabels, trainScores);
 * const valid = thresholdMetrics(validLabels, validScores, threshold);
 * ```
 */
export function youdenPoint(yTrue: NumericArray, yScore: NumericArray): YoudenPoint {
  const { fpr, tpr, thresholds } = rocCurve(yTrue, yScore);
  let best = 0;
  for (let k = 1; k < fpr.length; k++) if (tpr[k]! - fpr[k]! > tpr[best]! - fpr[best]!) best = k;
  return { threshold: thresholds[best]!, j: tpr[best]! - fpr[best]!, fpr: fpr[best]!, tpr: tpr[best]! };
}
