import { availableParallelism } from 'node:os';
import { InputError } from '@mrnet/options';

/**
 * The compute workers a run uses when none are asked for: `MRNET_WORKERS` if set (a whole number
 * ≥ 1), else every core (`os.availableParallelism()`).
 *
 * @throws InputError naming `MRNET_WORKERS` and its value when it is not a whole number ≥ 1.
 * @example
 * ```ts
 * import { defaultComputeWorkers } from '@mrnet/train';
 * defaultComputeWorkers({ MRNET_WORKERS: '6' }); // 6
 * defaultComputeWorkers({}); // the number of cores
 * ```
 */
export function defaultComputeWorkers(env: Record<string, string | undefined> = process.env): number {
  const raw = env['MRNET_WORKERS'];
  if (raw === undefined || raw === '') return availableParallelism();
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > 256) {
    throw new InputError(`MRNET_WORKERS: must be a whole number from 1 to 256 (got ${JSON.stringify(raw)})`, { path: 'MRNET_WORKERS' });
  }
  return Number(raw);
}

/**
 * Shares `total` compute workers fairly among planes trained at the same time: each gets
 * `⌊total / planes⌋`, and at least 1 (2 cores, 3 planes → 1 each; 16 cores, 3 planes → 5 each).
 *
 * @example
 * ```ts
 * import { workersPerPlane } from '@mrnet/train';
 * workersPerPlane(16, 3); // 5
 * workersPerPlane(2, 3); // 1
 * ```
 */
export function workersPerPlane(total: number, planes: number): number {
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`workersPerPlane: total must be a whole number ≥ 1 (got ${total})`);
  if (!Number.isInteger(planes) || planes < 1) throw new RangeError(`workersPerPlane: planes must be a whole number ≥ 1 (got ${planes})`);
  return Math.max(1, Math.floor(total / planes));
}
