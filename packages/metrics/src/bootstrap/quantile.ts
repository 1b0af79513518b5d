/**
 * The q-quantile of an ascending-sorted array with linear interpolation, computed as NumPy's
 * default `np.percentile(a, 100 q)` (virtual index (n−1)·q, NumPy's two-sided lerp). Internal.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const t = h - lo;
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}
