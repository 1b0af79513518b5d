import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive, trainLockPath } from '@mrnet/options/node';
import { resumeFilePath, trainPlanes, type TrainEvent } from '@mrnet/train';
import { DelayedError, WaitingError, type Job } from 'bullmq';
import { parseJobData } from '../jobs/job-data.js';
import { assertVisible } from './check-visible.js';
import { acquireModelLock } from './model-lock.js';
import type { JobContext } from './job-context.js';

/**
 * What a finished train job returns (stored by BullMQ, shown by `mrnet queue status`).
 *
 * @example
 * ```ts
 * const r: TrainJobResult = { task: 'acl', plane: 'sagittal', seed: 0, status: 'completed', epochs: 3, bestEpoch: 2, bestValAuc: 0.9, modelDir: 'models/acl/sagittal', resumedFromEpoch: null };
 * ```
 */
export interface TrainJobResult {
  task: string;
  plane: string;
  seed: number;
  status: string;
  epochs: number;
  bestEpoch: number;
  bestValAuc: number;
  modelDir: string | null;
  /** The 1-based epoch this attempt resumed at (from the resume checkpoint), or `null` for a fresh start. */
  resumedFromEpoch: number | null;
}

/** How a queue job names itself in a models-folder lock file (see `lockLabel` of `trainPlaneModel`). */
const QUEUE_LOCK_PREFIX = 'mrnet queue job';

/**
 * The models-folder lock file of a task/plane, left behind by a queue job whose worker died: this
 * worker holds the folder's Redis lease, so no live queue job holds that lock, and it is removed.
 * Returns false when the lock belongs to a live process outside the queue (a user's `mrnet train`):
 * that run is left alone and the job waits.
 */
async function clearDeadJobLock(file: string): Promise<boolean> {
  let holder: { pid?: number; host?: string; what?: string };
  try {
    holder = JSON.parse(await readFile(file, 'utf8')) as typeof holder;
  } catch {
    return true; // no lock (or unreadable garbage, which trainPlaneModel reports itself)
  }
  const here = holder.host === hostname();
  const alive = here && typeof holder.pid === 'number' && isProcessAlive(holder.pid);
  if (typeof holder.what === 'string' && holder.what.startsWith(QUEUE_LOCK_PREFIX) && !alive) {
    await rm(file, { force: true });
    return true;
  }
  return here && !alive; // a dead local process: trainPlaneModel takes its stale lock over
}

/**
 * Runs one train job: validates its data, checks the folders are visible, takes the model folder's
 * lease (another job on the same folder is pushed back a little), then trains the plane in a
 * worker thread — resuming from the folder's resume checkpoint when an earlier attempt left one
 * (a killed worker's job restarts at its last finished epoch, not at epoch 0). Progress (epoch,
 * losses, AUCs) goes into the job. When the context's signal aborts (SIGTERM), the current step
 * finishes, the resume checkpoint is written and the job is handed back to the queue.
 *
 * @example
 * ```ts
 * const result = await runTrainJob(job, token, context);
 * ```
 */
export async function runTrainJob(job: Job, token: string | undefined, ctx: JobContext): Promise<TrainJobResult> {
  const d = parseJobData('train', job.data, `job ${job.id}`);
  await assertVisible([d.dataRoot], [d.modelsDir, d.logdir]);
  const folder = join(d.modelsDir, d.task, d.plane);
  const lock = await acquireModelLock(ctx.redis, folder, ctx.leaseMs);
  if (lock === null) {
    ctx.log(`job ${job.id}: ${folder} is being written by another job; retrying in ${Math.round(ctx.leaseMs / 2000)} s`);
    await job.moveToDelayed(Date.now() + ctx.leaseMs / 2, token);
    throw new DelayedError();
  }
  try {
    if (!(await clearDeadJobLock(trainLockPath(d.modelsDir, d.task, d.plane)))) {
      ctx.log(`job ${job.id}: ${folder} is being trained by a process outside the queue; retrying in ${Math.round(ctx.leaseMs / 2000)} s`);
      await job.moveToDelayed(Date.now() + ctx.leaseMs / 2, token);
      throw new DelayedError();
    }
    const resume = existsSync(resumeFilePath(d.modelsDir, d.task, d.plane));
    let resumedFromEpoch: number | null = null;
    let lastStepReport = 0;
    // The 1-based epoch at which the resume checkpoint on disk continues: where a taken-over job would start.
    let checkpointEpoch: number | null = null;
    const report = (p: Record<string, unknown>): void => {
      job.updateProgress({ task: d.task, plane: d.plane, seed: d.seed, resumedFromEpoch, checkpointEpoch, ...p }).catch(() => undefined);
    };
    const onProgress = (_plane: unknown, e: TrainEvent): void => {
      if (e.type === 'start') {
        resumedFromEpoch = e.resumedAt === null ? null : e.resumedAt.epoch + 1;
        report({ phase: 'start', epochs: e.epochs });
        if (resumedFromEpoch !== null) ctx.log(`job ${job.id}: resuming ${d.task}/${d.plane} seed ${d.seed} at epoch ${resumedFromEpoch}`);
      } else if (e.type === 'epoch') {
        report({ phase: 'epoch', epoch: e.epoch + 1, epochs: e.epochs, trainLoss: e.trainLoss, valLoss: e.valLoss, trainAuc: e.trainAuc, valAuc: e.valAuc });
      } else if (e.type === 'checkpoint' && e.kind === 'resume') {
        checkpointEpoch = e.epoch + 1;
        report({ phase: 'checkpoint', checkpointEpoch });
      } else if (e.type === 'step' && Date.now() - lastStepReport > 2000) {
        lastStepReport = Date.now();
        report({ phase: e.phase, epoch: e.epoch + 1, epochs: e.epochs, step: e.step + 1, steps: e.steps });
      }
    };
    ctx.log(`job ${job.id}: training ${d.task}/${d.plane} seed ${d.seed}${resume ? ' (resume checkpoint found)' : ''}`);
    const { dataRoot, task, plane, seed, modelsDir, logdir, backend, ...train } = d;
    const byPlane = await trainPlanes({
      ...train, dataRoot, task, planes: [plane], seed, modelsDir, logdir, backend, resume, workers: 1, sliceWorkers: ctx.computeWorkers, signal: ctx.signal, onProgress,
      lockLabel: `${QUEUE_LOCK_PREFIX} ${job.id}: training ${task}/${plane} in ${modelsDir}`,
    });
    const r = byPlane[plane]!;
    if (r.status === 'interrupted') {
      ctx.log(`job ${job.id}: interrupted; resume checkpoint ${r.resumeFile}; handing the job back`);
      await job.moveToWait(token);
      throw new WaitingError();
    }
    return {
      task, plane, seed, status: r.status, epochs: r.history.length, bestEpoch: r.bestEpoch, bestValAuc: r.bestValAuc, modelDir: r.modelDir, resumedFromEpoch,
    };
  } finally {
    await lock.release();
  }
}
