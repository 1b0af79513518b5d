import { VizRangeError } from '../errors.js';

/**
 * "Nice" axis ticks covering [`lo`, `hi`]: steps of 1, 2, 2.5 or 5 × 10ⁿ, at most about `count`
 * ticks, the first ≤ `lo` and the last ≥ `hi`; `integer` forces whole-number steps. Each tick comes
 * with its label, printed with just enough decimals for the step.
 *
 * @example
 * ```ts
 * import { niceTicks } from '@mrnet/viz';
 * niceTicks(0.13, 0.92, 5).map((t) => t.label); // ['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']
 * ```
 */
export function niceTicks(lo: number, hi: number, count = 5, integer = false): { value: number; label: string }[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
    throw new VizRangeError(`niceTicks: need finite lo ≤ hi (got ${lo}, ${hi})`);
  }
  if (!Number.isInteger(count) || count < 2) throw new VizRangeError(`niceTicks: count must be an integer ≥ 2 (got ${count})`);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / (count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw * 0.999)!;
  if (integer) step = Math.max(1, Math.ceil(step));
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  let decimals = 0;
  while (decimals < 12 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6) decimals++;
  const ticks: { value: number; label: string }[] = [];
  for (let k = 0; first + k * step <= last + step * 1e-9; k++) {
    const value = Number((first + k * step).toFixed(12));
    ticks.push({ value, label: (Object.is(value, -0) ? 0 : value).toFixed(decimals) });
  }
  return ticks;
}
