import { readFileSync } from 'node:fs';
import { InputError } from '@mrnet/options';
import { importNiftiFiles, PLANES, SPLITS, type ImportReport, type Plane, type Split } from '@mrnet/data';
import { importDicomBatch, importDicomFolder, writeImportedExam } from '@mrnet/data/node';
import { EXIT_OK } from '../cli/exit-code.js';
import type { CommandIo, CommandSpec, FlagValues } from '../cli/spec.js';
import { BadInputError, UsageError } from '../cli/usage-error.js';
import { parseSeriesFlag } from './import-flags.js';

/**
 * `mrnet import`, three modes chosen by the flags:
 *
 * - `--from DIR --out EXAMDIR`: every DICOM file under DIR (any names, any nesting) → one exam,
 *   `EXAMDIR/{axial,coronal,sagittal}.npy` (uint8 `[s, 256, 256]`) + `import.json`;
 * - `--sagittal F --coronal F --axial F --out EXAMDIR`: one NIfTI file per plane → the same;
 * - `--from ROOT --labels labels.csv --out DATA --split train|valid`: one DICOM folder per exam →
 *   an MRNet-v1.0 split (`DATA/{split}/{plane}/NNNN.npy`, `DATA/{split}-{task}.csv`).
 *
 * @example
 * ```sh
 * mrnet import --from PACS-export/knee-042 --out exams/042
 * mrnet import --sagittal sag.nii.gz --coronal cor.nii.gz --axial ax.nii.gz --out exams/042
 * mrnet import --from exports --labels labels.csv --out MyKnees --split train
 * ```
 */
export const importCommand: CommandSpec = {
  name: 'import',
  summary: 'DICOM folder or NIfTI files → an MRNet exam (axial/coronal/sagittal .npy); many exams → an MRNet-v1.0 split',
  description:
    'Reads every DICOM file under --from (any names, any nesting; other files are skipped and listed), groups them by\n' +
    'SeriesInstanceUID, gives each series a plane from its slice normal (row × column cosines: L-R sagittal, A-P coronal,\n' +
    'S-I axial; beyond 30° off the axis it is reported as oblique), orders slices by ImagePositionPatient along the normal,\n' +
    'applies RescaleSlope/Intercept and MONOCHROME1, brings each plane to one display frame, centre-crops to a square field\n' +
    'of view, resamples bilinearly to 256×256 and scales each volume min-max to 0–255 uint8, as MRNet’s arrays are.\n' +
    'Where a plane has several series: the one whose SeriesDescription names MRNet’s weighting (sagittal T2, coronal T1,\n' +
    'axial PD), then the one with most slices; --series PLANE=UID overrides. Writes EXAMDIR/{axial,coronal,sagittal}.npy\n' +
    'and import.json (per plane: series, slices, spacing, orientation, every step; the series not taken; skipped files).\n' +
    'NIfTI: --sagittal/--coronal/--axial, one .nii/.nii.gz per plane, orientation from the sform (else qform).\n' +
    'Batch: --from ROOT --labels CSV --split train|valid: CSV header exam,id,<tasks> (exam = folder under ROOT).\n' +
    'An existing non-empty output (or split) is refused unless --overwrite; on any error nothing is written.',
  flags: [
    { name: 'from', type: 'string', placeholder: 'DIR', help: 'DICOM folder of one exam; or, with --labels, a folder of exam folders' },
    { name: 'out', type: 'string', required: true, placeholder: 'DIR', help: 'exam folder to write; with --labels, the dataset root' },
    { name: 'sagittal', type: 'string', placeholder: 'FILE', help: 'NIfTI file (.nii or .nii.gz) of the sagittal series' },
    { name: 'coronal', type: 'string', placeholder: 'FILE', help: 'NIfTI file of the coronal series' },
    { name: 'axial', type: 'string', placeholder: 'FILE', help: 'NIfTI file of the axial series' },
    { name: 'series', type: 'string', placeholder: 'PLANE=UID,…', help: 'take these SeriesInstanceUIDs instead of the choice rule' },
    { name: 'labels', type: 'string', placeholder: 'FILE.csv', help: 'batch mode: CSV with header exam,id,abnormal,acl,meniscus (any task columns)' },
    { name: 'split', type: 'enum', values: SPLITS, placeholder: 'train|valid', help: 'batch mode: the split to write' },
    { name: 'overwrite', type: 'boolean', default: false, help: 'replace an existing non-empty exam folder (or split)' },
    { name: 'json', type: 'boolean', default: false, help: 'print one JSON document on stdout (the import report)' },
  ],
  async run(flags, io) {
    try {
      return await runImport(flags, io);
    } catch (e) {
      // ImportError and the other input errors of @mrnet/data: exit 2 with their one line.
      if (e instanceof InputError) throw new BadInputError(e.message);
      throw e;
    }
  },
};

async function runImport(flags: FlagValues, io: CommandIo): Promise<number> {
  const out = flags['out'] as string;
  const from = flags['from'] as string | undefined;
  const nifti = PLANES.filter((p) => flags[p] !== undefined);
  const series = parseSeriesFlag(flags['series'] as string | undefined);
  const overwrite = flags['overwrite'] === true;
  if (flags['labels'] !== undefined || flags['split'] !== undefined) {
    if (from === undefined) throw new UsageError('--from: required with --labels (the folder holding one DICOM folder per exam)');
    if (flags['labels'] === undefined) throw new UsageError('--labels: required with --split');
    if (flags['split'] === undefined) throw new UsageError('--split: required with --labels (train or valid)');
    if (nifti.length > 0) throw new UsageError(`--${nifti[0]}: NIfTI files are imported one exam at a time, not with --labels`);
    const result = await importDicomBatch({
      from,
      labels: flags['labels'] as string,
      out,
      split: flags['split'] as Split,
      overwrite,
      series,
      onExam: (done, total, exam, id) => io.stderr(`mrnet import: ${done}/${total} ${exam} → ${flags['split']}/*/${String(id).padStart(4, '0')}.npy\n`),
    });
    if (flags['json']) io.stdout(`${JSON.stringify({ out, split: flags['split'], ...result }, null, 2)}\n`);
    else io.stdout(`wrote ${result.exams} exams to ${out}/${flags['split']} (labels: ${result.tasks.join(', ')}); check with: mrnet inspect --data ${out}\n`);
    return EXIT_OK;
  }
  let exam;
  if (nifti.length > 0) {
    if (from !== undefined) throw new UsageError('--from: give either a DICOM folder (--from) or NIfTI files (--sagittal/--coronal/--axial), not both');
    if (series !== undefined) throw new UsageError('--series: only for DICOM input (--from)');
    const missing = PLANES.filter((p) => flags[p] === undefined);
    if (missing.length > 0) throw new UsageError(`--${missing[0]}: required with NIfTI input (one file per plane: --sagittal, --coronal, --axial)`);
    const files = Object.fromEntries(PLANES.map((p) => [p, { path: flags[p] as string, bytes: readInput(flags[p] as string, `--${p}`) }])) as Record<Plane, { path: string; bytes: Uint8Array }>;
    exam = importNiftiFiles(files);
  } else {
    if (from === undefined) throw new UsageError('give --from DIR (DICOM), or --sagittal F --coronal F --axial F (NIfTI)');
    exam = importDicomFolder(from, { series });
  }
  await writeImportedExam(out, exam, { overwrite });
  if (flags['json']) io.stdout(`${JSON.stringify({ out, ...exam.report }, null, 2)}\n`);
  else io.stdout(formatReport(out, exam.report));
  for (const p of PLANES) for (const w of exam.report.planes[p].warnings) io.stderr(`mrnet import: warning: ${p}: ${w}\n`);
  return EXIT_OK;
}

function readInput(path: string, flag: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BadInputError(`${flag} ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : String(e)}`);
  }
}

/**
 * The human-readable summary of an import: one line per plane, then what was left out.
 *
 * @example
 * ```ts
 * io.stdout(formatReport('exams/042', exam.report));
 * ```
 */
export function formatReport(out: string, report: ImportReport): string {
  const lines = [`wrote ${out}/{axial,coronal,sagittal}.npy and ${out}/import.json`];
  for (const p of PLANES) {
    const r = report.planes[p];
    const desc = r.seriesDescription ? `"${r.seriesDescription}" ` : '';
    lines.push(
      `  ${p.padEnd(8)} ${String(r.slices).padStart(3)} slices  ${r.sourceSize.join('×')} → ${r.shape.slice(1).join('×')}  ${r.pixelSpacing.map((x) => x.toFixed(2)).join('×')} mm, ${r.sliceSpacing.toFixed(2)} mm apart  ${desc}${r.series}${r.others.length ? `  (${r.others.length} other series)` : ''}`,
    );
  }
  if (report.rejectedSeries.length) lines.push(`  ${report.rejectedSeries.length} series not usable: ${report.rejectedSeries.map((r) => `${r.file}: ${r.reason}`).join('; ')}`);
  if (report.skipped.length) lines.push(`  ${report.skipped.length} file${report.skipped.length === 1 ? '' : 's'} skipped (see import.json), e.g. ${report.skipped[0]!.path}: ${report.skipped[0]!.reason}`);
  return `${lines.join('\n')}\n`;
}
