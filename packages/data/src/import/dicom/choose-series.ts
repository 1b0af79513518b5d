import type { Plane } from '../../types.js';
import { ImportError } from '../import-error.js';
import type { DicomSeries } from './dicom-series.js';

/**
 * The weighting MRNet's exams used per plane (sagittal T2, coronal T1, axial proton density) and
 * the SeriesDescription words that name it.
 *
 * @example
 * ```ts
 * PREFERRED_WEIGHTING.sagittal.test('SAG T2 FS'); // true
 * ```
 */
export const PREFERRED_WEIGHTING: Readonly<Record<Plane, RegExp>> = {
  // a word starting with the weighting: 'SAG T2 FS', 'sag_t2_tse', 'T2W' (not 'DT2')
  sagittal: /(^|[^a-z0-9])t2/i,
  coronal: /(^|[^a-z0-9])t1/i,
  axial: /(^|[^a-z0-9])(pd|proton)/i,
};

/**
 * The rule {@link chooseSeries} applies, in words (written to `import.json`).
 *
 * @example
 * ```ts
 * console.log(SERIES_CHOICE_RULE);
 * ```
 */
export const SERIES_CHOICE_RULE =
  'per plane, a series given by --series PLANE=UID; otherwise the series whose SeriesDescription names the weighting MRNet used ' +
  '(sagittal T2, coronal T1, axial PD/proton density), then the one with most slices, then the lowest SeriesNumber, then the lowest UID';

/**
 * Picks one series for `plane` among `candidates` (all usable series of that plane) by
 * {@link SERIES_CHOICE_RULE}, or the one `override` names. Throws {@link ImportError} when there is
 * none or the override names no usable series.
 *
 * @example
 * ```ts
 * const { chosen, why } = chooseSeries('sagittal', series.filter((s) => s.plane === 'sagittal'));
 * ```
 */
export function chooseSeries(
  plane: Plane,
  candidates: readonly DicomSeries[],
  override?: DicomSeries,
): { chosen: DicomSeries; others: DicomSeries[]; why: string } {
  if (override) {
    return { chosen: override, others: candidates.filter((c) => c !== override), why: `chosen by --series ${plane}=${override.uid}` };
  }
  if (candidates.length === 0) throw new ImportError(`no ${plane} series`);
  const wanted = PREFERRED_WEIGHTING[plane];
  const name = { sagittal: 'T2', coronal: 'T1', axial: 'PD' }[plane];
  const score = (s: DicomSeries): number => (wanted.test(s.description ?? '') ? 1 : 0);
  const ranked = [...candidates].sort(
    (a, b) =>
      score(b) - score(a) ||
      b.slices.length - a.slices.length ||
      (a.number ?? Infinity) - (b.number ?? Infinity) ||
      (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0),
  );
  const chosen = ranked[0]!;
  const why =
    candidates.length === 1
      ? `the only ${plane} series`
      : score(chosen) === 1
        ? `SeriesDescription names ${name}, the weighting MRNet used for ${plane}${candidates.filter((c) => score(c) === 1).length > 1 ? ', then most slices' : ''}`
        : `no SeriesDescription names ${name}, the weighting MRNet used for ${plane}; most slices`;
  return { chosen, others: ranked.slice(1), why };
}
