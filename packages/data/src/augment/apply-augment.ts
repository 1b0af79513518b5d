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
  // The flip is folded into the last resample's map (output column c reads the map entry of
  // column W−1−c), so it costs nothing when there is any resample.
  const doRotate = angleDeg !== 0;
  const doTranslate = tx !== 0 || ty !== 0;
  const maps: SampleMap[] = [];
  if (doRotate) maps.push(rotationMap(h, w, angleDeg, flip && !doTranslate));
  if (doTranslate) maps.push(translationMap(h, w, tx, ty, flip));

  const a = new Float32Array(maps.length > 1 ? hw : 0);
  const b = new Float32Array(maps.length > 1 ? hw : 0);
  const f32 = volume instanceof Float32Array ? volume : Float32Array.from(volume);
  const sliceOf = (arr: Float32Array, k: number): Float32Array => arr.subarray(k * hw, (k + 1) * hw);
  // Slices go in pairs so that each map entry, loaded once, serves two slices.
  for (let k = 0; k < s; k += 2) {
    const pair = k + 1 < s;
    const srcA = sliceOf(f32, k);
    const dstA = sliceOf(out, k);
    const srcB = pair ? sliceOf(f32, k + 1) : srcA;
    const dstB = pair ? sliceOf(out, k + 1) : dstA;
    if (maps.length === 0) {
      for (const [src, dst] of pair ? [[srcA, dstA], [srcB, dstB]] : [[srcA, dstA]]) {
        if (flip) flipRows(src!, dst!, h, w);
        else dst!.set(src!);
      }
    } else if (maps.length === 1) {
      resamplePair(srcA, srcB, dstA, dstB, maps[0]!, w, pair);
    } else {
      resamplePair(srcA, srcB, a, b, maps[0]!, w, pair);
      resamplePair(a, b, dstA, dstB, maps[1]!, w, pair);
    }
  }
  return out;
}

/** Precomputed inverse map: top-left source index and fractional offsets per output pixel. */
interface GeneralMap {
  readonly kind: 'general';
  readonly index: Int32Array;
  readonly fr: Float32Array;
  readonly fc: Float32Array;
}

/** A map whose source row depends only on the output row and source column only on the output column. */
interface SeparableMap {
  readonly kind: 'separable';
  readonly rowIndex: Int32Array;
  readonly fr: Float64Array;
  readonly colIndex: Int32Array;
  readonly fc: Float64Array;
}

type SampleMap = GeneralMap | SeparableMap;

function rotationMap(h: number, w: number, angleDeg: number, flip: boolean): SampleMap {
  const [cos, sin] = cosSinDeg(angleDeg);
  const cr = h / 2 - 0.5;
  const cc = w / 2 - 0.5;
  const m = allocMap(h * w);
  for (let r = 0; r < h; r++) {
    const dr = r - cr;
    for (let c = 0; c < w; c++) {
      const dc = (flip ? w - 1 - c : c) - cc;
      setEntry(m, r * w + c, cos * dr - sin * dc + cr, sin * dr + cos * dc + cc, h, w);
    }
  }
  return m;
}

function translationMap(h: number, w: number, tx: number, ty: number, flip: boolean): SampleMap {
  const m: SeparableMap = {
    kind: 'separable',
    rowIndex: new Int32Array(h),
    fr: new Float64Array(h),
    colIndex: new Int32Array(w),
    fc: new Float64Array(w),
  };
  for (let r = 0; r < h; r++) {
    const [i0, f] = axisEntry(r + tx, h);
    m.rowIndex[r] = i0 * w;
    m.fr[r] = f;
  }
  for (let c = 0; c < w; c++) {
    const [i0, f] = axisEntry((flip ? w - 1 - c : c) + ty, w);
    m.colIndex[c] = i0;
    m.fc[c] = f;
  }
  return m;
}

function allocMap(n: number): GeneralMap {
  return { kind: 'general', index: new Int32Array(n), fr: new Float32Array(n), fc: new Float32Array(n) };
}

/**
 * Clamps a source coordinate to `[0, n − 1]` and returns its bilinear neighbourhood: the lower
 * neighbour `i0 ≤ n − 2` (so `i0 + 1` is inside) and the fraction `x − i0 ∈ [0, 1]`.
 */
function axisEntry(x: number, n: number): [number, number] {
  const v = x < 0 ? 0 : x > n - 1 ? n - 1 : x;
  let i0 = Math.floor(v);
  if (i0 > n - 2) i0 = n - 2;
  return [i0, v - i0];
}

/** Stores the bilinear neighbourhood of source point (sr, sc) for output pixel p. */
function setEntry(m: GeneralMap, p: number, sr: number, sc: number, h: number, w: number): void {
  const [r0, fr] = axisEntry(sr, h);
  const [c0, fc] = axisEntry(sc, w);
  m.index[p] = r0 * w + c0;
  // Fractions are exact in float32 only to ~6e-8; the resulting value error is far below 1e-4.
  m.fr[p] = fr;
  m.fc[p] = fc;
}

/** Resamples two slices through the same map (or only the first when `pair` is false). */
function resamplePair(
  srcA: Float32Array,
  srcB: Float32Array,
  dstA: Float32Array,
  dstB: Float32Array,
  m: SampleMap,
  w: number,
  pair: boolean,
): void {
  if (m.kind === 'separable' || !pair) {
    resample(srcA, dstA, m, w);
    if (pair) resample(srcB, dstB, m, w);
    return;
  }
  const { index, fr, fc } = m;
  const n = dstA.length;
  for (let p = 0; p < n; p++) {
    const i = index[p]!;
    const x = fc[p]!;
    const y = fr[p]!;
    let a = srcA[i]!, b = srcA[i + 1]!, c = srcA[i + w]!, d = srcA[i + w + 1]!;
    let top = a + (b - a) * x;
    let bottom = c + (d - c) * x;
    dstA[p] = top + (bottom - top) * y;
    a = srcB[i]!;
    b = srcB[i + 1]!;
    c = srcB[i + w]!;
    d = srcB[i + w + 1]!;
    top = a + (b - a) * x;
    bottom = c + (d - c) * x;
    dstB[p] = top + (bottom - top) * y;
  }
}

/** Bilinear resample of one slice through a precomputed map. */
function resample(src: Float32Array, dst: Float32Array, m: SampleMap, w: number): void {
  if (m.kind === 'separable') {
    resampleSeparable(src, dst, m, w);
    return;
  }
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

function resampleSeparable(src: Float32Array, dst: Float32Array, m: SeparableMap, w: number): void {
  const { rowIndex, fr, colIndex, fc } = m;
  const h = rowIndex.length;
  for (let r = 0; r < h; r++) {
    const row = rowIndex[r]!;
    const y = fr[r]!;
    const out = r * w;
    for (let c = 0; c < w; c++) {
      const i = row + colIndex[c]!;
      const a = src[i]!;
      const b = src[i + 1]!;
      const cc = src[i + w]!;
      const d = src[i + w + 1]!;
      const x = fc[c]!;
      const top = a + (b - a) * x;
      const bottom = cc + (d - cc) * x;
      dst[out + c] = top + (bottom - top) * y;
    }
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
