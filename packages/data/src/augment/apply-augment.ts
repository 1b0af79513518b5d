import type { AugmentParams } from './augment-params.js';

/**
 * Applies one exam's augmentation to every slice of an `[s, H, W]` volume (row-major, C order) and
 * returns a new `Float32Array` of the same shape; the input is not modified. Pure: the result
 * depends only on the arguments.
 *
 * The conventions are torchsample's (`torchsample/utils.py: th_affine2d`, `th_bilinear_interp2d`;
 * `transforms/affine_transforms.py: Rotate, Translate`; `tensor_transforms.py: RandomFlip`), which
 * the seed's training script uses:
 *
 * 1. **Rotation** by `angleDeg` about the centre `(H/2 − 0.5, W/2 − 0.5)`: output pixel (r, c)
 *    samples the input at `R·(r − cr, c − cc) + (cr, cc)` with `R = [[cos θ, −sin θ], [sin θ, cos θ]]`
 *    acting on (row, column) — torchsample's `Rotate` matrix applied by `th_affine2d(center=True)`.
 *    A positive angle therefore turns the content clockwise as displayed (row 0 at the top): +90°
 *    equals `numpy.rot90(x, k=-1, axes=(1, 2))`.
 * 2. **Translation**: output (r, c) samples the input at `(r + tx, c + ty)` (torchsample's
 *    `Translate` matrix `[[1, 0, tx], [0, 1, ty]]`, `tx` on the height axis), a second resample.
 * 3. **Flip** left–right (the last axis) when `flip` is true.
 *
 * Each resample is an inverse-mapped bilinear interpolation whose source coordinates are clamped to
 * the image (edge replication, no zero fill). One deliberate difference from torchsample: it clamps
 * to `[0, size − 2]` before taking the `floor`/`floor + 1` neighbours, so a coordinate in
 * `(size − 2, size − 1]` reads row/column `size − 2` and even the identity transform copies the
 * second-to-last row and column over the last ones. Here coordinates are clamped to
 * `[0, size − 1]` (the true edge), so zero parameters are exactly the identity; everywhere the
 * sampled coordinates stay within `[0, size − 2]` the two agree (checked against a NumPy port of
 * `th_affine2d` in `scripts/fixtures/make_augment_fixture.py`). Arithmetic is float64 with a
 * float32 intermediate image (torchsample computes in float32).
 *
 * The inverse map of each resample is computed once per call and reused for every slice.
 *
 * @param volume - `[s, H, W]` values (any numeric typed array, e.g. a uint8 volume or floats).
 * @param shape - `[s, H, W]` with `H, W ≥ 2`.
 * @param params - One draw from {@link drawAugmentParams} (or fixed values).
 * @returns A new `Float32Array` `[s, H, W]`.
 * @throws RangeError if the shape does not match the data or the parameters are not finite.
 * @example
 * ```ts
 * import { applyAugment } from '@mrnet/data';
 * const vol = new Float32Array(3 * 64 * 64).map((_, i) => i % 255);
 * const out = applyAugment(vol, [3, 64, 64], { angleDeg: 10, tx: 2.5, ty: -4, flip: true });
 * ```
 */
export function applyAugment(
  volume: ArrayLike<number>,
  shape: readonly [number, number, number],
  params: AugmentParams,
): Float32Array {
  const [s, h, w] = checkShape(volume, shape);
  checkParams(params);
  const { angleDeg, tx, ty, flip } = params;
  const hw = h * w;
  const out = new Float32Array(s * hw);
  const maps: SampleMap[] = [];
  if (angleDeg !== 0) maps.push(rotationMap(h, w, angleDeg));
  if (tx !== 0 || ty !== 0) maps.push(translationMap(h, w, tx, ty));

  const a = new Float32Array(hw);
  const b = new Float32Array(hw);
  const f32 = volume instanceof Float32Array ? volume : undefined;
  for (let k = 0; k < s; k++) {
    const base = k * hw;
    const dst = out.subarray(base, base + hw);
    let cur: Float32Array;
    if (f32 !== undefined) cur = f32.subarray(base, base + hw);
    else {
      for (let p = 0; p < hw; p++) a[p] = volume[base + p]!;
      cur = a;
    }
    let done = false;
    for (let j = 0; j < maps.length; j++) {
      const target = j === maps.length - 1 && !flip ? dst : cur === a ? b : a;
      resample(cur, target, maps[j]!, w);
      cur = target;
      done = target === dst;
    }
    if (done) continue;
    if (flip) flipRows(cur, dst, h, w);
    else dst.set(cur);
  }
  return out;
}

/** Precomputed inverse map: top-left source index and fractional offsets per output pixel. */
interface SampleMap {
  readonly index: Int32Array;
  readonly fr: Float64Array;
  readonly fc: Float64Array;
}

function rotationMap(h: number, w: number, angleDeg: number): SampleMap {
  const [cos, sin] = cosSinDeg(angleDeg);
  const cr = h / 2 - 0.5;
  const cc = w / 2 - 0.5;
  const m = allocMap(h * w);
  for (let r = 0; r < h; r++) {
    const dr = r - cr;
    for (let c = 0; c < w; c++) {
      const dc = c - cc;
      setEntry(m, r * w + c, cos * dr - sin * dc + cr, sin * dr + cos * dc + cc, h, w);
    }
  }
  return m;
}

function translationMap(h: number, w: number, tx: number, ty: number): SampleMap {
  const m = allocMap(h * w);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) setEntry(m, r * w + c, r + tx, c + ty, h, w);
  }
  return m;
}

function allocMap(n: number): SampleMap {
  return { index: new Int32Array(n), fr: new Float64Array(n), fc: new Float64Array(n) };
}

/** Clamps (sr, sc) to the image and stores the bilinear neighbourhood of the source point. */
function setEntry(m: SampleMap, p: number, sr: number, sc: number, h: number, w: number): void {
  const r = sr < 0 ? 0 : sr > h - 1 ? h - 1 : sr;
  const c = sc < 0 ? 0 : sc > w - 1 ? w - 1 : sc;
  let r0 = Math.floor(r);
  let c0 = Math.floor(c);
  if (r0 > h - 2) r0 = h - 2;
  if (c0 > w - 2) c0 = w - 2;
  m.index[p] = r0 * w + c0;
  m.fr[p] = r - r0;
  m.fc[p] = c - c0;
}

/** Bilinear resample of one slice through a precomputed map. */
function resample(src: Float32Array, dst: Float32Array, m: SampleMap, w: number): void {
  const { index, fr, fc } = m;
  const n = dst.length;
  for (let p = 0; p < n; p++) {
    const i = index[p]!;
    const a = src[i]!;
    const b = src[i + 1]!;
    const c = src[i + w]!;
    const d = src[i + w + 1]!;
    const x = fc[p]!;
    const top = a + (b - a) * x;
    const bottom = c + (d - c) * x;
    dst[p] = top + (bottom - top) * fr[p]!;
  }
}

function flipRows(src: Float32Array, dst: Float32Array, h: number, w: number): void {
  for (let r = 0; r < h; r++) {
    const row = r * w;
    const end = row + w - 1;
    for (let c = 0; c < w; c++) dst[row + c] = src[end - c]!;
  }
}

/** cos and sin of an angle in degrees, exact at multiples of 90° (so rot90 is exact). */
function cosSinDeg(deg: number): [number, number] {
  const q = deg / 90;
  if (Number.isInteger(q)) {
    const k = ((q % 4) + 4) % 4;
    return [[1, 0, -1, 0][k]!, [0, 1, 0, -1][k]!];
  }
  const t = (Math.PI / 180) * deg;
  return [Math.cos(t), Math.sin(t)];
}

function checkShape(volume: ArrayLike<number>, shape: readonly number[]): [number, number, number] {
  if (!Array.isArray(shape) || shape.length !== 3) {
    throw new RangeError(`applyAugment: shape must be [slices, height, width] (got ${JSON.stringify(shape)})`);
  }
  const [s, h, w] = shape as [number, number, number];
  if (![s, h, w].every((x) => Number.isInteger(x) && x >= 0) || h < 2 || w < 2) {
    throw new RangeError(`applyAugment: shape must be non-negative integers with height, width ≥ 2 (got ${s}×${h}×${w})`);
  }
  if (volume.length !== s * h * w) {
    throw new RangeError(`applyAugment: shape ${s}×${h}×${w} needs ${s * h * w} values but the volume has ${volume.length}`);
  }
  return [s, h, w];
}

function checkParams(p: AugmentParams): void {
  for (const k of ['angleDeg', 'tx', 'ty'] as const) {
    if (typeof p[k] !== 'number') throw new TypeError(`applyAugment: params.${k} must be a number (got ${typeof p[k]})`);
    if (!Number.isFinite(p[k])) throw new RangeError(`applyAugment: params.${k} must be finite (got ${p[k]})`);
  }
  if (typeof p.flip !== 'boolean') throw new TypeError(`applyAugment: params.flip must be a boolean (got ${typeof p.flip})`);
}
