import type { NumericArray } from '../auc/validate.js';

/**
 * Fewest positives and fewest negatives a split needs before its AUC and bootstrap intervals are
 * read as more than anecdote. Below it, percentile-bootstrap intervals are known to under-cover and
 * one exam moves the AUC by several points.
 *
 * @example
 * ```ts
 * import { MIN_PER_CLASS } from '@mrnet/metrics';
 * console.log(`need ≥ ${MIN_PER_CLASS} of each class`);
 * ```
 */
export const MIN_PER_CLASS = 10;

/**
 * Class counts of a split and whether they are enough ({@link MIN_PER_CLASS} of each).
 *
 * @example
 * ```ts
 * import { splitReliability, type SplitReliability } from '@mrnet/metrics';
 * const r: SplitReliability = splitReliability([0, 1, 1, 0]);
 * if (!r.reliable) console.warn(r.warning);
 * ```
 */
export interface SplitReliability {
  positives: number;
  negatives: number;
  /** Both counts ≥ {@link MIN_PER_CLASS}. */
  reliable: boolean;
  /** Why not, in one sentence; `null` when reliable. */
  warning: string | null;
}

/**
 * Counts the classes of `yTrue` (0/1 labels) and says whether AUCs and bootstrap CIs computed on
 * them can be trusted: fewer than {@link MIN_PER_CLASS} positives or negatives makes them unreliable.
 *
 * @param split - Name used in the warning, e.g. `'valid'`.
 * @example
 * ```ts
 * import { splitReliability } from '@mrnet/metrics';
 * splitReliability([1, 0, 0, 0], 'valid').warning;
 * // 'valid has 1 positive and 3 negatives (fewer than 10 of a class): its AUC and confidence intervals are unreliable'
 * ```
 */
export function splitReliability(yTrue: NumericArray, split = 'this split'): SplitReliability {
  let positives = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === 1) positives++;
  const negatives = yTrue.length - positives;
  const reliable = positives >= MIN_PER_CLASS && negatives >= MIN_PER_CLASS;
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  return {
    positives,
    negatives,
    reliable,
    warning: reliable
      ? null
      : `${split} has ${plural(positives, 'positive')} and ${plural(negatives, 'negative')} (fewer than ${MIN_PER_CLASS} of a class): ` +
        'its AUC and confidence intervals are unreliable',
  };
}
