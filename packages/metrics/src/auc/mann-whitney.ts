import { UndefinedMetricError } from '../errors.js';

/** AUC of already-checked input; throws `UndefinedMetricError` for a single class. Internal. */
export function aucOfChecked(labels: Uint8Array, scores: Float64Array, fn: string): number {
  const n = labels.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += labels[i]!;
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) {
    throw new UndefinedMetricError(
      `${fn}: only one class present in yTrue (${n} label(s), all ${nPos === 0 ? 0 : 1}); ROC AUC is not defined`,
    );
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => scores[a]! - scores[b]!);
  // Sum of 2·rank over positives, ranks 1-based and averaged over ties: keeps everything integral.
  let twiceRankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && scores[order[j]!] === scores[order[i]!]) j++;
    // Elements i..j-1 share ranks i+1..j; their average rank is (i+1+j)/2.
    let posInGroup = 0;
    for (let k = i; k < j; k++) posInGroup += labels[order[k]!]!;
    twiceRankSum += posInGroup * (i + 1 + j);
    i = j;
  }
  const u = twiceRankSum / 2 - (nPos * (nPos + 1)) / 2;
  return u / (nPos * nNeg);
}
