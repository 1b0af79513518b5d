import type { JobsOptions } from 'bullmq';

/**
 * How often a job that fails at run time is tried, and how long to wait between tries. A job that
 * fails for bad input (an `InputError`) is never retried.
 *
 * @example
 * ```ts
 * import type { RetryOptions } from '@mrnet/queue';
 * const retry: RetryOptions = { attempts: 3, backoffMs: 10_000 };
 * ```
 */
export interface RetryOptions {
  /** Tries in all, the first included. Default 3. */
  attempts?: number;
  /** First wait before a retry, doubled at each further one (exponential backoff). Default 10 000 ms. */
  backoffMs?: number;
}

/** BullMQ job options from {@link RetryOptions}; finished jobs are kept for `mrnet queue status`. @internal */
export function retryOptions(o: RetryOptions): JobsOptions {
  return {
    attempts: o.attempts ?? 3,
    backoff: { type: 'exponential', delay: o.backoffMs ?? 10_000 },
    removeOnComplete: false,
    removeOnFail: false,
  };
}
