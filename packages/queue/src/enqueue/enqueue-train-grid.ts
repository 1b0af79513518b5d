import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PLANES, TASKS, type Plane, type Task } from '@mrnet/data';
import { FlowProducer, type FlowJob } from 'bullmq';
import { connectRedis } from '../connection/redis-connection.js';
import { QueueInputError } from '../errors.js';
import { QUEUE_NAME, parseJobData, type StackJobData, type TrainJobData } from '../jobs/job-data.js';
import { retryOptions, type RetryOptions } from '../jobs/retry-options.js';

/**
 * What {@link enqueueTrainGrid} enqueues: `mrnet train` options without task, plane, seed and
 * folders (those come from the grid), all required (the CLI fills in its defaults).
 *
 * @example
 * ```ts
 * import type { GridTrainOptions } from '@mrnet/queue';
 * const train: Partial<GridTrainOptions> = { epochs: 50, lr: 1e-5 };
 * ```
 */
export type GridTrainOptions = Omit<TrainJobData, 'dataRoot' | 'task' | 'plane' | 'seed' | 'modelsDir' | 'logdir'>;

/**
 * Options of {@link enqueueTrainGrid}.
 *
 * @example
 * ```ts
 * const options: EnqueueTrainGridOptions = { redis: 'redis://127.0.0.1:6379', dataRoot: '/mnt/mrnet/MRNet-v1.0', tasks: ['acl'], planes: ['sagittal'], seeds: [0], modelsDir: '/mnt/mrnet/models', logdir: '/mnt/mrnet/logs', train };
 * ```
 */
export interface EnqueueTrainGridOptions extends RetryOptions {
  /** Redis URL (`redis://` or `rediss://`, password allowed). */
  redis: string;
  /** MRNet-v1.0 dataset root, at the same path on every worker. */
  dataRoot: string;
  tasks: readonly Task[];
  planes: readonly Plane[];
  /** Seeds; with one seed models go to `modelsDir/TASK/PLANE`, with several to `modelsDir/seed-N/TASK/PLANE`. */
  seeds: readonly number[];
  modelsDir: string;
  logdir: string;
  train: GridTrainOptions;
  /** Names the run in job ids; default a timestamp. */
  runId?: string;
}

/**
 * One task's flow: its stack job (the parent) and its plane × seed train jobs (the children).
 *
 * @example
 * ```ts
 * const flow: TaskFlow = { task: 'acl', stackJobId: 'stack-r1-acl', trainJobIds: ['train-r1-acl-sagittal-s0'] };
 * ```
 */
export interface TaskFlow {
  task: Task;
  /** The stack job, or `null` when the grid does not train all three planes (nothing to stack). */
  stackJobId: string | null;
  trainJobIds: string[];
}

/**
 * The enqueued run.
 *
 * @example
 * ```ts
 * const run: EnqueuedRun = { runId: 'r1', flows: [] };
 * ```
 */
export interface EnqueuedRun {
  runId: string;
  flows: TaskFlow[];
}

/**
 * The models folder of one seed of a grid: `modelsDir` itself for a single-seed grid (so a grid of
 * one seed writes exactly where `mrnet train` would), else `modelsDir/seed-N`.
 *
 * @example
 * ```ts
 * import { seedFolder } from '@mrnet/queue';
 * seedFolder('models', 2, [0, 1, 2]); // 'models/seed-2'
 * ```
 */
export function seedFolder(dir: string, seed: number, seeds: readonly number[]): string {
  return seeds.length === 1 ? dir : resolve(dir, `seed-${seed}`);
}

/**
 * A run id for job ids: the UTC time to the second (`20261201-142233`).
 *
 * @example
 * ```ts
 * import { newRunId } from '@mrnet/queue';
 * newRunId(new Date(0)); // '19700101-000000'
 * ```
 */
export function newRunId(now: Date = new Date()): string {
  return now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/**
 * Enqueues the training grid as BullMQ flows: per task, one stack job whose children are the
 * task × plane × seed train jobs; the stack job runs when all of them have succeeded, and fails
 * when one of them fails for good. A grid of fewer than the three planes has no stack jobs. The models and logs folders are created here, so that a worker
 * that cannot see them (no shared filesystem) refuses the job naming the path. Paths are made
 * absolute: workers on other machines see the same absolute paths.
 *
 * @throws QueueInputError for an empty grid, a repeated seed or a bad option.
 * @example
 * ```ts
 * import { enqueueTrainGrid } from '@mrnet/queue';
 * const run = await enqueueTrainGrid({ redis: 'redis://127.0.0.1:6379', dataRoot: 'MRNet-v1.0', tasks: ['acl'], planes: ['axial', 'coronal', 'sagittal'], seeds: [0], modelsDir: 'models', logdir: 'logs', train });
 * console.log(run.flows[0]!.stackJobId);
 * ```
 */
export async function enqueueTrainGrid(options: EnqueueTrainGridOptions): Promise<EnqueuedRun> {
  const { tasks, planes, seeds } = options;
  if (tasks.length === 0 || planes.length === 0 || seeds.length === 0) throw new QueueInputError('enqueueTrainGrid: tasks, planes and seeds must each name at least one');
  if (new Set(seeds).size !== seeds.length) throw new QueueInputError(`enqueueTrainGrid: seeds repeat (${seeds.join(',')})`);
  for (const t of tasks) if (!TASKS.includes(t)) throw new QueueInputError(`enqueueTrainGrid: unknown task ${JSON.stringify(t)}`);
  for (const p of planes) if (!PLANES.includes(p)) throw new QueueInputError(`enqueueTrainGrid: unknown plane ${JSON.stringify(p)}`);
  const runId = options.runId ?? newRunId();
  if (!/^[A-Za-z0-9_.-]+$/.test(runId)) throw new QueueInputError(`enqueueTrainGrid: runId ${JSON.stringify(runId)} may hold only letters, digits, _ . -`);
  const dataRoot = resolve(options.dataRoot);
  const modelsDir = resolve(options.modelsDir);
  const logdir = resolve(options.logdir);
  const retry = retryOptions(options);
  const flows: FlowJob[] = [];
  const out: TaskFlow[] = [];
  for (const task of tasks) {
    const children: FlowJob[] = [];
    const seedModels: Record<string, string> = {};
    for (const seed of seeds) {
      const models = seedFolder(modelsDir, seed, seeds);
      const logs = seedFolder(logdir, seed, seeds);
      await mkdir(models, { recursive: true });
      await mkdir(logs, { recursive: true });
      seedModels[String(seed)] = models;
      for (const plane of planes) {
        const data: TrainJobData = parseJobData('train', { ...options.train, dataRoot, task, plane, seed, modelsDir: models, logdir: logs }, `train ${task}/${plane}/seed ${seed}`);
        children.push({ name: 'train', queueName: QUEUE_NAME, data, opts: { ...retry, jobId: `train-${runId}-${task}-${plane}-s${seed}`, failParentOnFailure: true } });
      }
    }
    const trainJobIds = children.map((c) => c.opts!.jobId!);
    if (PLANES.every((p) => planes.includes(p))) {
      const stack: StackJobData = parseJobData('stack', { dataRoot, task, seedModels, backend: options.train.backend }, `stack ${task}`);
      const stackJobId = `stack-${runId}-${task}`;
      flows.push({ name: 'stack', queueName: QUEUE_NAME, data: stack, opts: { ...retry, jobId: stackJobId }, children });
      out.push({ task, stackJobId, trainJobIds });
    } else {
      for (const c of children) flows.push({ ...c, opts: { ...c.opts, failParentOnFailure: false } });
      out.push({ task, stackJobId: null, trainJobIds });
    }
  }
  const connection = connectRedis(options.redis);
  const producer = new FlowProducer({ connection });
  try {
    await producer.addBulk(flows);
  } finally {
    await producer.close();
    await connection.quit();
  }
  return { runId, flows: out };
}
