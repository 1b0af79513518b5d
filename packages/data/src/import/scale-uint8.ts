/**
 * Scales a whole volume to 0–255 uint8 the way Stanford prepared MRNet's arrays: per-volume
 * min-max, `round((v − min) / (max − min) · 255)` over every voxel of the series (not per slice, no
 * percentile clipping, so one very bright voxel compresses the rest). A constant volume becomes
 * all zeros. Returns the range that was mapped.
 *
 * @example
 * ```ts
 * minMaxToUint8(new Float32Array([-100, 0, 100])).data; // Uint8Array [0, 128, 255]
 * ```
 */
export function minMaxToUint8(data: Float32Array): { data: Uint8Array; min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const out = new Uint8Array(data.length);
  if (!(max > min)) return { data: out, min: data.length ? min : 0, max: data.length ? max : 0 };
  const range = max - min;
  for (let i = 0; i < data.length; i++) out[i] = Math.round(((data[i]! - min) / range) * 255);
  return { data: out, min, max };
}
