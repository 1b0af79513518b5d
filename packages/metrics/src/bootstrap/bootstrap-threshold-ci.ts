import { checkBinaryInput, type NumericArray } from '../auc/validate.js';
import { checkThreshold, confusionOfChecked } from '../threshold/confusion-matrix.js';
import { RATE_NAMES, ratesOf, type RateName, type ThresholdMetrics } from '../threshold/threshold-metrics.js';
import { parseBootstrapOptions, type BootstrapOptions } from './options.js';
import { quantileSorted } from './quantile.js';
import { forEachResample } from './resample.js';

/**
 * A percentile-bootstrap interval of one rate, or `null` when the rate was undefined in every
 * resample (e.g. sensitivity with no positives).
 *
 * @example
 * ```ts
 * import { bootstrapThresholdCi, type RateInterval } from '@mrnet/metrics';
 * const ci: RateInterval | null = bootstrapThresholdCi([0, 1, 1, 0, 1], [0.2, 0.8, 0.4, 0.6, 0.9], 0.5).ci.sensitivity;
 * ```
 */
export interface RateInterval {
  /** The alpha/2 percentile of the rate over the resamples where it is defined. */
  lower: number;
  /** The 1 − alpha/2 percentile. */
  upper: number;
  /** Resamples where the rate was undefined (zero denominator) and so skipped. */
  nUndefined: number;
}

/**
 * The result of {@link bootstrapThresholdCi}: the rates on the full input and an interval for each.
 *
 * @example
 * ```ts
 * import { bootstrapThresholdCi, type ThresholdCi } from '@mrnet/metrics';
 * const r: ThresholdCi = bootstrapThresholdCi([0, 1, 1, 0, 1], [0.2, 0.8, 0.4, 0.6, 0.9], 0.5, { seed: 3 });
 * console.log(r.metrics.sensitivity, r.ci.sensitivity?.lower, r.ci.sensitivity?.upper);
 * ```
 */
export interface ThresholdCi {
  /** Rates and confusion matrix on the full input (the point estimates). */
  metrics: ThresholdMetrics;
  /** One interval per rate. */
  ci: Record<RateName, RateInterval | null>;
  /** The alpha used. */
  alpha: number;
  /** Resamples drawn. */
  nResamples: number;
}

/**
 * Seeded percentile-bootstrap confidence intervals of sensitivity, specificity, accuracy, PPV and
 * NPV at a **fixed** threshold (chosen beforehand, e.g. on the training split). The resamples are
 * the same draws as {@link bootstrapAucCi} with the same seed; in each, a rate whose denominator is
 * zero is skipped for that rate only (counted in `nUndefined`). Bounds are NumPy's linear
 * `np.percentile` of the defined values; `scripts/fixtures/make_metrics_fixtures.py` replays it
 * with scikit-learn's `confusion_matrix`.
 *
 * @throws MetricInputError / TypeError / RangeError for bad input, threshold or options.
 * @example
 * ```ts
 * import { bootstrapThresholdCi } from '@mrnet/metrics';
 * const { metrics, ci } = bootstrapThresholdCi(validLabels, validScores, 0.5, { seed: 0 });
 * console.log(`sensitivity ${metrics.sensitivity} (95% CI ${ci.sensitivity?.lower}–${ci.sensitivity?.upper})`);
 * ```
 */
export function bootstrapThresholdCi(
  yTrue: NumericArray,
  yScore: NumericArray,
  threshold: number,
  options: BootstrapOptions = {},
): ThresholdCi {
  const { nResamples, alpha, seed } = parseBootstrapOptions('bootstrapThresholdCi', options);
  const t = checkThreshold('bootstrapThresholdCi', threshold);
  const { labels, scores } = checkBinaryInput('bootstrapThresholdCi', yTrue, yScore);
  const confusion = confusionOfChecked(labels, scores, t);
  const samples = Object.fromEntries(RATE_NAMES.map((k) => [k, [] as number[]])) as Record<RateName, number[]>;
  forEachResample(labels, scores, nResamples, seed, (l, s) => {
    const rates = ratesOf(confusionOfChecked(l, s, t));
    for (const k of RATE_NAMES) {
      const v = rates[k];
      if (v !== null) samples[k].push(v);
    }
  });
  const ci = Object.fromEntries(
    RATE_NAMES.map((k) => {
      const v = samples[k].sort((a, b) => a - b);
      if (v.length === 0) return [k, null];
      return [k, { lower: quantileSorted(v, alpha / 2), upper: quantileSorted(v, 1 - alpha / 2), nUndefined: nResamples - v.length }];
    }),
  ) as Record<RateName, RateInterval | null>;
  return { metrics: { threshold: t, confusion, ...ratesOf(confusion) }, ci, alpha, nResamples };
}
