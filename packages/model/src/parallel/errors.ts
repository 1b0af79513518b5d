/**
 * A slice worker of a `SliceParallelMRNet` died (crash, out of memory, terminated) or threw
 * during a step. The step is abandoned before any weight changes, every worker of the pool is
 * stopped, and the pool refuses further work: a training run fails here with its last resume
 * checkpoint intact.
 *
 * @example
 * ```ts
 * import { SliceWorkerError } from '@mrnet/model';
 * try {
 *   await pool.trainStep(volume, loss, '0007');
 * } catch (e) {
 *   if (e instanceof SliceWorkerError) console.error(`worker ${e.worker} failed on exam ${e.exam}`);
 * }
 * ```
 */
export class SliceWorkerError extends Error {
  /** 0-based index of the worker that failed. */
  readonly worker: number;
  /** Id of the exam being processed (or `'(none)'` outside a step). */
  readonly exam: string;

  constructor(worker: number, exam: string, what: string, options?: { cause?: unknown }) {
    super(`slice worker ${worker} failed on exam ${exam}: ${what}`, options);
    this.name = 'SliceWorkerError';
    this.worker = worker;
    this.exam = exam;
  }
}
