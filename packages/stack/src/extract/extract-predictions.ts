import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@mrnet/options/node';
import { PLANES, SPLITS, TASKS, type Plane, type Split, type Task } from '@mrnet/data';
import { openMRNetDataset, type ExamItem } from '@mrnet/data/node';
import { BACKEND_NAMES, type BackendName } from '@mrnet/model';
import { z } from 'zod';
import { parseOptions } from '../options.js';
import { planeModelDir, predictionsPaths } from './layout.js';
import { hashPlaneModel } from './model-hash.js';
import { runPlaneJobs } from './plane-jobs.js';
import { formatPredictionsCsv, parsePredictionsCsv, type PredictionRow } from './predictions-csv.js';

/**
 * Progress of {@link extractPredictions}.
 *
 * @example
 * ```ts
 * import { extractPredictions, type ExtractProgress } from '@mrnet/stack';
 * const onProgress = (e: ExtractProgress) => {
 *   if (e.type === 'series') console.error(`${e.split} ${e.plane}: ${e.done}/${e.total}`);
 * };
 * await extractPredictions({ data: 'MRNet-v1.0', task: 'acl', modelsDir: 'models', onProgress });
 * ```
 */
export type ExtractProgress =
  | { type: 'reused'; split: Split; csv: string }
  | { type: 'series'; plane: Plane; split: Split; done: number; total: number }
  | { type: 'written'; split: Split; csv: string }
  /** A prediction worker started its TensorFlow.js engine: `line` says which backend, and why (auto). */
  | { type: 'backend'; plane: Plane; line: string };

/**
 * Options of {@link extractPredictions}.
 *
 * @example
 * ```ts
 * const options: ExtractPredictionsOptions = { data: 'MRNet-v1.0', task: 'acl', modelsDir: 'models' };
 * ```
 */
export interface ExtractPredictionsOptions {
  /** MRNet-v1.0 dataset root. Required. */
  data: string;
  /** Task whose plane models are run. Required. */
  task: Task;
  /** Folder of the plane models, `{modelsDir}/{task}/{plane}/`. Required. */
  modelsDir: string;
  /** Split(s) to score. Default `['train', 'valid']`. */
  split?: Split | readonly Split[];
  /** Where `predictions/` is written. Default `modelsDir`. */
  out?: string;
  /** Worker threads, one TensorFlow.js engine each (3: the three planes in parallel); 0 runs inline on the active backend. Default 3. */
  workers?: number;
  /** Backend each worker initialises. Default `'auto'`. */
  backend?: BackendName;
  /** Threads each exam's slices are split over, per plane model (same probabilities; used on wasm/cpu). Default 1. */
  sliceWorkers?: number;
  /** Reuse an existing CSV when its key matches (same plane model hashes, same exams). Default true. */
  reuse?: boolean;
  /** Called with progress events. */
  onProgress?: (event: ExtractProgress) => void;
}

/**
 * One split's predictions.
 *
 * @example
 * ```ts
 * import { extractPredictions } from '@mrnet/stack';
 * const { splits } = await extractPredictions({ data: 'MRNet-v1.0', task: 'acl', modelsDir: 'models', split: 'valid' });
 * const valid = splits.valid!; // SplitPredictions
 * console.log(valid.csv, valid.reused, valid.rows[0]); // { id, label, axial, coronal, sagittal }
 * ```
 */
export interface SplitPredictions {
  /** One row per exam, in the dataset CSV's order. */
  rows: PredictionRow[];
  /** The CSV file written or reused. */
  csv: string;
  /** Whether the CSV was reused rather than recomputed. */
  reused: boolean;
}

/**
 * The result of {@link extractPredictions}.
 *
 * @example
 * ```ts
 * import { extractPredictions, type ExtractedPredictions } from '@mrnet/stack';
 * const { splits, planeModelHashes }: ExtractedPredictions = await extractPredictions({ data: 'MRNet-v1.0', task: 'acl', modelsDir: 'models' });
 * console.log(splits.valid?.rows.length, planeModelHashes.sagittal);
 * ```
 */
export interface ExtractedPredictions {
  task: Task;
  /** SHA-256 of each plane model folder (see `hashModelDir`). */
  planeModelHashes: Record<Plane, string>;
  /** Predictions of each split asked for. */
  splits: Partial<Record<Split, SplitPredictions>>;
}

const schema = z.strictObject({
  data: z.string().min(1),
  task: z.enum(TASKS),
  modelsDir: z.string().min(1),
  split: z.union([z.enum(SPLITS), z.array(z.enum(SPLITS)).min(1)]).default(['train', 'valid']),
  out: z.string().min(1).optional(),
  workers: z.number().int().min(0).max(64).default(3),
  backend: z.enum(BACKEND_NAMES).default('auto'),
  sliceWorkers: z.number().int().min(1).max(256).default(1),
  reuse: z.boolean().default(true),
  onProgress: z.custom<(e: ExtractProgress) => void>((v) => typeof v === 'function', 'must be a function').optional(),
});

const keySchema = z.object({
  format: z.literal('mrnet-predictions'),
  version: z.literal(1),
  task: z.enum(TASKS),
  split: z.enum(SPLITS),
  intensity: z.string(),
  planeModelHashes: z.object({ axial: z.string(), coronal: z.string(), sagittal: z.string() }),
});

async function readReusable(csv: string, key: string, want: z.infer<typeof keySchema>, items: readonly ExamItem[]): Promise<PredictionRow[] | undefined> {
  try {
    const k = keySchema.safeParse(JSON.parse(await readFile(key, 'utf8')));
    if (!k.success || JSON.stringify(k.data) !== JSON.stringify(want)) return undefined;
    const rows = parsePredictionsCsv(await readFile(csv, 'utf8'), csv);
    if (rows.length !== items.length || rows.some((r, i) => r.id !== items[i]!.id || r.label !== items[i]!.label)) return undefined;
    return rows;
  } catch {
    return undefined;
  }
}


/**
 * Runs the best model of each plane (`{modelsDir}/{task}/{plane}/`) over the exams of the train
 * and/or valid split, without augmentation, and writes the per-exam probabilities to
 * `{out}/predictions/{task}-{split}.csv` (`id,label,axial,coronal,sagittal`). The three planes run
 * in parallel worker threads, one TensorFlow.js engine each. A split whose CSV was made by the same
 * plane models (SHA-256 of their files, recorded in `{task}-{split}.key.json` beside it) with the
 * same intensity for the same exams is reused, not recomputed.
 *
 * @throws DatasetError (from `@mrnet/data`) when the dataset does not follow MRNet-v1.0;
 *   PredictionError naming the model folder or exam file that is missing or malformed.
 * @example
 * ```ts
 * import { extractPredictions } from '@mrnet/stack';
 * const { splits } = await extractPredictions({ data: 'MRNet-v1.0', task: 'acl', modelsDir: 'models' });
 * console.log(splits.valid!.csv, splits.valid!.rows.length);
 * ```
 */
export async function extractPredictions(options: ExtractPredictionsOptions): Promise<ExtractedPredictions> {
  const o = parseOptions('extractPredictions', schema, options);
  const splits: Split[] = typeof o.split === 'string' ? [o.split] : [...new Set(o.split)];
  const out = o.out ?? o.modelsDir;
  const dirs = Object.fromEntries(PLANES.map((p) => [p, planeModelDir(o.modelsDir, o.task, p)])) as Record<Plane, string>;
  const planeModelHashes = { axial: '', coronal: '', sagittal: '' };
  for (const p of PLANES) planeModelHashes[p] = await hashPlaneModel(o.modelsDir, o.task, p); // in order: the first missing one is named

  const result: ExtractedPredictions = { task: o.task, planeModelHashes, splits: {} };
  const todo: { split: Split; items: ExamItem[]; csv: string; key: string; want: z.infer<typeof keySchema> }[] = [];
  for (const split of splits) {
    const { items } = await openMRNetDataset(o.data, { split, task: o.task });
    const { csv, key } = predictionsPaths(out, o.task, split);
    const want = { format: 'mrnet-predictions' as const, version: 1 as const, task: o.task, split, intensity: 'model', planeModelHashes };
    const rows = o.reuse ? await readReusable(csv, key, want, items) : undefined;
    if (rows) {
      result.splits[split] = { rows, csv, reused: true };
      o.onProgress?.({ type: 'reused', split, csv });
    } else todo.push({ split, items, csv, key, want });
  }
  if (todo.length === 0) return result;

  const probs = await runPlaneJobs(
    PLANES.map((plane) => ({
      plane,
      modelDir: dirs[plane],
      groups: todo.map((t) => ({ name: t.split, files: t.items.map((it) => ({ id: it.id, path: it.paths[plane] })) })),
    })),
    {
      workers: o.workers,
      backend: o.backend,
      sliceWorkers: o.sliceWorkers,
      onProgress: (p) => o.onProgress?.({ type: 'series', plane: p.plane, split: p.name as Split, done: p.done, total: p.total }),
      onBackend: (plane, line) => o.onProgress?.({ type: 'backend', plane, line }),
    },
  );
  for (const t of todo) {
    const rows = t.items.map((it, i): PredictionRow => {
      const row: PredictionRow = { id: it.id, label: it.label, axial: 0, coronal: 0, sagittal: 0 };
      for (const p of PLANES) row[p] = probs[p]![t.split]![i]!;
      return row;
    });
    await writeFileAtomic(t.csv, formatPredictionsCsv(rows));
    await writeFileAtomic(t.key, `${JSON.stringify(t.want, null, 2)}\n`);
    result.splits[t.split] = { rows, csv: t.csv, reused: false };
    o.onProgress?.({ type: 'written', split: t.split, csv: t.csv });
  }
  return result;
}
