import { hostname } from 'node:os';
import { isInputError } from '@mrnet/options';
import { DelayedError, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { connectRedis } from '../connection/redis-connection.js';
import { QUEUE_NAME } from '../jobs/job-data.js';
import type { JobContext } from './job-context.js';
import { runGatherJob, runPredictJob } from './predict-job.js';
import { runStackJob } from './stack-job.js';
import { runTrainJob } from './train-job.js';

/**
 * Options of {@link startWorker}.
 *
 * @example
 * ```ts
 * const options: StartWorkerOptions = { redis: 'redis://127.0.0.1:6379', concurrency: 1 };
 * ```
 */
export interface StartWorkerOptions {
  redis: string;
  /** Jobs this worker runs at the same time. Default 1. */
  concurrency?: number;
  /** Compute threads of each job (each exam's slices are split over them). Default 1. */
  computeWorkers?: number;
  /**
   * How long a job's lock lasts without renewal. A killed worker's job is taken over by another
   * worker once its lock has run out and a stalled-job check has run (at most about twice this).
   * Default 30 000 ms (BullMQ's default).
   */
  lockMs?: number;
  /** A line of the worker's log. Default: stderr. */
  log?: (line: string) => void;
}

/**
 * A running worker.
 *
 * @example
 * ```ts
 * const handle: WorkerHandle = startWorker({ redis: 'redis://127.0.0.1:6379' });
 * process.on('SIGTERM', () => void handle.shutdown());
 * ```
 */
export interface WorkerHandle {
  /** `host:pid`, as BullMQ records in each job it processes. */
  readonly name: string;
  /**
   * Graceful stop: training jobs finish their current step, write their resume checkpoint and go
   * back to the queue for another worker; other jobs finish. Resolves when the worker is closed.
   */
  shutdown(): Promise<void>;
  /** Resolves when the worker has closed (after {@link WorkerHandle.shutdown} or a fatal error). */
  readonly closed: Promise<void>;
}

/**
 * Starts a BullMQ worker for every `@mrnet/queue` job kind (train, stack, predict, gather). A job
 * that fails for bad input (an `InputError`: a bad dataset, a path this worker cannot see, a
 * bad payload) fails at once, without retries; any other failure is retried with backoff up to the
 * job's attempts. Redis outages are ridden out: the connection reconnects and jobs go on.
 *
 * @example
 * ```ts
 * import { startWorker } from '@mrnet/queue';
 * const worker = startWorker({ redis: 'redis://127.0.0.1:6379', concurrency: 1 });
 * process.once('SIGTERM', () => void worker.shutdown());
 * await worker.closed;
 * ```
 */
export function startWorker(options: StartWorkerOptions): WorkerHandle {
  const connection = connectRedis(options.redis);
  const lockMs = options.lockMs ?? 30_000;
  const name = `${hostname()}:${process.pid}`;
  const ac = new AbortController();
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const ctx: JobContext = {
    redis: connection, signal: ac.signal, leaseMs: Math.max(2 * lockMs, 10_000), computeWorkers: options.computeWorkers ?? 1, log,
  };
  const processor = async (job: Job, token?: string): Promise<unknown> => {
    try {
      switch (job.name) {
        case 'train': return await runTrainJob(job, token, ctx);
        case 'stack': return await runStackJob(job, ctx);
        case 'predict': return await runPredictJob(job, ctx);
        case 'gather': return await runGatherJob(job, ctx);
        default: throw new UnrecoverableError(`job ${job.id}: unknown job kind ${JSON.stringify(job.name)}`);
      }
    } catch (e) {
      if (e instanceof DelayedError || e instanceof WaitingError || e instanceof UnrecoverableError) throw e;
      if (e instanceof Error && isInputError(e)) {
        log(`job ${job.id}: bad input, not retried: ${e.message}`);
        throw new UnrecoverableError(`${e.name}: ${e.message}`);
      }
      log(`job ${job.id}: attempt ${job.attemptsMade + 1} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      throw e;
    }
  };
  const worker = new Worker(QUEUE_NAME, processor, {
    connection, name, concurrency: options.concurrency ?? 1, lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: 2,
  });
  worker.on('error', (e) => log(`worker: ${e.message}`));
  let closing: Promise<void> | null = null;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => { resolveClosed = r; });
  return {
    name,
    closed,
    shutdown() {
      closing ??= (async () => {
        ac.abort();
        await worker.close();
        await connection.quit().catch(() => undefined);
        resolveClosed();
      })();
      return closing;
    },
  };
}
