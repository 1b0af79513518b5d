import { INTENSITIES, PLANES, TASKS } from '@mrnet/data';
import { BACKEND_NAMES } from '@mrnet/model';
import { z } from 'zod';
import { QueueInputError } from '../errors.js';

/**
 * The BullMQ queue every `@mrnet/queue` job goes to (prefix `mrnet` in Redis).
 *
 * @example
 * ```ts
 * import { QUEUE_NAME } from '@mrnet/queue';
 * QUEUE_NAME; // 'mrnet'
 * ```
 */
export const QUEUE_NAME = 'mrnet';

/** The `mrnet train` options a train job carries (the data of one task × plane × seed). @internal */
export const trainJobSchema = z.strictObject({
  dataRoot: z.string().min(1),
  task: z.enum(TASKS),
  plane: z.enum(PLANES),
  seed: z.number().int().min(0).max(0xffffffff),
  modelsDir: z.string().min(1),
  logdir: z.string().min(1),
  epochs: z.number().int().min(1),
  lr: z.number().finite().positive(),
  weightDecay: z.number().finite().nonnegative(),
  patience: z.number().int().min(1),
  augment: z.boolean(),
  lrScheduler: z.boolean(),
  intensity: z.enum(INTENSITIES),
  pretrained: z.string().min(1),
  logEvery: z.number().int().min(1),
  saveModel: z.boolean(),
  backend: z.enum(BACKEND_NAMES),
});

/** A stack job: fit the stacked model of one task once its plane jobs are done. @internal */
export const stackJobSchema = z.strictObject({
  dataRoot: z.string().min(1),
  task: z.enum(TASKS),
  /** The models folder of each seed, by seed. */
  seedModels: z.record(z.string(), z.string().min(1)),
  backend: z.enum(BACKEND_NAMES),
});

/** One chunk of a batch prediction. @internal */
export const predictChunkSchema = z.strictObject({
  modelsDir: z.string().min(1),
  exams: z.array(z.strictObject({ id: z.number().int().min(0), key: z.string().min(1), files: z.strictObject({ axial: z.string(), coronal: z.string(), sagittal: z.string() }) })).min(1),
  backend: z.enum(BACKEND_NAMES),
});

/** The job that gathers a batch prediction's chunks into one CSV. @internal */
export const gatherJobSchema = z.strictObject({
  out: z.string().min(1),
  chunks: z.number().int().min(1),
  exams: z.number().int().min(1),
});

/**
 * Data of a train job: one task × plane × seed with the `mrnet train` options.
 *
 * @example
 * ```ts
 * import type { TrainJobData } from '@mrnet/queue';
 * const data: Partial<TrainJobData> = { task: 'acl', plane: 'sagittal', seed: 0 };
 * ```
 */
export type TrainJobData = z.output<typeof trainJobSchema>;
/**
 * Data of a stack job.
 *
 * @example
 * ```ts
 * import type { StackJobData } from '@mrnet/queue';
 * const data: StackJobData = { dataRoot: 'MRNet-v1.0', task: 'acl', seedModels: { '0': 'models' }, backend: 'auto' };
 * ```
 */
export type StackJobData = z.output<typeof stackJobSchema>;
/**
 * Data of a batch-prediction chunk.
 *
 * @example
 * ```ts
 * import type { PredictChunkData } from '@mrnet/queue';
 * const data: PredictChunkData = { modelsDir: 'models', backend: 'auto', exams: [{ id: 0, key: '1130', files: { axial: 'a.npy', coronal: 'c.npy', sagittal: 's.npy' } }] };
 * ```
 */
export type PredictChunkData = z.output<typeof predictChunkSchema>;
/**
 * Data of the job that writes a batch prediction's CSV.
 *
 * @example
 * ```ts
 * import type { GatherJobData } from '@mrnet/queue';
 * const data: GatherJobData = { out: 'predictions.csv', chunks: 4, exams: 120 };
 * ```
 */
export type GatherJobData = z.output<typeof gatherJobSchema>;

/**
 * The kinds of job and their payload schemas: a worker validates every payload against these
 * before it touches a file (payloads are data, never code).
 *
 * @example
 * ```ts
 * import { JOB_SCHEMAS } from '@mrnet/queue';
 * Object.keys(JOB_SCHEMAS); // ['train', 'stack', 'predict', 'gather']
 * ```
 */
export const JOB_SCHEMAS = { train: trainJobSchema, stack: stackJobSchema, predict: predictChunkSchema, gather: gatherJobSchema } as const;

/**
 * A job kind: `train`, `stack`, `predict` (a chunk) or `gather`.
 *
 * @example
 * ```ts
 * import type { JobKind } from '@mrnet/queue';
 * const kind: JobKind = 'train';
 * ```
 */
export type JobKind = keyof typeof JOB_SCHEMAS;

/**
 * Validates a job's name and payload; throws a {@link QueueInputError} naming the job and the
 * first bad field.
 *
 * @example
 * ```ts
 * import { parseJobData } from '@mrnet/queue';
 * parseJobData('gather', { out: 'p.csv', chunks: 1, exams: 3 }, 'job 7');
 * ```
 */
export function parseJobData<K extends JobKind>(kind: K, data: unknown, where: string): z.output<(typeof JOB_SCHEMAS)[K]> {
  const schema = (JOB_SCHEMAS as Record<string, z.ZodType | undefined>)[kind];
  if (schema === undefined) throw new QueueInputError(`${where}: unknown job kind ${JSON.stringify(kind)}`);
  const r = schema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new QueueInputError(`${where}: ${kind} job data: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return r.data as z.output<(typeof JOB_SCHEMAS)[K]>;
}
