import type { Plane } from '../types.js';

/**
 * A direction in DICOM patient coordinates (LPS: +x towards the patient's left, +y posterior,
 * +z superior). NIfTI's RAS directions are converted to LPS before they reach this module.
 *
 * @example
 * ```ts
 * const superior: Vec3 = [0, 0, 1];
 * ```
 */
export type Vec3 = readonly [number, number, number];

/**
 * Beyond this angle (degrees) between a series' slice normal and its nearest patient axis, the
 * series is reported as oblique (in `import.json` and on stderr); it is still assigned the plane of
 * that nearest axis.
 *
 * @example
 * ```ts
 * planeOfNormal([0, 0.6, 0.8]).obliqueDegrees > OBLIQUE_LIMIT_DEGREES; // true: 36.9° off axial
 * ```
 */
export const OBLIQUE_LIMIT_DEGREES = 30;

/**
 * The patient axis (0 = x L-R, 1 = y A-P, 2 = z S-I) each plane's slices are stacked along.
 *
 * @example
 * ```ts
 * PLANE_AXIS.sagittal; // 0
 * ```
 */
export const PLANE_AXIS: Readonly<Record<Plane, 0 | 1 | 2>> = { sagittal: 0, coronal: 1, axial: 2 };

/**
 * The display frame every imported volume is brought to, as `[slice, row, column]` directions in
 * LPS — the radiological convention of most scanners:
 * - axial: slices inferior → superior; rows anterior → posterior (top = anterior); columns
 *   patient right → left (the patient's right on the image's left);
 * - coronal: slices anterior → posterior; rows superior → inferior; columns right → left;
 * - sagittal: slices right → left; rows superior → inferior; columns anterior → posterior.
 *
 * @example
 * ```ts
 * CANONICAL_FRAME.axial; // [[0, 0, 1], [0, 1, 0], [1, 0, 0]]
 * ```
 */
export const CANONICAL_FRAME: Readonly<Record<Plane, readonly [Vec3, Vec3, Vec3]>> = {
  axial: [
    [0, 0, 1],
    [0, 1, 0],
    [1, 0, 0],
  ],
  coronal: [
    [0, 1, 0],
    [0, 0, -1],
    [1, 0, 0],
  ],
  sagittal: [
    [1, 0, 0],
    [0, 0, -1],
    [0, 1, 0],
  ],
};

/**
 * `a × b`.
 *
 * @example
 * ```ts
 * cross([1, 0, 0], [0, 1, 0]); // [0, 0, 1]
 * ```
 */
export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/**
 * `a · b`.
 *
 * @example
 * ```ts
 * dot([1, 2, 3], [0, 0, 1]); // 3
 * ```
 */
export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/**
 * `v / |v|`; a zero vector stays zero.
 *
 * @example
 * ```ts
 * normalize([0, 3, 4]); // [0, 0.6, 0.8]
 * ```
 */
export function normalize(v: Vec3): Vec3 {
  const n = Math.hypot(v[0], v[1], v[2]);
  return n === 0 ? [0, 0, 0] : [v[0] / n, v[1] / n, v[2] / n];
}

/** Index of the largest absolute component. */
function dominantAxis(v: Vec3): 0 | 1 | 2 {
  const a = v.map(Math.abs);
  return a[0]! >= a[1]! && a[0]! >= a[2]! ? 0 : a[1]! >= a[2]! ? 1 : 2;
}

/**
 * The plane of slices whose normal is `normal`: its dominant patient axis (L-R sagittal, A-P
 * coronal, S-I axial), and the angle in degrees between the normal and that axis (0 for a slice
 * exactly in the plane; reported as oblique beyond {@link OBLIQUE_LIMIT_DEGREES}).
 *
 * @example
 * ```ts
 * planeOfNormal([0.1, 0, -0.99]); // { plane: 'axial', obliqueDegrees: 5.77 }
 * ```
 */
export function planeOfNormal(normal: Vec3): { plane: Plane; obliqueDegrees: number } {
  const n = normalize(normal);
  const axis = dominantAxis(n);
  const plane: Plane = axis === 0 ? 'sagittal' : axis === 1 ? 'coronal' : 'axial';
  const cos = Math.min(1, Math.abs(n[axis]));
  return { plane, obliqueDegrees: (Math.acos(cos) * 180) / Math.PI };
}

/**
 * A 3-D volume in C order with the patient direction of each array axis.
 *
 * @example
 * ```ts
 * const v: OrientedVolume = { data: new Float32Array(8), shape: [2, 2, 2], directions: [[0, 0, 1], [0, 1, 0], [1, 0, 0]], spacing: [3, 0.5, 0.5] };
 * ```
 */
export interface OrientedVolume {
  data: Float32Array;
  shape: readonly [number, number, number];
  /** LPS unit direction in which each array axis's index increases. */
  directions: readonly [Vec3, Vec3, Vec3];
  /** Millimetres between neighbours along each array axis. */
  spacing: readonly [number, number, number];
}

/**
 * How {@link toCanonical} moved the axes: for each output axis (slice, row, column), the input axis
 * it came from and whether it was reversed.
 *
 * @example
 * ```ts
 * const r: Reorientation = { from: [0, 2, 1], flipped: [false, true, false] };
 * ```
 */
export interface Reorientation {
  from: readonly [number, number, number];
  flipped: readonly [boolean, boolean, boolean];
}

/**
 * Brings a volume to the plane's {@link CANONICAL_FRAME} by permuting and reversing axes only (no
 * interpolation, so values are kept exactly). `sliceAxis` is the input axis that holds the slices
 * (0 for a DICOM series stacked by position; the third voxel axis for NIfTI); the two in-plane axes
 * go to rows and columns by which one lies closer to the frame's row direction.
 *
 * @example
 * ```ts
 * // a sagittal slice stored with columns posterior → anterior is mirrored back to anterior → posterior
 * const out = toCanonical({ data, shape: [s, h, w], directions: [[1, 0, 0], [0, 0, -1], [0, -1, 0]], spacing }, 'sagittal', 0);
 * out.reorientation.flipped; // [false, false, true]
 * ```
 */
export function toCanonical(volume: OrientedVolume, plane: Plane, sliceAxis: 0 | 1 | 2): OrientedVolume & { reorientation: Reorientation } {
  const frame = CANONICAL_FRAME[plane];
  const inPlane = [0, 1, 2].filter((a) => a !== sliceAxis) as [number, number];
  const rowWorld = dominantAxis(frame[1]);
  const alongRows = (a: number): number => Math.abs(volume.directions[a]![rowWorld]);
  const rowAxis = alongRows(inPlane[0]) >= alongRows(inPlane[1]) ? inPlane[0] : inPlane[1];
  const colAxis = rowAxis === inPlane[0] ? inPlane[1] : inPlane[0];
  const from = [sliceAxis, rowAxis, colAxis] as const;
  const flipped = from.map((a, t) => dot(volume.directions[a]!, frame[t]!) < 0) as [boolean, boolean, boolean];
  const inShape = volume.shape;
  const inStride = [inShape[1] * inShape[2], inShape[2], 1];
  const shape = from.map((a) => inShape[a]!) as [number, number, number];
  const out = new Float32Array(volume.data.length);
  // Offset of output index i along output axis t, in the input array.
  const offsets = from.map((a, t) => {
    const n = shape[t]!;
    const o = new Int32Array(n);
    for (let i = 0; i < n; i++) o[i] = (flipped[t] ? n - 1 - i : i) * inStride[a]!;
    return o;
  });
  const [o0, o1, o2] = offsets as [Int32Array, Int32Array, Int32Array];
  const src = volume.data;
  // Columns still run along the input's last axis, forwards: copy whole rows.
  const rowCopy = from[2] === 2 && !flipped[2];
  const w = shape[2];
  let k = 0;
  for (let i = 0; i < shape[0]; i++) {
    for (let j = 0; j < shape[1]; j++, k += w) {
      const base = o0[i]! + o1[j]!;
      if (rowCopy) out.set(src.subarray(base, base + w), k);
      else for (let l = 0; l < w; l++) out[k + l] = src[base + o2[l]!]!;
    }
  }
  const directions = from.map((a, t) => {
    const d = volume.directions[a]!;
    return (flipped[t] ? [-d[0], -d[1], -d[2]] : d) as Vec3;
  }) as [Vec3, Vec3, Vec3];
  return {
    data: out,
    shape,
    directions,
    spacing: from.map((a) => volume.spacing[a]!) as [number, number, number],
    reorientation: { from, flipped },
  };
}
