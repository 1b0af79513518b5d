import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PLANES, TASKS, type Plane, type Task } from '@mrnet/data';
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
  const { files, ...rest } = parseOptions('predictExam', schema, options);
  const [exam] = await predictExamsParsed({ ...rest, exams: [{ id: 0, files }] }, 'predictExam');
  return exam!.tasks;
}

/**
 * Options of {@link predictExams}: {@link PredictExamOptions} with many exams instead of one.
 *
 * @example
 * ```ts
 * const options: PredictExamsOptions = { modelsDir: 'models', exams: [{ id: 1130, files: { axial: 'a.npy', coronal: 'c.npy', sagittal: 's.npy' } }] };
 * ```
 */
export interface PredictExamsOptions extends Omit<PredictExamOptions, 'files'> {
  /** The exams: an id of the caller's choosing and the three `.npy` series. Required, at least one. */
  exams: readonly { id: number; files: Record<Plane, string> }[];
}

/**
 * One exam's predictions from {@link predictExams}.
 *
 * @example
 * ```ts
 * const [first]: ExamPrediction[] = await predictExams({ modelsDir: 'models', exams });
 * console.log(first!.id, first!.tasks[0]!.stacked);
 * ```
 */
export interface ExamPrediction {
  /** The id given with the exam. */
  id: number;
  /** One entry per predicted task, as {@link predictExam} returns. */
  tasks: TaskPrediction[];
}

const examsSchema = schema.omit({ files: true }).extend({
  exams: z.array(z.strictObject({ id: z.number().int().min(0), files: schema.shape.files })).min(1),
});

/**
 * {@link predictExam} for many exams at once: each plane model is loaded once and runs over every
 * exam (batch prediction), instead of once per exam. Results are in the order of `exams`.
 *
 * @throws as {@link predictExam}, naming the first bad exam file.
 * @example
 * ```ts
 * import { initBackend } from '@mrnet/model';
 * import { predictExams, resolveExamFiles } from '@mrnet/stack';
 * await initBackend('auto');
 * const exams = [{ id: 1130, files: await resolveExamFiles('MRNet-v1.0/valid', 1130) }];
 * for (const e of await predictExams({ modelsDir: 'models', exams })) console.log(e.id, e.tasks.map((t) => t.stacked));
 * ```
 */
export async function predictExams(options: PredictExamsOptions): Promise<ExamPrediction[]> {
  return predictExamsParsed(parseOptions('predictExams', examsSchema, options), 'predictExams');
}

async function predictExamsParsed(o: z.output<typeof examsSchema>, fn: string): Promise<ExamPrediction[]> {
  for (const e of o.exams) for (const p of PLANES) await readSeries(e.files[p], 'none');
  let tasks: Task[];
  if (o.task === 'all') {
    tasks = await tasksWithModels(o.modelsDir);
    if (tasks.length === 0) {
      throw new PredictionError(`${fn}: ${o.modelsDir}: no task has all three plane models ({task}/{axial,coronal,sagittal}/model.json)`, { path: o.modelsDir });
    }
  } else {
    for (const p of PLANES) {
      const f = join(planeModelDir(o.modelsDir, o.task, p), 'model.json');
      if (!(await exists(f))) throw new PredictionError(`${fn}: ${f}: missing (no ${p} model for task ${o.task})`, { path: f });
    }
    tasks = [o.task];
  }
  const out: ExamPrediction[] = o.exams.map((e) => ({ id: e.id, tasks: [] }));
  for (const task of tasks) {
    const probs = await runPlaneJobs(
      PLANES.map((plane) => ({
        plane,
        modelDir: planeModelDir(o.modelsDir, task, plane),
        groups: [{ name: 'exams', files: o.exams.map((e, i) => ({ id: i, path: e.files[plane] })) }],
      })),
      { workers: o.workers, backend: o.backend, sliceWorkers: o.sliceWorkers },
    );
    const stackPath = stackedModelPath(o.modelsDir, task);
    let stack: StackedModel | null = null;
    let stale = false;
    if (await exists(stackPath)) {
      stack = StackedModel.fromJSON(await readFile(stackPath, 'utf8'));
      const hashes = await Promise.all(PLANES.map((p) => hashModelDir(planeModelDir(o.modelsDir, task, p))));
      stale = PLANES.some((p, i) => stack!.planeModelHashes[p] !== hashes[i]);
    }
    out.forEach((exam, i) => {
      const planes = Object.fromEntries(PLANES.map((p) => [p, probs[p]!['exams']![i]!])) as Record<Plane, number>;
      const stacked = stack === null ? null : stack.predict(planes);
      exam.tasks.push({ task, planes, stacked, stackPath: stack === null ? null : stackPath, stale });
    });
  }
  return out;
}
