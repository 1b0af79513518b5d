import { z } from 'zod';
import { parseOptions } from '@mrnet/options';
import { augmentOptionsSchema, type AugmentOptions, type AugmentParams } from '../augment/augment-params.js';
import type { ExamItem } from '../dataset/open-dataset.js';
import { PLANES, type Plane } from '../types.js';
import { INTENSITIES, type Intensity, type Volume } from '../volume/index.js';
import { planEpoch } from './epoch-plan.js';
import { loadExam, type LoadRequest } from './load-exam.js';
import { WorkerPool } from './worker-pool.js';

/**
 * Options of {@link createLoader}.
 *
 * @example
 * ```ts
 * import { createLoader, type LoaderOptions } from '@mrnet/data/node';
 * const options: LoaderOptions = { items, plane: 'axial', shuffle: true, augment: true, seed: 3, workers: 2 };
 * const loader = createLoader(options);
 * ```
 */
export interface LoaderOptions {
  /** The exams to serve (e.g. `openMRNetDataset(...).items`). */
  items: readonly ExamItem[];
  /** Which series of each exam to read. */
  plane: Plane;
  /** Shuffle the order each epoch (seeded, epoch-dependent). Default `false`. */
  shuffle?: boolean;
  /** Seed of the shuffles and augmentation draws (any safe integer). Default 0. */
  seed?: number;
  /** `true` for the seed's augmentation, an {@link AugmentOptions} object to change its ranges, `false` for none. Default `false`. */
  augment?: boolean | AugmentOptions;
  /** Intensity normalisation of each volume. Default `'none'` (the seed). */
  intensity?: Intensity;
  /** Worker threads that read + augment ahead of the consumer; 0 reads inline. Default 1. */
  workers?: number;
  /** How many exams are requested ahead of the one being consumed (≥ 1). Default 2. */
  prefetch?: number;
}

/**
 * One served exam: the item, its volume and the augmentation that was applied.
 *
 * @example
 * ```ts
 * import type { LoaderSample } from '@mrnet/data/node';
 * for await (const sample of loader.epoch(0)) {
 *   const s: LoaderSample = sample;
 *   console.log(s.index, s.item.label, s.volume.shape, s.augment?.angleDeg);
 * }
 * ```
 */
export interface LoaderSample {
  /** The exam (as given in `items`). */
  item: ExamItem;
  /** Position in this epoch's order (0-based). */
  index: number;
  /** The series as `Float32Array` `[slices, height, width]`, augmented if enabled. */
  volume: Volume;
  /** The applied augmentation in pixels, or `null` when augmentation is off. */
  augment: AugmentParams | null;
}

/**
 * An epoch-wise, seeded exam loader. Close it (or `await using` it) to stop its worker threads.
 *
 * @example
 * ```ts
 * import { createLoader, openMRNetDataset } from '@mrnet/data/node';
 * const { items } = await openMRNetDataset('MRNet-v1.0', { split: 'train', task: 'acl' });
 * const loader = createLoader({ items, plane: 'sagittal', shuffle: true, augment: true, seed: 0 });
 * for await (const { item, volume } of loader.epoch(0)) console.log(item.id, volume.shape);
 * await loader.close();
 * ```
 */
export interface Loader extends AsyncDisposable {
  /** Number of exams per epoch. */
  readonly size: number;
  /** The exams of epoch `n` (0-based) in this epoch's order, one at a time (batch size 1). */
  epoch(n: number): AsyncIterable<LoaderSample>;
  /** The order epoch `n` serves the items in (no I/O). */
  order(n: number): ExamItem[];
  /** Terminates the worker threads; loads still running reject. Idempotent. */
  close(): Promise<void>;
}

const examItemSchema = z.looseObject({
  id: z.number().int().nonnegative(),
  label: z.union([z.literal(0), z.literal(1)]),
  weight: z.number().finite(),
  paths: z.looseObject({ axial: z.string(), coronal: z.string(), sagittal: z.string() }),
});

const schema = z
  .object({
    items: z.array(examItemSchema),
    plane: z.enum(PLANES),
    shuffle: z.boolean().default(false),
    seed: z.number().int().refine(Number.isSafeInteger, 'must be a safe integer').default(0),
    augment: z.union([z.boolean(), augmentOptionsSchema]).default(false),
    intensity: z.enum(INTENSITIES).default('none'),
    workers: z.number().int().min(0).max(64).default(1),
    prefetch: z.number().int().min(1).max(1024).default(2),
  })
  .strict();

/**
 * Creates a loader that serves one exam at a time (the seed's batch size 1), epoch by epoch.
 *
 * - **Reproducible**: epoch `n`'s order and augmentation draws come from `deriveSeed(seed, n)` on
 *   the calling thread, so the same seed and epoch give the same exams, in the same order, with the
 *   same augmentation — whatever the number of workers.
 * - **Never stalls training**: with `workers ≥ 1`, the next `prefetch` exams are read and augmented
 *   in worker threads while the current one is used; each `Float32Array` comes back with its buffer
 *   transferred, not copied. `workers: 0` reads inline.
 * - **Errors keep their type**: a corrupt file fails the epoch with the original typed error (e.g.
 *   `NpyFormatError` with its message and `path`), even from a worker.
 *
 * @throws TypeError for a wrong option type; RangeError for a value out of range.
 * @example
 * ```ts
 * import { openMRNetDataset, createLoader } from '@mrnet/data/node';
 * const ds = await openMRNetDataset('./MRNet-v1.0', { split: 'train', task: 'acl' });
 * await using loader = createLoader({ items: ds.items, plane: 'sagittal', shuffle: true, seed: 1, augment: true });
 * for await (const { item, volume } of loader.epoch(0)) {
 *   console.log(item.id, item.label, volume.shape); // e.g. 0 0 [36, 256, 256]
 * }
 * ```
 */
export function createLoader(options: LoaderOptions): Loader {
  const o = parseOptions('createLoader', schema, options);
  const items = options.items.slice();
  const augment = o.augment === false ? null : o.augment === true ? augmentOptionsSchema.parse({}) : o.augment;
  let pool: WorkerPool | undefined;
  let closed = false;

  const checkEpoch = (n: number): void => {
    if (typeof n !== 'number') throw new TypeError(`loader.epoch: n must be a number (got ${typeof n})`);
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`loader.epoch: n must be a non-negative integer (got ${n})`);
  };
  const plan = (n: number) => planEpoch(items.length, { seed: o.seed, epoch: n, shuffle: o.shuffle, augment });

  const load = (req: LoadRequest): Promise<Volume> => {
    if (o.workers === 0) return loadExam(req);
    pool ??= new WorkerPool(o.workers);
    return pool.run(req);
  };

  async function* run(n: number): AsyncGenerator<LoaderSample> {
    const { order, params } = plan(n);
    const request = (pos: number): Promise<Volume> => {
      const item = items[order[pos]!]!;
      const p = load({ path: item.paths[o.plane], intensity: o.intensity, params: params[pos]! });
      p.catch(() => undefined); // a result nobody awaits (early break, close) must not crash the process
      return p;
    };
    const queue: Promise<Volume>[] = [];
    let next = 0;
    const ahead = o.workers === 0 ? 1 : o.prefetch;
    for (let pos = 0; pos < order.length; pos++) {
      if (closed) throw new Error('createLoader: the loader was closed');
      while (next < order.length && queue.length < ahead) queue.push(request(next++));
      const volume = await queue.shift()!;
      // Refill before handing the exam over, so the workers stay busy while it is being used.
      while (next < order.length && queue.length < ahead) queue.push(request(next++));
      const p = params[pos]!;
      const [, h, w] = volume.shape;
      yield {
        item: items[order[pos]!]!,
        index: pos,
        volume,
        augment: p === null ? null : { angleDeg: p.angleDeg, tx: p.tx * h, ty: p.ty * w, flip: p.flip },
      };
    }
  }

  const close = async (): Promise<void> => {
    closed = true;
    const p = pool;
    pool = undefined;
    if (p !== undefined) await p.close();
  };

  return {
    size: items.length,
    epoch(n: number): AsyncIterable<LoaderSample> {
      checkEpoch(n);
      if (closed) throw new Error('createLoader: the loader is closed');
      return { [Symbol.asyncIterator]: () => run(n) };
    },
    order(n: number): ExamItem[] {
      checkEpoch(n);
      return plan(n).order.map((i) => items[i]!);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
