import { UndefinedMetricError } from '../errors.js';
import { checkBinaryInput, type NumericArray } from './validate.js';

/**
 * The points of a ROC curve, as returned by {@link rocCurve}.
 *
 * @example
 * ```ts
 * import { rocCurve, type RocCurve } from '@mrnet/metrics';
 * const { fpr, tpr, thresholds }: RocCurve = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * console.log(fpr, tpr, thresholds);
 * ```
 */
export interface RocCurve {
  /** False-positive rate at each threshold, increasing from 0 to 1. */
  fpr: number[];
  /** True-positive rate at each threshold, increasing from 0 to 1. */
  tpr: number[];
  /** Decreasing thresholds; `thresholds[0]` is `max(yScore) + 1` (no sample predicted positive). */
  thresholds: number[];
}

/**
 * The ROC curve of binary labels against scores, equal to scikit-learn 1.2's
 * `roc_curve(y_true, y_score, drop_intermediate=True)`: one point per distinct score (from the
 * highest down), collinear points dropped, and a first point (0, 0) at threshold `max + 1`.
 * (scikit-learn ≥ 1.3 writes `inf` as the first threshold instead; the rates are the same.)
 *
 * Throws `UndefinedMetricError` when `yTrue` holds one class only (scikit-learn returns NaN rates
 * with a warning there), and `MetricInputError` / `TypeError` like {@link rocAucScore}.
 *
 * @example
 * ```ts
 * import { rocCurve } from '@mrnet/metrics';
 * const { fpr, tpr, thresholds } = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [1.8, 0.8, 0.4, 0.35, 0.1]
 * ```
 */
export function rocCurve(yTrue: NumericArray, yScore: NumericArray): RocCurve {
  const { labels, scores } = checkBinaryInput('rocCurve', yTrue, yScore);
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => scores[b]! - scores[a]!);
  // Cumulative true/false positives at the last index of each run of equal scores.
  let tpsAll: number[] = [];
  let fpsAll: number[] = [];
  let thrAll: number[] = [];
  let tp = 0;
  for (let k = 0; k < n; k++) {
    tp += labels[order[k]!]!;
    const s = scores[order[k]!]!;
    if (k === n - 1 || scores[order[k + 1]!] !== s) {
      tpsAll.push(tp);
      fpsAll.push(k + 1 - tp);
      thrAll.push(s);
    }
  }
  const nPos = tpsAll[tpsAll.length - 1]!;
  const nNeg = fpsAll[fpsAll.length - 1]!;
  if (nPos === 0 || nNeg === 0) {
    throw new UndefinedMetricError(
      `rocCurve: only one class present in yTrue (${n} label(s), all ${nPos === 0 ? 0 : 1}); the ROC curve is not defined`,
    );
  }
  if (tpsAll.length > 2) {
    // Keep the ends and every point where the curve bends (non-zero second difference).
    const keep: number[] = [0];
    for (let k = 1; k < tpsAll.length - 1; k++) {
      const d2f = fpsAll[k + 1]! - 2 * fpsAll[k]! + fpsAll[k - 1]!;
      const d2t = tpsAll[k + 1]! - 2 * tpsAll[k]! + tpsAll[k - 1]!;
      if (d2f !== 0 || d2t !== 0) keep.push(k);
    }
    keep.push(tpsAll.length - 1);
    tpsAll = keep.map((k) => tpsAll[k]!);
    fpsAll = keep.map((k) => fpsAll[k]!);
    thrAll = keep.map((k) => thrAll[k]!);
  }
  return {
    fpr: [0, ...fpsAll.map((f) => f / nNeg)],
    tpr: [0, ...tpsAll.map((t) => t / nPos)],
    thresholds: [thrAll[0]! + 1, ...thrAll],
  };
}
