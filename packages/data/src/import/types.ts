import type { Plane } from '../types.js';
import type { Vec3 } from './geometry.js';

/**
 * MRNet's in-plane size: every imported slice is resampled to `IMPORT_SIZE × IMPORT_SIZE`.
 *
 * @example
 * ```ts
 * IMPORT_SIZE; // 256
 * ```
 */
export const IMPORT_SIZE = 256;

/**
 * One input file as bytes: the pure importers take these, so they run anywhere (browser, worker);
 * `path` only names the file in messages and in `import.json`.
 *
 * @example
 * ```ts
 * const file: SourceFile = { path: 'exam/IM0001', bytes: new Uint8Array(await blob.arrayBuffer()) };
 * ```
 */
export interface SourceFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * A file that was read but not used, and why (not DICOM, a structured report, a presentation state…).
 *
 * @example
 * ```ts
 * const s: SkippedFile = { path: 'DICOMDIR', reason: 'non-image object: Media Storage Directory Storage' };
 * ```
 */
export interface SkippedFile {
  path: string;
  reason: string;
}

/**
 * What `import.json` says about one plane: where the volume came from and every step applied.
 *
 * @example
 * ```ts
 * const r: PlaneReport = exam.report.planes.sagittal;
 * r.steps; // ['ordered 24 slices by ImagePositionPatient along the normal', …]
 * ```
 */
export interface PlaneReport {
  /** `dicom` or `nifti`. */
  source: 'dicom' | 'nifti';
  /** SeriesInstanceUID (DICOM) or the file (NIfTI). */
  series: string;
  seriesDescription: string | null;
  seriesNumber: number | null;
  /** Files the volume was built from (DICOM: one per slice, in the order of the written slices). */
  files: string[];
  slices: number;
  /** Rows × columns of the source slices, before resampling. */
  sourceSize: [number, number];
  /** Millimetres between rows and between columns of the source slices. */
  pixelSpacing: [number, number];
  /** Median distance between neighbouring slices along the normal, in millimetres. */
  sliceSpacing: number;
  orientation: {
    /** LPS direction along a row (DICOM row cosines) and down a column, as stored. */
    row: Vec3;
    column: Vec3;
    /** Slice normal (row × column). */
    normal: Vec3;
    /** Angle between the normal and its nearest patient axis, degrees. */
    obliqueDegrees: number;
  };
  /** Every transformation applied, in order, in words. */
  steps: string[];
  /** Things a person should look at (oblique, uneven spacing, missing slices). */
  warnings: string[];
  /** Why this series was taken for the plane. */
  choice: string;
  /** Other usable series of the same plane that were not taken. */
  others: { series: string; seriesDescription: string | null; slices: number }[];
  /** Shape of the written array: `[slices, 256, 256]`. */
  shape: [number, number, number];
  /** Rescaled source range mapped to 0–255. */
  intensityRange: [number, number];
}

/**
 * A series that could not be used, and why.
 *
 * @example
 * ```ts
 * const r: RejectedSeries = { series: '1.2.3', plane: 'axial', seriesDescription: 'localizer', file: 'IM1', reason: 'mixed orientations within the series' };
 * ```
 */
export interface RejectedSeries {
  series: string;
  plane: Plane | null;
  seriesDescription: string | null;
  file: string;
  reason: string;
}

/**
 * The whole `import.json` document.
 *
 * @example
 * ```ts
 * const report: ImportReport = JSON.parse(await readFile('exam/import.json', 'utf8'));
 * report.planes.axial.series;
 * ```
 */
export interface ImportReport {
  format: 'mrnet-import';
  version: 1;
  /** How every plane was made: size, crop rule, intensity scaling. */
  method: { size: number; inPlane: string; intensity: string; sliceOrder: string; seriesChoice: string };
  planes: Record<Plane, PlaneReport>;
  rejectedSeries: RejectedSeries[];
  skipped: SkippedFile[];
}

/**
 * An imported exam: the three `[slices, 256, 256]` uint8 volumes, as in MRNet's `.npy` files, and
 * the report written as `import.json`.
 *
 * @example
 * ```ts
 * const exam: ImportedExam = importDicomFiles(files);
 * exam.volumes.sagittal.shape; // [24, 256, 256]
 * ```
 */
export interface ImportedExam {
  volumes: Record<Plane, { data: Uint8Array; shape: [number, number, number] }>;
  report: ImportReport;
}
