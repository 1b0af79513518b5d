import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INTENSITIES, PLANES, TASKS, type Intensity, type Plane, type Task } from '@mrnet/data';
import { BACKEND_NAMES, type BackendName } from '@mrnet/model';
import { z } from 'zod';
import { planeModelDir, stackedModelPath } from '../extract/layout.js';
import { hashModelDir } from '../extract/model-hash.js';
import { runPlaneJobs } from '../extract/plane-jobs.js';
import { readSeries } from '../extract/plane-predict.js';
import { PredictionError } from '../extract/prediction-error.js';
import { parseOptions } from '../options.js';
import { StackedModel } from '../stacked-model.js';

/**
 * Options of {@link predictExam}.
 *
 * @example
 * ```ts
 * const options: PredictExamOptions = { modelsDir: 'models', files: { axial: 'a.npy', coronal: 'c.npy', sagittal: 's.npy' } };
 * ```
 */
export interface PredictExamOptions {
  /** Models folder: `{modelsDir}/{task}/{plane}/` and `{modelsDir}/{task}/stack.json`. Required. */
  modelsDir: string;
  /** The exam's three `.npy` series (see {@link resolveExamFiles}). Required. */
  files: Record<Plane, string>;
  /** One task, or `'all'`: every task whose three plane models exist. Default `'all'`. */
  task?: Task | 'all';
  /** Intensity normalisation; default each model's metadata, else `'none'`. */
  intensity?: Intensity;
  /** Worker threads (one engine each) for the plane models; 0 runs inline on the active backend. Default 0. */
  workers?: number;
  /** Backend of the workers (ignored inline). Default `'auto'`. */
  backend?: BackendName;
  /** Threads each exam's slices are split over, per plane model (same probabilities; used on wasm/cpu). Default 1. */
  sliceWorkers?: number;
}

/**
 * One task's prediction for an exam.
 *
 * @example
 * ```ts
 * import { predictExam, resolveExamFiles, type TaskPrediction } from '@mrnet/stack';
 * const files = await resolveExamFiles('MRNet-v1.0/valid', 1130);
 * const [acl]: TaskPrediction[] = await predictExam({ modelsDir: 'models', files, task: 'acl' });
 * console.log(acl!.planes, acl!.stacked, acl!.stale);
 * ```
 */
export interface TaskPrediction {
  task: Task;
  /** Each plane model's probability. */
  planes: Record<Plane, number>;
  /** The stacked probability, or `null` when the task has no `stack.json`. */
  stacked: number | null;
  /** The stacked model's file, or `null`. */
  stackPath: string | null;
  /** True when a plane model changed since the stack was fitted (its hash differs from the one recorded). */
  stale: boolean;
}

const schema = z.strictObject({
  modelsDir: z.string().min(1),
  files: z.strictObject({ axial: z.string().min(1), coronal: z.string().min(1), sagittal: z.string().min(1) }),
  task: z.enum([...TASKS, 'all']).default('all'),
  intensity: z.enum(INTENSITIES).optional(),
  workers: z.number().int().min(0).max(64).default(0),
  backend: z.enum(BACKEND_NAMES).default('auto'),
  sliceWorkers: z.number().int().min(1).max(256).default(1),
});

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

/** Tasks whose three plane models exist under `modelsDir`. */
async function tasksWithModels(modelsDir: string): Promise<Task[]> {
  const found: Task[] = [];
  for (const task of TASKS) {
    const have = await Promise.all(PLANES.map((p) => exists(join(planeModelDir(modelsDir, task, p), 'model.json'))));
    if (have.every(Boolean)) found.push(task);
  }
  return found;
}

/**
 * Predicts one exam with every task's models: each plane model's probability (no augmentation)
 * and, when `{modelsDir}/{task}/stack.json` exists, the stacked probability. The three series are
 * read and checked first, so a missing, unreadable or wrongly shaped file fails before any model
 * is loaded. Inline (the default) needs an active backend (`initBackend`).
 *
 * @throws PredictionError naming the exam file or model folder at fault (missing plane model of an
 *   asked task, no task models at all, a bad `.npy`); StackFormatError for a malformed stack.json.
 * @example
 * ```ts
 * import { initBackend } from '@mrnet/model';
 * import { predictExam, resolveExamFiles } from '@mrnet/stack';
 * await initBackend('auto');
 * const files = await resolveExamFiles('MRNet-v1.0/valid', 1130);
 * for (const t of await predictExam({ modelsDir: 'models', files })) console.log(t.task, t.stacked);
 * ```
 */
export async function predictExam(options: PredictExamOptions): Promise<TaskPrediction[]> {
  const o = parseOptions('predictExam', schema, options);
  for (const p of PLANES) await readSeries(o.files[p], 'none');
  let tasks: Task[];
  if (o.task === 'all') {
    tasks = await tasksWithModels(o.modelsDir);
    if (tasks.length === 0) {
      throw new PredictionError(`${o.modelsDir}: no task has all three plane models ({task}/{axial,coronal,sagittal}/model.json)`, { path: o.modelsDir });
    }
  } else {
    for (const p of PLANES) {
      const f = join(planeModelDir(o.modelsDir, o.task, p), 'model.json');
      if (!(await exists(f))) throw new PredictionError(`${f}: missing (no ${p} model for task ${o.task})`, { path: f });
    }
    tasks = [o.task];
  }
  const out: TaskPrediction[] = [];
  for (const task of tasks) {
    const probs = await runPlaneJobs(
      PLANES.map((plane) => ({ plane, modelDir: planeModelDir(o.modelsDir, task, plane), groups: [{ name: 'exam', files: [{ id: 0, path: o.files[plane] }] }] })),
      { workers: o.workers, backend: o.backend, intensity: o.intensity, sliceWorkers: o.sliceWorkers },
    );
    const planes = Object.fromEntries(PLANES.map((p) => [p, probs[p]!['exam']![0]!])) as Record<Plane, number>;
    const stackPath = stackedModelPath(o.modelsDir, task);
    let stacked: number | null = null;
    let stale = false;
    if (await exists(stackPath)) {
      const stack = StackedModel.fromJSON(await readFile(stackPath, 'utf8'));
      stacked = stack.predict(planes);
      const hashes = await Promise.all(PLANES.map((p) => hashModelDir(planeModelDir(o.modelsDir, task, p))));
      stale = PLANES.some((p, i) => stack.planeModelHashes[p] !== hashes[i]);
    }
    out.push({ task, planes, stacked, stackPath: stacked === null ? null : stackPath, stale });
  }
  return out;
}
