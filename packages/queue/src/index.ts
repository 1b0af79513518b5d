/**
 * `@mrnet/queue`: MRNet on many machines. The 3 tasks × 3 planes (× seeds) training grid and batch
 * prediction as BullMQ jobs over a Redis server: `enqueueTrainGrid` (one flow per task: the plane
 * jobs, then a stack job), `enqueuePredict` (chunks, then one CSV), `startWorker` (runs any job on
 * any machine that sees the data and models folders at the same paths), `queueStatus` and
 * `followJobs`. A killed worker's training job is taken over after BullMQ's stall detection and
 * resumes from its resume checkpoint; SIGTERM hands a job back after writing it.
 *
 * @packageDocumentation
 */
export * from './errors.js';
export * from './connection/redis-connection.js';
export * from './jobs/job-data.js';
export type { RetryOptions } from './jobs/retry-options.js';
export * from './enqueue/enqueue-train-grid.js';
export * from './enqueue/enqueue-predict.js';
export * from './enqueue/list-exams.js';
export * from './worker/start-worker.js';
export type { JobContext } from './worker/job-context.js';
export { acquireModelLock, type ModelLock } from './worker/model-lock.js';
export { chooseStackSeed, type StackJobResult } from './worker/stack-job.js';
export type { TrainJobResult } from './worker/train-job.js';
export { formatBatchCsv, type BatchRow } from './worker/predict-job.js';
export { queueStatus, followJobs, type JobStatus } from './status/queue-status.js';
