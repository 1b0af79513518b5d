import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@mrnet/options';
import { PLANES, toVolume, type ImportReport, type Intensity, type Plane, type Volume } from '@mrnet/data';
import { importDicomFolder, readVolumeFile, writeImportedExam } from '@mrnet/data/node';
import { resolveExamFiles } from '@mrnet/stack';
import { BadInputError } from '../cli/usage-error.js';

/**
 * An exam ready for prediction: the three series files, plus what the DICOM import did when the
 * exam was a DICOM folder (`null` for `.npy` exams). Call `dispose` when done.
 *
 * @example
 * ```ts
 * const exam: ExamInput = await resolveExamInput('PACS-export/knee-042');
 * ```
 */
export interface ExamInput {
  files: Record<Plane, string>;
  imported: ImportReport | null;
  dispose: () => Promise<void>;
}

/**
 * Resolves `--exam DIR` for `mrnet predict`: an MRNet split folder with `--id`, an exam folder with
 * `{axial,coronal,sagittal}.npy`, or else a DICOM folder, which is imported (as `mrnet import`
 * would, choice rule included) into a private temporary folder that `dispose` removes — the
 * prediction workers read files, so the volumes go through the disk once. A folder holding any
 * plane `.npy` is taken as an exam folder (and a missing plane is reported as such).
 *
 * @example
 * ```ts
 * import { predictExam } from '@mrnet/stack';
 * const exam = await resolveExamInput('PACS-export/knee-042');
 * try { await predictExam({ modelsDir: 'models', files: exam.files }); } finally { await exam.dispose(); }
 * ```
 */
export async function resolveExamInput(exam: string, id?: number, series?: Partial<Record<Plane, string>>): Promise<ExamInput> {
  const none = async (): Promise<void> => undefined;
  if (id !== undefined) return { files: await resolveExamFiles(exam, id), imported: null, dispose: none };
  const s = await stat(exam).catch(() => undefined);
  if (!s?.isDirectory()) return { files: await resolveExamFiles(exam), imported: null, dispose: none };
  const names = new Set(await readdir(exam));
  if (PLANES.some((p) => names.has(`${p}.npy`))) return { files: await resolveExamFiles(exam), imported: null, dispose: none };
  let imported;
  try {
    imported = importDicomFolder(exam, { series });
  } catch (e) {
    if (e instanceof InputError) throw new BadInputError(`--exam ${exam}: no axial.npy/coronal.npy/sagittal.npy, and as a DICOM folder: ${e.message}`);
    throw e;
  }
  const tmp = await mkdtemp(join(tmpdir(), 'mrnet-exam-'));
  const dir = join(tmp, 'exam');
  const dispose = (): Promise<void> => rm(tmp, { recursive: true, force: true });
  try {
    await writeImportedExam(dir, imported);
  } catch (e) {
    await dispose();
    throw e;
  }
  return { files: Object.fromEntries(PLANES.map((p) => [p, join(dir, `${p}.npy`)])) as Record<Plane, string>, imported: imported.report, dispose };
}

/**
 * One stderr line per plane saying which series a DICOM exam was imported from.
 *
 * @example
 * ```ts
 * for (const line of importedLines(exam.imported!)) io.stderr(`mrnet predict: ${line}\n`);
 * ```
 */
export function importedLines(report: ImportReport): string[] {
  return PLANES.map((p) => {
    const r = report.planes[p];
    const warn = r.warnings.length ? ` (warning: ${r.warnings.join('; ')})` : '';
    return `${p}: ${r.slices} slices from series ${r.series}${r.seriesDescription ? ` "${r.seriesDescription}"` : ''}${warn}`;
  });
}

/**
 * Reads `--input` for `mrnet cam`: a `.npy` series, or a DICOM folder from which the `plane` series
 * is imported in memory (as `mrnet import` would make it).
 *
 * @example
 * ```ts
 * const { volume, imported } = await readSeriesInput('PACS-export/knee-042', 'sagittal', 'none');
 * ```
 */
export async function readSeriesInput(input: string, plane: Plane, intensity: Intensity): Promise<{ volume: Volume; imported: ImportReport | null }> {
  const s = await stat(input).catch(() => undefined);
  if (!s?.isDirectory()) return { volume: await readVolumeFile(input, { intensity }), imported: null };
  let exam;
  try {
    exam = importDicomFolder(input);
  } catch (e) {
    if (e instanceof InputError) throw new BadInputError(`--input ${input}: a folder, read as DICOM: ${e.message}`);
    throw e;
  }
  return { volume: toVolume(exam.volumes[plane], { intensity, path: input }), imported: exam.report };
}
