import { aucOfChecked } from './mann-whitney.js';
import { checkBinaryInput, type NumericArray } from './validate.js';

/**
 * Area under the ROC curve of binary labels `yTrue` (0/1) against scores `yScore` (higher means
 * more likely positive). Equal to scikit-learn's `roc_auc_score(y_true, y_score)` for binary
 * input, ties between a positive and a negative counted half. Computed in O(n log n) as the
 * Mann–Whitney statistic with averaged ranks: AUC = (Σ rank(positives) − P(P+1)/2) / (P·N). The
 * rank sums are exact in double precision (half-integers), so the only rounding is the final
 * division.
 *
 * Throws `UndefinedMetricError` when `yTrue` holds one class only, `MetricInputError` for lengths
 * that differ, labels other than 0/1, or NaN/infinite scores, and `TypeError` for non-arrays.
 *
 * @param yTrue - labels, each exactly 0 or 1
 * @param yScore - scores of the same length, finite
 * @returns the AUC in [0, 1]
 *
 * @example
 * ```ts
 * import { rocAucScore } from '@mrnet/metrics';
 * rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75, as sklearn
 * rocAucScore([0, 1], [0.5, 0.5]);                   // 0.5 (tie counted half)
 * ```
 */
export function rocAucScore(yTrue: NumericArray, yScore: NumericArray): number {
  const { labels, scores } = checkBinaryInput('rocAucScore', yTrue, yScore);
  return aucOfChecked(labels, scores, 'rocAucScore');
}
