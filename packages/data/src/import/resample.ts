/**
 * The square field of view {@link resampleInPlane} took from each slice, in source pixels
 * (fractional when the pixels are not square).
 *
 * @example
 * ```ts
 * const crop: CropBox = { top: 16, left: 0, height: 288, width: 288 };
 * ```
 */
export interface CropBox {
  top: number;
  left: number;
  height: number;
  width: number;
}

/**
 * Resamples every slice of a `[s, h, w]` volume to `[s, size, size]`: first the largest centred
 * square field of view (in millimetres, so non-square pixels keep the anatomy's aspect), then
 * bilinear interpolation with pixel centres at half-integers (PyTorch's `interpolate(...,
 * mode='bilinear', align_corners=False)` without antialiasing; coordinates past the edge are
 * clamped). The aspect is kept by **centre crop**, not padding: MRNet's slices are knee-centred and
 * hold no artificial borders. A slice already `size × size` with square pixels is copied unchanged.
 *
 * @example
 * ```ts
 * const { data, crop } = resampleInPlane(new Float32Array(2 * 320 * 288), [2, 320, 288], [1, 1], 256);
 * crop; // { top: 16, left: 0, height: 288, width: 288 }
 * data.length; // 2 * 256 * 256
 * ```
 */
export function resampleInPlane(
  data: Float32Array,
  shape: readonly [number, number, number],
  pixelSpacing: readonly [number, number],
  size: number,
): { data: Float32Array; crop: CropBox; resampled: boolean } {
  const [s, h, w] = shape;
  if (data.length !== s * h * w) throw new RangeError(`resampleInPlane: data holds ${data.length} values, shape ${shape.join('×')} needs ${s * h * w}`);
  // Spacings equal to 1 ppm are square: DS strings and position arithmetic differ in the last digits.
  const rs = pixelSpacing[0];
  const cs = Math.abs(pixelSpacing[1] - rs) <= 1e-6 * Math.max(rs, pixelSpacing[1]) ? rs : pixelSpacing[1];
  const side = Math.min(h * rs, w * cs);
  const height = side / rs;
  const width = side / cs;
  const crop = { top: (h - height) / 2, left: (w - width) / 2, height, width };
  if (h === size && w === size && rs === cs) return { data: data.slice(), crop, resampled: false };
  const y0 = new Int32Array(size);
  const y1 = new Int32Array(size);
  const fy = new Float64Array(size);
  const x0 = new Int32Array(size);
  const x1 = new Int32Array(size);
  const fx = new Float64Array(size);
  const axis = (n: number, start: number, extent: number, i0: Int32Array, i1: Int32Array, f: Float64Array): void => {
    for (let i = 0; i < size; i++) {
      const p = Math.min(n - 1, Math.max(0, start + ((i + 0.5) * extent) / size - 0.5));
      const lo = Math.floor(p);
      i0[i] = lo;
      i1[i] = Math.min(n - 1, lo + 1);
      f[i] = p - lo;
    }
  };
  axis(h, crop.top, height, y0, y1, fy);
  axis(w, crop.left, width, x0, x1, fx);
  const out = new Float32Array(s * size * size);
  for (let k = 0; k < s; k++) {
    const src = k * h * w;
    const dst = k * size * size;
    for (let i = 0; i < size; i++) {
      const r0 = src + y0[i]! * w;
      const r1 = src + y1[i]! * w;
      const b = fy[i]!;
      for (let j = 0; j < size; j++) {
        const a = fx[j]!;
        const top = data[r0 + x0[j]!]! * (1 - a) + data[r0 + x1[j]!]! * a;
        const bottom = data[r1 + x0[j]!]! * (1 - a) + data[r1 + x1[j]!]! * a;
        out[dst + i * size + j] = top * (1 - b) + bottom * b;
      }
    }
  }
  return { data: out, crop, resampled: true };
}
