import { UndefinedMetricError } from '../errors.js';
import { aucOfChecked } from '../auc/mann-whitney.js';
import { checkBinaryInput, type NumericArray } from '../auc/validate.js';
import { parseBootstrapOptions, type BootstrapOptions } from './options.js';
import { forEachResample } from './resample.js';
import { quantileSorted } from './quantile.js';

/**
 * The result of {@link bootstrapAucCi}.
 *
 * @example
 * ```ts
 * import { bootstrapAucCi } from '@mrnet/metrics';
 * const { auc, lower, upper } = bootstrapAucCi([0, 1, 0, 1, 1], [0.2, 0.7, 0.4, 0.9, 0.3], { seed: 1 });
 * console.log(`AUC ${auc.toFixed(3)} (95% CI ${lower.toFixed(3)}–${upper.toFixed(3)})`);
 * ```
 */
export interface AucConfidenceInterval {
  /** ROC AUC on the full input (the point estimate). */
  auc: number;
  /** Lower end: the alpha/2 percentile of the bootstrap AUCs. */
  lower: number;
  /** Upper end: the 1 − alpha/2 percentile of the bootstrap AUCs. */
  upper: number;
  /** The alpha used. */
  alpha: number;
  /** Resamples drawn. */
  nResamples: number;
  /** Resamples skipped because they held a single class (their AUC is undefined). */
  nSkipped: number;
}

/**
 * Percentile-bootstrap confidence interval of the ROC AUC, seeded and deterministic. Each resample
 * draws n indices uniformly with replacement (`floor(u·n)` from a mulberry32 stream seeded with
 * `seed`); a resample that holds a single class has no AUC and is skipped (counted in
 * `nSkipped`, not redrawn, so the stream stays one index per draw). The bounds are the alpha/2
 * and 1 − alpha/2 percentiles of the remaining AUCs, interpolated linearly as NumPy's default
 * `np.percentile`. `scripts/fixtures/make_metrics_fixtures.py` replays the same procedure with
 * scikit-learn and NumPy.
 *
 * Throws `UndefinedMetricError` when the full input (or every resample) holds one class, and
 * `MetricInputError` / `TypeError` / `RangeError` for bad input or options.
 *
 * @example
 * ```ts
 * import { bootstrapAucCi } from '@mrnet/metrics';
 * const ci = bootstrapAucCi([0, 0, 1, 1, 0, 1], [0.1, 0.4, 0.35, 0.8, 0.2, 0.7], { seed: 7 });
 * console.log(`AUC ${ci.auc.toFixed(3)} (95% CI ${ci.lower.toFixed(3)}–${ci.upper.toFixed(3)})`);
 * ```
 */
export function bootstrapAucCi(
  yTrue: NumericArray,
  yScore: NumericArray,
  options: BootstrapOptions = {},
): AucConfidenceInterval {
  const { nResamples, alpha, seed } = parseBootstrapOptions('bootstrapAucCi', options);
  const { labels, scores } = checkBinaryInput('bootstrapAucCi', yTrue, yScore);
  const auc = aucOfChecked(labels, scores, 'bootstrapAucCi');
  const n = labels.length;
  const aucs: number[] = [];
  forEachResample(labels, scores, nResamples, seed, (l, s, pos) => {
    if (pos > 0 && pos < n) aucs.push(aucOfChecked(l, s, 'bootstrapAucCi'));
  });
  if (aucs.length === 0) {
    throw new UndefinedMetricError(`bootstrapAucCi: all ${nResamples} resamples of ${n} held a single class`);
  }
  aucs.sort((a, b) => a - b);
  const lower = quantileSorted(aucs, alpha / 2);
  const upper = quantileSorted(aucs, 1 - alpha / 2);
  return { auc, lower, upper, alpha, nResamples, nSkipped: nResamples - aucs.length };
}
