import { MetricInputError } from '../errors.js';

/**
 * Anything indexable by position with a length: number[], Float32Array, Uint8Array, ...
 *
 * @example
 * ```ts
 * import { rocAucScore, type NumericArray } from '@mrnet/metrics';
 * const labels: NumericArray = new Uint8Array([0, 1, 1]);
 * rocAucScore(labels, new Float32Array([0.1, 0.8, 0.6])); // 1
 * ```
 */
export type NumericArray = ArrayLike<number>;

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  if (v === null || typeof v !== 'object') return false;
  const len = (v as { length?: unknown }).length;
  return typeof len === 'number' && Number.isInteger(len) && len >= 0;
}

/**
 * Checks a pair of binary labels and scores and copies them into plain arrays: labels must be
 * exactly 0 or 1 (booleans are not accepted), scores finite numbers, lengths equal and non-zero.
 * Wrong types throw `TypeError`, unusable values `MetricInputError`. Internal helper.
 */
export function checkBinaryInput(
  fn: string,
  yTrue: unknown,
  yScore: unknown,
): { labels: Uint8Array; scores: Float64Array } {
  if (!isArrayLike(yTrue)) throw new TypeError(`${fn}: yTrue must be an array of 0/1 labels (got ${typeof yTrue})`);
  if (!isArrayLike(yScore)) throw new TypeError(`${fn}: yScore must be an array of numbers (got ${typeof yScore})`);
  const n = yTrue.length;
  if (yScore.length !== n) {
    throw new MetricInputError(`${fn}: yTrue has ${n} labels but yScore has ${yScore.length} scores`);
  }
  if (n === 0) throw new MetricInputError(`${fn}: yTrue and yScore are empty`);
  const labels = new Uint8Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = yTrue[i];
    if (typeof y !== 'number') throw new TypeError(`${fn}: yTrue[${i}] must be a number 0 or 1 (got ${typeof y})`);
    if (y !== 0 && y !== 1) throw new MetricInputError(`${fn}: yTrue[${i}] = ${y}, labels must be 0 or 1`, i);
    const s = yScore[i];
    if (typeof s !== 'number') throw new TypeError(`${fn}: yScore[${i}] must be a number (got ${typeof s})`);
    if (!Number.isFinite(s)) throw new MetricInputError(`${fn}: yScore[${i}] = ${s}, scores must be finite`, i);
    labels[i] = y;
    scores[i] = s;
  }
  return { labels, scores };
}
