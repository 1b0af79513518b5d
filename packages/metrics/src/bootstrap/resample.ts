import { mulberry32 } from '../random/mulberry32.js';

/**
 * The bootstrap's one resampling stream: `nResamples` times, n indices drawn uniformly with
 * replacement as `floor(u·n)` from mulberry32(`seed`), handed to `visit` as labels and scores of
 * the resample (buffers reused between calls). Every bootstrap of this package draws through here,
 * so that the same seed resamples the same exams for the AUC and for the threshold metrics, and
 * `scripts/fixtures/make_metrics_fixtures.py` replays it. Internal.
 */
export function forEachResample(
  labels: Uint8Array,
  scores: Float64Array,
  nResamples: number,
  seed: number,
  visit: (labels: Uint8Array, scores: Float64Array, positives: number) => void,
): void {
  const n = labels.length;
  const rand = mulberry32(seed);
  const l = new Uint8Array(n);
  const s = new Float64Array(n);
  for (let r = 0; r < nResamples; r++) {
    let pos = 0;
    for (let k = 0; k < n; k++) {
      const idx = Math.floor(rand() * n);
      l[k] = labels[idx]!;
      s[k] = scores[idx]!;
      pos += l[k]!;
    }
    visit(l, s, pos);
  }
}
