import type { Plane } from '../../types.js';
import { cross, dot, normalize, planeOfNormal, OBLIQUE_LIMIT_DEGREES, type OrientedVolume, type Vec3 } from '../geometry.js';
import { sliceValues, type DicomSlice } from './parse-dicom.js';

/**
 * A series whose slices form a volume: ordered by position along the normal, checked, with its plane.
 *
 * @example
 * ```ts
 * const checked = checkSeries(slices);
 * if (checked.ok) checked.series.plane; // 'sagittal'
 * ```
 */
export interface DicomSeries {
  uid: string;
  description: string | null;
  number: number | null;
  plane: Plane;
  obliqueDegrees: number;
  row: Vec3;
  column: Vec3;
  normal: Vec3;
  /** Slices ascending along `normal`. */
  slices: DicomSlice[];
  /** Median distance between neighbouring slices (mm). */
  sliceSpacing: number;
  warnings: string[];
}

/**
 * {@link checkSeries}'s answer: a usable series, or why the series cannot be a volume.
 *
 * @example
 * ```ts
 * const c: CheckedSeries = { ok: false, uid: '1.2.3', plane: null, description: null, file: 'IM1', reason: 'a series of one slice' };
 * ```
 */
export type CheckedSeries =
  | { ok: true; series: DicomSeries }
  | { ok: false; uid: string; plane: Plane | null; description: string | null; file: string; reason: string };

/**
 * Groups slices by SeriesInstanceUID, in first-seen order.
 *
 * @example
 * ```ts
 * groupBySeries(slices).get('1.2.840.1.2.3')!.length; // slices of that series
 * ```
 */
export function groupBySeries(slices: readonly DicomSlice[]): Map<string, DicomSlice[]> {
  const groups = new Map<string, DicomSlice[]>();
  for (const s of slices) {
    const g = groups.get(s.seriesInstanceUid);
    if (g) g.push(s);
    else groups.set(s.seriesInstanceUid, [s]);
  }
  return groups;
}

const ORIENTATION_TOLERANCE = 1e-3;

/**
 * Checks that one series' slices form a volume and orders them: one image size, one orientation,
 * at least two slices, no two at the same position. Slices are ordered by ImagePositionPatient
 * projected on the slice normal (row × column cosines), never by InstanceNumber or file name.
 * Missing slices (a gap ≥ 1.5× the median spacing) and uneven spacing (> 10 % off the median) are
 * warnings, not failures: MRNet pools over slices, so a gap changes little, but a person should know.
 *
 * @example
 * ```ts
 * const checked = checkSeries(groupBySeries(slices).get(uid)!);
 * if (!checked.ok) console.log(checked.reason); // e.g. 'mixed image sizes within the series: …'
 * ```
 */
export function checkSeries(slices: readonly DicomSlice[]): CheckedSeries {
  const first = slices[0]!;
  const base = { uid: first.seriesInstanceUid, description: first.seriesDescription };
  const row = normalize(first.row);
  const column = normalize(first.column);
  const normal = normalize(cross(row, column));
  const { plane, obliqueDegrees } = planeOfNormal(normal);
  const fail = (file: string, reason: string, p: Plane | null = plane): CheckedSeries => ({ ok: false, ...base, plane: p, file, reason });
  if (normal.every((x) => x === 0)) return fail(first.path, 'ImageOrientationPatient has parallel row and column cosines', null);
  const otherSize = slices.find((s) => s.rows !== first.rows || s.columns !== first.columns);
  if (otherSize) {
    return fail(otherSize.path, `mixed image sizes within the series: ${first.rows}×${first.columns} (${first.path}) and ${otherSize.rows}×${otherSize.columns} (${otherSize.path})`);
  }
  const otherOrientation = slices.find((s) => dot(normalize(s.row), row) < 1 - ORIENTATION_TOLERANCE || dot(normalize(s.column), column) < 1 - ORIENTATION_TOLERANCE);
  if (otherOrientation) return fail(otherOrientation.path, `mixed orientations within the series (a localizer?): ${first.path} and ${otherOrientation.path}`, null);
  const photometrics = new Set(slices.map((s) => s.photometric));
  if (photometrics.size > 1) return fail(first.path, 'mixed MONOCHROME1 and MONOCHROME2 slices within the series');
  if (slices.length < 2) return fail(first.path, 'a series of one slice (a volume needs at least two)');
  const keyed = slices.map((s) => ({ s, d: dot(s.position, normal) })).sort((a, b) => a.d - b.d);
  const gaps = keyed.slice(1).map((k, i) => k.d - keyed[i]!.d);
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const tolerance = Math.max(1e-3, 1e-3 * median);
  const dup = gaps.findIndex((g) => g < tolerance);
  if (dup >= 0) {
    const a = keyed[dup]!;
    const b = keyed[dup + 1]!;
    return fail(b.s.path, `duplicate slice positions (${a.d.toFixed(2)} mm along the normal): ${a.s.path} and ${b.s.path} (several echoes or time points in one series?)`);
  }
  const warnings: string[] = [];
  if (obliqueDegrees > OBLIQUE_LIMIT_DEGREES) warnings.push(`oblique: the slice normal is ${obliqueDegrees.toFixed(1)}° from the ${plane} axis (limit ${OBLIQUE_LIMIT_DEGREES}°)`);
  let missing = 0;
  let uneven = 0;
  gaps.forEach((g) => {
    const k = Math.round(g / median);
    if (k >= 2 && Math.abs(g - k * median) <= 0.1 * median) missing += k - 1;
    else if (Math.abs(g - median) > 0.1 * median) uneven++;
  });
  if (missing > 0) warnings.push(`${missing} slice position${missing === 1 ? '' : 's'} missing (gaps of a multiple of the ${median.toFixed(2)} mm spacing)`);
  if (uneven > 0) warnings.push(`uneven slice spacing: ${uneven} of ${gaps.length} gaps differ from the median ${median.toFixed(2)} mm by more than 10 %`);
  if (!first.pixelSpacingGiven) warnings.push('no PixelSpacing: square 1 mm pixels assumed');
  return {
    ok: true,
    series: { uid: base.uid, description: base.description, number: first.seriesNumber, plane, obliqueDegrees, row, column, normal, slices: keyed.map((k) => k.s), sliceSpacing: median, warnings },
  };
}

/**
 * The series' voxel values as a `[slices, rows, columns]` volume in the order of
 * {@link DicomSeries.slices}, rescaled (RescaleSlope/Intercept per slice) and, for MONOCHROME1,
 * negated so that brighter means a larger value, as in MONOCHROME2.
 *
 * @example
 * ```ts
 * const volume = seriesVolume(checked.series); // directions [normal, column, row]
 * ```
 */
export function seriesVolume(series: DicomSeries): OrientedVolume {
  const { rows, columns } = series.slices[0]!;
  const n = rows * columns;
  const data = new Float32Array(series.slices.length * n);
  const sign = series.slices[0]!.photometric === 'MONOCHROME1' ? -1 : 1;
  series.slices.forEach((s, i) => sliceValues(s, data, i * n, sign));
  const [rs, cs] = series.slices[0]!.pixelSpacing;
  // Moving down a column (next row) follows the column cosines; along a row, the row cosines.
  return { data, shape: [series.slices.length, rows, columns], directions: [series.normal, series.column, series.row], spacing: [series.sliceSpacing, rs, cs] };
}
