import { Queue, type Job, type JobType } from 'bullmq';
import { connectRedis } from '../connection/redis-connection.js';
import { QUEUE_NAME } from '../jobs/job-data.js';

/**
 * One job as `mrnet queue status` shows it.
 *
 * @example
 * ```ts
 * const row: JobStatus = { id: 'train-r1-acl-sagittal-s0', kind: 'train', state: 'active', worker: 'node-2:4711', attempt: 1, progress: { epoch: 3 }, result: null, error: null, parent: 'stack-r1-acl' };
 * ```
 */
export interface JobStatus {
  id: string;
  kind: string;
  /** BullMQ's state: waiting, waiting-children, active, delayed, prioritized, completed, failed. */
  state: string;
  /** The worker (`host:pid`) that last took the job, or `null`. */
  worker: string | null;
  /** How many times the job has been started (a stalled or handed-back job counts again). */
  attempt: number;
  progress: unknown;
  result: unknown;
  error: string | null;
  /** The parent job's id (a train job's stack job, a chunk's gather job), or `null`. */
  parent: string | null;
}

const STATES: JobType[] = ['active', 'waiting', 'waiting-children', 'prioritized', 'delayed', 'failed', 'completed'];

/** @internal */
export async function describeJob(job: Job, state?: string): Promise<JobStatus> {
  return {
    id: job.id ?? '?',
    kind: job.name,
    state: state ?? (await job.getState()),
    worker: job.processedBy ?? null,
    attempt: job.attemptsStarted,
    progress: job.progress,
    result: job.returnvalue ?? null,
    error: job.failedReason || null,
    parent: job.parent?.id ?? null,
  };
}

/**
 * Every job in the queue with its state, worker, attempt, progress, result or error, oldest first.
 *
 * @example
 * ```ts
 * import { queueStatus } from '@mrnet/queue';
 * for (const j of await queueStatus('redis://127.0.0.1:6379')) console.log(j.id, j.state);
 * ```
 */
export async function queueStatus(redis: string): Promise<JobStatus[]> {
  const connection = connectRedis(redis);
  const queue = new Queue(QUEUE_NAME, { connection });
  try {
    const out: JobStatus[] = [];
    for (const state of STATES) {
      for (const job of await queue.getJobs([state], 0, -1, true)) if (job) out.push(await describeJob(job, state));
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  } finally {
    await queue.close();
    await connection.quit();
  }
}

/**
 * Follows jobs until each has completed or failed for good, calling `onUpdate` with their status
 * every `intervalMs`; resolves with the final statuses.
 *
 * @example
 * ```ts
 * import { followJobs } from '@mrnet/queue';
 * const final = await followJobs('redis://127.0.0.1:6379', ['stack-r1-acl'], (rows) => console.error(rows.length));
 * const ok = final.every((j) => j.state === 'completed');
 * ```
 */
export async function followJobs(redis: string, ids: readonly string[], onUpdate: (jobs: JobStatus[]) => void, intervalMs = 1000): Promise<JobStatus[]> {
  const connection = connectRedis(redis);
  const queue = new Queue(QUEUE_NAME, { connection });
  try {
    for (;;) {
      const rows: JobStatus[] = [];
      for (const id of ids) {
        const job = await queue.getJob(id);
        rows.push(job ? await describeJob(job) : { id, kind: '?', state: 'missing', worker: null, attempt: 0, progress: null, result: null, error: 'no such job', parent: null });
      }
      onUpdate(rows);
      if (rows.every((r) => r.state === 'completed' || r.state === 'failed' || r.state === 'missing')) return rows;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  } finally {
    await queue.close();
    await connection.quit();
  }
}
