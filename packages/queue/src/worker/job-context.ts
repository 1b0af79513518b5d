import type { Redis } from 'ioredis';

/**
 * What every job processor of a worker shares.
 *
 * @example
 * ```ts
 * const ctx: JobContext = { redis, signal: new AbortController().signal, leaseMs: 60_000, computeWorkers: 1, log: console.error };
 * ```
 */
export interface JobContext {
  /** The worker's Redis connection (for model-folder leases). */
  redis: Redis;
  /** Aborted when the worker shuts down (SIGTERM): a train job writes its resume checkpoint and is handed back. */
  signal: AbortSignal;
  /** Lease of a model-folder lock; a crashed holder's lock expires after this. */
  leaseMs: number;
  /** Compute threads of one job: each exam's slices are split over them (training and prediction). */
  computeWorkers: number;
  /** One line of the worker's log (stderr). */
  log: (line: string) => void;
}
