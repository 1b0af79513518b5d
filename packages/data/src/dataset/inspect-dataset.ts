import { stat } from 'node:fs/promises';
import { NpyFormatError } from '../errors.js';
import { readNpyFileHeader } from '../npy/read-npy-file.js';
import { PLANES, SPLITS, TASKS, type Plane, type Split, type Task } from '../types.js';
import { MIN_SLICE_SIZE } from '../volume/index.js';
import { readLabelCsv } from './read-label-csv.js';
import { examFileName } from './layout.js';
import { examPlanePath, labelCsvPath } from './paths.js';
import { listPlaneFiles } from './plane-files.js';

/**
 * Class balance of one task in one split.
 *
 * @example
 * ```ts
 * const acl: TaskSummary | null = (await inspectDataset(root)).summary.splits.train.tasks.acl;
 * ```
 */
export interface TaskSummary {
  positives: number;
  negatives: number;
  /** `positives / (positives + negatives)`, or `null` without rows. */
  prevalence: number | null;
}

/**
 * What the valid `.npy` headers of one plane of one split hold.
 *
 * @example
 * ```ts
 * const { slices, sizes }: PlaneSummary = (await inspectDataset(root)).summary.splits.train.planes.axial;
 * ```
 */
export interface PlaneSummary {
  /** Number of exam files whose header is a valid volume. */
  files: number;
  /** Fewest and most slices, or `null` without valid files. */
  slices: { min: number; max: number } | null;
  /** Distinct slice sizes `'H×W'` (MRNet: `['256×256']`). */
  sizes: string[];
  /** Distinct dtypes (MRNet: `['u1']`). */
  dtypes: string[];
}

/**
 * Summary of one split.
 *
 * @example
 * ```ts
 * const { exams }: SplitSummary = (await inspectDataset(root)).summary.splits.valid;
 * ```
 */
export interface SplitSummary {
  /** Distinct exam ids listed by this split's label CSVs. */
  exams: number;
  /** Class balance per task; `null` when the task's CSV is missing. */
  tasks: Record<Task, TaskSummary | null>;
  planes: Record<Plane, PlaneSummary>;
}

/**
 * The result of {@link inspectDataset}.
 *
 * @example
 * ```ts
 * const { ok, problems }: DatasetInspection = await inspectDataset(root);
 * ```
 */
export interface DatasetInspection {
  /** True when no problem was found. */
  ok: boolean;
  summary: { root: string; splits: Record<Split, SplitSummary> };
  /** Every problem found, each naming its file (and `file:line` for CSV rows). */
  problems: string[];
}

const CONCURRENCY = 16;

/**
 * Summarises an MRNet-v1.0 dataset folder and lists every problem in it at once: missing or
 * malformed label CSVs (bad rows, labels other than 0/1, duplicate ids), CSVs of a split that
 * disagree on which exams exist, and missing or corrupt `.npy` files. Each file's header is read
 * and checked against its size (a few hundred bytes per file; the voxels are not read), and must
 * declare an `s×H×W` volume with s ≥ 1 and H, W ≥ 63. Never throws for problems in the folder.
 *
 * @example
 * ```ts
 * import { inspectDataset } from '@mrnet/data/node';
 * const { ok, summary, problems } = await inspectDataset('MRNet-v1.0');
 * if (!ok) problems.forEach((p) => console.error(p));
 * console.log(summary.splits.train.exams, summary.splits.train.tasks.acl?.prevalence);
 * ```
 */
export async function inspectDataset(root: string): Promise<DatasetInspection> {
  if (typeof root !== 'string' || root === '') throw new TypeError('inspectDataset: root must be a non-empty string');
  const problems: string[] = [];
  const splits = {} as Record<Split, SplitSummary>;
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) problems.push(`${root}: ${rootStat ? 'not a folder' : 'no such folder'}`);
  for (const split of SPLITS) {
    splits[split] = rootStat?.isDirectory() ? await inspectSplit(root, split, problems) : emptySplit();
  }
  return { ok: problems.length === 0, summary: { root, splits }, problems };
}

function emptyPlane(): PlaneSummary {
  return { files: 0, slices: null, sizes: [], dtypes: [] };
}

function emptySplit(): SplitSummary {
  return {
    exams: 0,
    tasks: { abnormal: null, acl: null, meniscus: null },
    planes: { axial: emptyPlane(), coronal: emptyPlane(), sagittal: emptyPlane() },
  };
}

async function inspectSplit(root: string, split: Split, problems: string[]): Promise<SplitSummary> {
  const summary = emptySplit();
  const idsByTask = new Map<Task, Set<number>>();
  const firstLine = new Map<number, string>();
  for (const task of TASKS) {
    const csv = labelCsvPath(root, split, task);
    const { rows, problems: p, found } = await readLabelCsv(csv);
    problems.push(...p);
    if (!found) continue;
    const positives = rows.filter((r) => r.label === 1).length;
    const n = rows.length;
    summary.tasks[task] = { positives, negatives: n - positives, prevalence: n > 0 ? positives / n : null };
    idsByTask.set(task, new Set(rows.map((r) => r.id)));
    for (const r of rows) if (!firstLine.has(r.id)) firstLine.set(r.id, `${csv}:${r.line}`);
  }

  const all = [...firstLine.keys()].sort((a, b) => a - b);
  summary.exams = all.length;
  for (const [task, ids] of idsByTask) {
    const absent = all.filter((id) => !ids.has(id));
    if (absent.length > 0) {
      const shown = absent.slice(0, 5).join(', ') + (absent.length > 5 ? `, … (${absent.length} in all)` : '');
      problems.push(`${labelCsvPath(root, split, task)}: lacks exam ids that other ${split} label files list: ${shown}`);
    }
  }
  if (all.length === 0) return summary;

  for (const plane of PLANES) {
    const listing = await listPlaneFiles(root, split, plane);
    if (listing.problem) {
      problems.push(`${listing.problem} (${all.length} exams listed in the ${split} label files)`);
      continue;
    }
    const found: { id: number; path: string }[] = [];
    for (const id of all) {
      const path = examPlanePath(root, split, plane, id);
      if (listing.names.has(examFileName(id))) found.push({ id, path });
      else problems.push(`${path}: missing (exam ${id} is listed in ${firstLine.get(id)})`);
    }
    const ps = summary.planes[plane];
    const sizes = new Set<string>();
    const dtypes = new Set<string>();
    const fileProblems = new Array<string | undefined>(found.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < found.length) {
        const k = next++;
        const { path } = found[k]!;
        try {
          const h = await readNpyFileHeader(path);
          const [s, hh, ww] = h.shape;
          if (h.shape.length !== 3 || s! < 1 || hh! < MIN_SLICE_SIZE || ww! < MIN_SLICE_SIZE) {
            fileProblems[k] = `${path}: expected an s×H×W volume with s ≥ 1 and H, W ≥ ${MIN_SLICE_SIZE}, got shape ${h.shape.join('×') || '()'}`;
            continue;
          }
          ps.files++;
          ps.slices = ps.slices ? { min: Math.min(ps.slices.min, s!), max: Math.max(ps.slices.max, s!) } : { min: s!, max: s! };
          sizes.add(`${hh}×${ww}`);
          dtypes.add(h.dtype);
        } catch (e) {
          if (e instanceof NpyFormatError) fileProblems[k] = e.message.replace(/^readNpyFileHeader: /, '');
          else fileProblems[k] = `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, found.length) }, worker));
    for (const p of fileProblems) if (p) problems.push(p);
    ps.sizes = [...sizes].sort();
    ps.dtypes = [...dtypes].sort();
  }
  return summary;
}
