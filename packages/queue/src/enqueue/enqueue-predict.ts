import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BackendName } from '@mrnet/model';
import { FlowProducer, type FlowJob } from 'bullmq';
import { connectRedis } from '../connection/redis-connection.js';
import { QueueInputError } from '../errors.js';
import { QUEUE_NAME, parseJobData } from '../jobs/job-data.js';
import { retryOptions, type RetryOptions } from '../jobs/retry-options.js';
import { newRunId } from './enqueue-train-grid.js';
import { listExams } from './list-exams.js';

/**
 * Options of {@link enqueuePredict}.
 *
 * @example
 * ```ts
 * const options: EnqueuePredictOptions = { redis: 'redis://127.0.0.1:6379', modelsDir: 'models', exams: 'MRNet-v1.0/valid', out: 'valid.csv' };
 * ```
 */
export interface EnqueuePredictOptions extends RetryOptions {
  redis: string;
  /** Models folder (`TASK/PLANE/`, `TASK/stack.json`), at the same path on every worker. */
  modelsDir: string;
  /** An MRNet split folder or a folder of exam folders (see {@link listExams}). */
  exams: string;
  /** The CSV to write (by the gather job, on the worker that runs it). */
  out: string;
  /** Exams per chunk job. Default 16. */
  chunk?: number;
  /** Backend of the workers' prediction threads. Default `'auto'`. */
  backend?: BackendName;
  runId?: string;
}

/**
 * The enqueued batch prediction: the gather job (parent) and its chunk jobs.
 *
 * @example
 * ```ts
 * const batch: EnqueuedPredict = { runId: 'r1', gatherJobId: 'gather-r1', chunkJobIds: ['predict-r1-0'], exams: 16 };
 * ```
 */
export interface EnqueuedPredict {
  runId: string;
  gatherJobId: string;
  chunkJobIds: string[];
  exams: number;
}

/**
 * Enqueues a batch prediction as a BullMQ flow: chunk jobs of `chunk` exams each, and a gather job
 * that writes one CSV in exam-id order once every chunk is done, whatever order they finish in.
 *
 * @throws QueueInputError for a missing models or exams folder or a bad chunk size.
 * @example
 * ```ts
 * import { enqueuePredict } from '@mrnet/queue';
 * const batch = await enqueuePredict({ redis: 'redis://127.0.0.1:6379', modelsDir: 'models', exams: 'MRNet-v1.0/valid', out: 'valid.csv', chunk: 8 });
 * ```
 */
export async function enqueuePredict(options: EnqueuePredictOptions): Promise<EnqueuedPredict> {
  const chunk = options.chunk ?? 16;
  if (!Number.isSafeInteger(chunk) || chunk < 1) throw new QueueInputError(`--chunk: must be a whole number ≥ 1 (got ${chunk})`);
  const modelsDir = resolve(options.modelsDir);
  if (!(await stat(modelsDir).then((s) => s.isDirectory(), () => false))) throw new QueueInputError(`--models: ${options.modelsDir}: no such folder`, { path: options.modelsDir });
  const exams = await listExams(options.exams);
  const runId = options.runId ?? newRunId();
  const retry = retryOptions(options);
  const backend = options.backend ?? 'auto';
  const children: FlowJob[] = [];
  for (let i = 0; i * chunk < exams.length; i++) {
    const part = exams.slice(i * chunk, (i + 1) * chunk);
    const data = parseJobData('predict', { modelsDir, backend, exams: part.map((e, j) => ({ id: i * chunk + j, key: e.key, files: e.files })) }, `predict chunk ${i}`);
    children.push({ name: 'predict', queueName: QUEUE_NAME, data, opts: { ...retry, jobId: `predict-${runId}-${i}`, failParentOnFailure: true } });
  }
  const gather = parseJobData('gather', { out: resolve(options.out), chunks: children.length, exams: exams.length }, 'gather');
  const gatherJobId = `gather-${runId}`;
  const connection = connectRedis(options.redis);
  const producer = new FlowProducer({ connection });
  try {
    await producer.add({ name: 'gather', queueName: QUEUE_NAME, data: gather, opts: { ...retry, jobId: gatherJobId }, children });
  } finally {
    await producer.close();
    await connection.quit();
  }
  return { runId, gatherJobId, chunkJobIds: children.map((c) => c.opts!.jobId!), exams: exams.length };
}
