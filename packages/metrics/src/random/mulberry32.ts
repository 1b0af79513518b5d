/**
 * mulberry32: a tiny, fast 32-bit PRNG with a 2³² period, enough for bootstrap resampling. Its
 * arithmetic is spelled out so that `scripts/fixtures/make_metrics_fixtures.py` reproduces the
 * same stream in Python. Internal helper: returns uniform doubles in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = ((t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t) >>> 0;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
