import { UndefinedMetricError } from '../errors.js';
import { aucOfChecked } from '../auc/mann-whitney.js';
import { checkBinaryInput, type NumericArray } from '../auc/validate.js';
import { mulberry32 } from '../random/mulberry32.js';
import { quantileSorted } from './quantile.js';

/**
 * Options of {@link bootstrapAucCi}.
 *
 * @example
 * ```ts
 * import { bootstrapAucCi, type BootstrapOptions } from '@mrnet/metrics';
 * const options: BootstrapOptions = { nResamples: 2000, alpha: 0.05, seed: 1 };
 * bootstrapAucCi([0, 1, 0, 1, 1], [0.2, 0.7, 0.4, 0.9, 0.3], options);
 * ```
 */
export interface BootstrapOptions {
  /** Number of bootstrap resamples drawn. Default 1000. */
  nResamples?: number;
  /** 1 − confidence level: 0.05 gives a 95% interval. Default 0.05. */
  alpha?: number;
  /** Seed of the resampling generator (integer in [0, 2³²)). Default 0. */
  seed?: number;
}

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

const KEYS = new Set(['nResamples', 'alpha', 'seed']);

function parseOptions(options: unknown): Required<BootstrapOptions> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`bootstrapAucCi: options must be an object (got ${options === null ? 'null' : typeof options})`);
  }
  for (const k of Object.keys(options)) {
    if (!KEYS.has(k)) throw new TypeError(`bootstrapAucCi: unknown option '${k}' (expected nResamples, alpha, seed)`);
  }
  const o = options as BootstrapOptions;
  const nResamples = o.nResamples ?? 1000;
  const alpha = o.alpha ?? 0.05;
  const seed = o.seed ?? 0;
  for (const [name, v] of [['nResamples', nResamples], ['alpha', alpha], ['seed', seed]] as const) {
    if (typeof v !== 'number') throw new TypeError(`bootstrapAucCi: ${name} must be a number (got ${typeof v})`);
  }
  if (!Number.isInteger(nResamples) || nResamples < 1) {
    throw new RangeError(`bootstrapAucCi: nResamples must be an integer ≥ 1 (got ${nResamples})`);
  }
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`bootstrapAucCi: alpha must be in (0, 1) (got ${alpha})`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`bootstrapAucCi: seed must be an integer in [0, 2^32) (got ${seed})`);
  }
  return { nResamples, alpha, seed };
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
  const { nResamples, alpha, seed } = parseOptions(options);
  const { labels, scores } = checkBinaryInput('bootstrapAucCi', yTrue, yScore);
  const auc = aucOfChecked(labels, scores, 'bootstrapAucCi');
  const n = labels.length;
  const rand = mulberry32(seed);
  const aucs: number[] = [];
  const l = new Uint8Array(n);
  const s = new Float64Array(n);
  for (let r = 0; r < nResamples; r++) {
    let pos = 0;
    for (let k = 0; k < n; k++) {
      const idx = Math.floor(rand() * n);
      l[k] = labels[idx]!;
      s[k] = scores[idx]!;
      pos += l[k]!;
    }
    if (pos === 0 || pos === n) continue;
    aucs.push(aucOfChecked(l, s, 'bootstrapAucCi'));
  }
  if (aucs.length === 0) {
    throw new UndefinedMetricError(`bootstrapAucCi: all ${nResamples} resamples of ${n} held a single class`);
  }
  aucs.sort((a, b) => a - b);
  const lower = quantileSorted(aucs, alpha / 2);
  const upper = quantileSorted(aucs, 1 - alpha / 2);
  return { auc, lower, upper, alpha, nResamples, nSkipped: nResamples - aucs.length };
}
