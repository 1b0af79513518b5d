import { PLANES, type Plane } from '../../types.js';
import { finishPlane } from '../finish-plane.js';
import { ImportError } from '../import-error.js';
import { IMPORT_SIZE, type ImportedExam, type PlaneReport, type RejectedSeries, type SkippedFile, type SourceFile } from '../types.js';
import { importMethod } from '../import-method.js';
import { checkSeries, groupBySeries, seriesVolume, type DicomSeries } from './dicom-series.js';
import { chooseSeries, SERIES_CHOICE_RULE } from './choose-series.js';
import { parseDicom, type DicomSlice } from './parse-dicom.js';

/**
 * Options of {@link importDicomFiles}.
 *
 * @example
 * ```ts
 * const options: ImportDicomOptions = { series: { sagittal: '1.2.840.113619.2.1' } };
 * ```
 */
export interface ImportDicomOptions {
  /** SeriesInstanceUID to take per plane, overriding the choice rule. Default: none. */
  series?: Partial<Record<Plane, string>>;
  /** In-plane size of the output. Default {@link IMPORT_SIZE} (256, as MRNet). */
  size?: number;
  /** Name of the source in messages (the folder). Default `'input'`. */
  source?: string;
}

/**
 * Turns the files of one DICOM exam (any names, any order) into MRNet's three `[s, 256, 256]`
 * uint8 volumes and the `import.json` report. Pure: takes bytes, so it runs in a browser too.
 * `files` may be a generator, so that a caller reading from disk holds one file's bytes at a time.
 *
 * Files that are not DICOM, non-image objects and series that cannot form a volume are listed in
 * the report and skipped; the exam fails with a one-line {@link ImportError} only when a plane is
 * left with no usable series (the message then names the plane and why each of its series was
 * rejected) or a file cannot be decoded (compressed transfer syntax, multi-frame).
 *
 * @example
 * ```ts
 * import { importDicomFiles } from '@mrnet/data';
 * const exam = importDicomFiles(files, { source: 'PACS-export/knee' });
 * exam.volumes.sagittal.shape; // [24, 256, 256]
 * exam.report.planes.sagittal.steps;
 * ```
 */
export function importDicomFiles(files: Iterable<SourceFile>, options: ImportDicomOptions = {}): ImportedExam {
  const size = options.size ?? IMPORT_SIZE;
  const source = options.source ?? 'input';
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`importDicomFiles: size must be a positive integer (got ${size})`);
  const skipped: SkippedFile[] = [];
  const slices: DicomSlice[] = [];
  let count = 0;
  for (const f of files) {
    count++;
    const p = parseDicom(f);
    if (p.kind === 'slice') slices.push(p.slice);
    else skipped.push({ path: p.path, reason: p.reason });
  }
  if (slices.length === 0) {
    const first = skipped[0];
    throw new ImportError(`${source}: no DICOM image slices among ${count} file${count === 1 ? '' : 's'}${first ? ` (e.g. ${first.path}: ${first.reason})` : ''}`, { path: first?.path ?? source });
  }
  const usable: DicomSeries[] = [];
  const rejected: RejectedSeries[] = [];
  for (const group of groupBySeries(slices).values()) {
    const c = checkSeries(group);
    if (c.ok) usable.push(c.series);
    else rejected.push({ series: c.uid, plane: c.plane, seriesDescription: c.description, file: c.file, reason: c.reason });
  }
  const planes = {} as Record<Plane, PlaneReport>;
  const volumes = {} as ImportedExam['volumes'];
  for (const plane of PLANES) {
    const wantedUid = options.series?.[plane];
    let override: DicomSeries | undefined;
    if (wantedUid !== undefined) {
      override = usable.find((s) => s.uid === wantedUid);
      if (!override) {
        const bad = rejected.find((r) => r.series === wantedUid);
        if (bad) throw new ImportError(`--series ${plane}=${wantedUid}: ${bad.file}: ${bad.reason}`, { path: bad.file });
        throw new ImportError(`--series ${plane}=${wantedUid}: no such series in ${source} (series: ${usable.map((s) => `${s.uid} ${s.plane}`).join(', ')})`, { path: source });
      }
    }
    const candidates = usable.filter((s) => s.plane === plane);
    if (!override && candidates.length === 0) {
      const why = rejected.filter((r) => r.plane === plane || r.plane === null);
      const detail = why.length ? `; rejected: ${why.map((r) => `${r.file}: ${r.reason}`).join('; ')}` : `; found: ${usable.map((s) => `${s.plane} ${s.uid}`).join(', ') || 'no usable series'}`;
      throw new ImportError(`${source}: no usable ${plane} series${detail}`, { path: why[0]?.file ?? source });
    }
    const { chosen, others, why } = chooseSeries(plane, candidates, override);
    const warnings = [...chosen.warnings];
    if (chosen.plane !== plane) warnings.push(`the series' slices are ${chosen.plane} (normal ${chosen.normal.map((x) => x.toFixed(2)).join(', ')}), used as ${plane} because --series says so`);
    const volume = seriesVolume(chosen);
    const first = chosen.slices[0]!;
    const steps = [`ordered ${chosen.slices.length} slices by ImagePositionPatient along the normal (row × column cosines), ascending`];
    const rescaled = chosen.slices.filter((s) => s.rescaleSlope !== 1 || s.rescaleIntercept !== 0);
    if (rescaled.length > 0) steps.push(`applied RescaleSlope/RescaleIntercept (${first.rescaleSlope}/${first.rescaleIntercept} on the first slice)`);
    if (first.photometric === 'MONOCHROME1') steps.push('MONOCHROME1: values negated so that bright means high, as MONOCHROME2');
    const done = finishPlane(volume, plane, 0, size);
    volumes[plane] = { data: done.data, shape: done.shape };
    planes[plane] = {
      source: 'dicom',
      series: chosen.uid,
      seriesDescription: chosen.description,
      seriesNumber: chosen.number,
      files: (done.slicesReversed ? [...chosen.slices].reverse() : chosen.slices).map((s) => s.path),
      slices: chosen.slices.length,
      sourceSize: [first.rows, first.columns],
      pixelSpacing: [...first.pixelSpacing],
      sliceSpacing: chosen.sliceSpacing,
      orientation: { row: chosen.row, column: chosen.column, normal: chosen.normal, obliqueDegrees: chosen.obliqueDegrees },
      steps: [...steps, ...done.steps],
      warnings,
      choice: why,
      others: others.map((o) => ({ series: o.uid, seriesDescription: o.description, slices: o.slices.length })),
      shape: done.shape,
      intensityRange: done.range,
    };
  }
  return { volumes, report: { format: 'mrnet-import', version: 1, method: importMethod(size, SERIES_CHOICE_RULE), planes, rejectedSeries: rejected, skipped } };
}
