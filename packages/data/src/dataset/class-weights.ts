/**
 * The seed's class weights `[1, neg/pos]` from a split's labels: negatives weigh 1, positives
 * `neg/pos`, so both classes contribute equally to the weighted BCE. Throws `RangeError` when a
 * class is absent (the ratio would be 0 or infinite) — pass explicit weights in that case.
 *
 * @example
 * ```ts
 * import { classWeightsFromLabels } from '@mrnet/data';
 * classWeightsFromLabels([0, 0, 0, 1]); // [1, 3]
 * ```
 */
export function classWeightsFromLabels(labels: ArrayLike<number>): [number, number] {
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l === 1) pos++;
    else if (l === 0) neg++;
    else throw new RangeError(`classWeightsFromLabels: label ${String(l)} at index ${i} is not 0 or 1`);
  }
  if (pos === 0 || neg === 0) {
    throw new RangeError(
      `classWeightsFromLabels: need both classes to compute [1, neg/pos], got ${neg} negative and ${pos} positive labels`,
    );
  }
  return [1, neg / pos];
}
