/**
 * `np.round(x, decimals)`: scale, round half to even (`rint`), scale back — the seed rounds its
 * epoch losses and AUCs this way before comparing and logging them. @internal
 */
export function npRound(x: number, decimals = 4): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** decimals;
  const y = x * f;
  let r = Math.round(y);
  // Math.round rounds .5 up; rint rounds it to the even neighbour.
  if (r - y === 0.5 && r % 2 !== 0) r -= 1;
  return r / f;
}

/** Mean of a non-empty list (`np.mean`: pairwise sum is not needed at these sizes). @internal */
export function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}
