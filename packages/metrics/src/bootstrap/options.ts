/**
 * Options of the seeded percentile bootstrap ({@link bootstrapAucCi}, {@link bootstrapThresholdCi}).
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

const KEYS = new Set(['nResamples', 'alpha', 'seed']);

/** Checks bootstrap options and fills the defaults; `fn` names the caller in messages. Internal. */
export function parseBootstrapOptions(fn: string, options: unknown): Required<BootstrapOptions> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object (got ${options === null ? 'null' : typeof options})`);
  }
  for (const k of Object.keys(options)) {
    if (!KEYS.has(k)) throw new TypeError(`${fn}: unknown option '${k}' (expected nResamples, alpha, seed)`);
  }
  const o = options as BootstrapOptions;
  const nResamples = o.nResamples ?? 1000;
  const alpha = o.alpha ?? 0.05;
  const seed = o.seed ?? 0;
  for (const [name, v] of [['nResamples', nResamples], ['alpha', alpha], ['seed', seed]] as const) {
    if (typeof v !== 'number') throw new TypeError(`${fn}: ${name} must be a number (got ${typeof v})`);
  }
  if (!Number.isInteger(nResamples) || nResamples < 1) {
    throw new RangeError(`${fn}: nResamples must be an integer ≥ 1 (got ${nResamples})`);
  }
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${fn}: alpha must be in (0, 1) (got ${alpha})`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`${fn}: seed must be an integer in [0, 2^32) (got ${seed})`);
  }
  return { nResamples, alpha, seed };
}
