import type { TrainHandler } from '../engine/handler.js';
import { INTENSITIES, PLANES, TASKS, type Intensity, type Plane, type Task } from '@mrnet/data';
import { z } from 'zod';
import { parseOptions } from '@mrnet/options';
import type { TrainEvent } from './train-events.js';

/**
 * Options of {@link trainPlaneModel}. Defaults are the seed's (`train.py`): 50 epochs, Adam lr 1e-5
 * with weight decay 0.1, early-stopping patience 5, augmentation and the plateau scheduler on.
 *
 * @example
 * ```ts
 * const options: TrainPlaneOptions = { dataRoot: 'MRNet-v1.0', task: 'acl', plane: 'sagittal', pretrained: 'none', epochs: 3 };
 * ```
 */
export interface TrainPlaneOptions {
  /** MRNet-v1.0 dataset root (`train/`, `valid/`, `{split}-{task}.csv`). Required. */
  dataRoot: string;
  /** `'abnormal'`, `'acl'` or `'meniscus'`. Required. */
  task: Task;
  /** `'axial'`, `'coronal'` or `'sagittal'`. Required. */
  plane: Plane;
  /** Maximum number of epochs. Default 50. */
  epochs?: number;
  /** Adam learning rate. Default 1e-5. */
  lr?: number;
  /** Adam weight decay (L2 added to the gradient, PyTorch semantics). Default 0.1. */
  weightDecay?: number;
  /** Early stopping: epochs without a strict val-loss improvement before stopping. Default 5. */
  patience?: number;
  /** The seed's augmentation (rotation ±25°, translation ±11 %, flip) on training exams. Default true. */
  augment?: boolean;
  /** ReduceLROnPlateau (patience 3, factor 0.3, threshold 1e-4) on the rounded val loss. Default true. */
  lrScheduler?: boolean;
  /** Intensity normalisation of each volume (`'none'`: raw 0–255, the seed's). Default `'none'`. */
  intensity?: Intensity;
  /**
   * Backbone weights: `'torchvision'` (ImageNet AlexNet, downloaded once), `'none'` (random, from
   * `seed`), or a path: a `.pth` file (torchvision AlexNet or a seed MRNet checkpoint) or a folder
   * saved by `saveMRNet` (its features are used). Default `'torchvision'`.
   */
  pretrained?: string;
  /** Seed of weight initialisation, shuffles and augmentation. Default 0. */
  seed?: number;
  /** Where best models go: `{modelsDir}/{task}/{plane}/` (and the resume file next to it). Default `'models'`. */
  modelsDir?: string;
  /** Where runs are logged: `{logdir}/{task}/{plane}/{YYYYMMDD-HHMMSS}/`. Default `'logs'`. */
  logdir?: string;
  /** A console line every `logEvery` training steps (as the seed's `--log_every`). Default 100. */
  logEvery?: number;
  /** Remove earlier runs of this task+plane from the log folder before starting. Default false. */
  flushHistory?: boolean;
  /** Save the best model (by val AUC). Default true. */
  saveModel?: boolean;
  /** Continue from the resume checkpoint of this task+plane instead of starting afresh. Default false. */
  resume?: boolean;
  /** Worker threads that read and augment exams ahead of training (0: inline). Default 1. */
  workers?: number;
  /**
   * Compute threads per exam: its slices are split over this many worker threads (each its own
   * TensorFlow.js engine), with the same loss, gradients and weights as 1 (on the calling thread).
   * Used on the wasm and cpu backends; others compute on the calling thread. Default 1.
   */
  sliceWorkers?: number;
  /** Called with every {@link TrainEvent} (steps, epochs, checkpoints, the seed's console lines). */
  onProgress?: (event: TrainEvent) => void;
  /**
   * Stops the run after the current step: a resume checkpoint is written and the result's
   * `status` is `'interrupted'`.
   */
  signal?: AbortSignal;
  /**
   * @internal Test hook, awaited in the middle of every checkpoint write (after the first file of
   * the new checkpoint is written, before it is committed), to kill a process mid-checkpoint.
   */
  checkpointHook?: (kind: 'best' | 'resume') => Promise<void>;
  /**
   * Who holds the models-folder lock, as written into `{modelsDir}/{task}/{plane}.lock` (default
   * `training TASK/PLANE in MODELS`). A job queue names its job here, so that a worker that takes
   * the job over can tell its own dead predecessor's lock from another user's live run.
   */
  lockLabel?: string;
  /**
   * Your own {@link TrainHandler}s, run after the default ones (see `defaultHandlers`). Not
   * available through `trainPlanes` (functions cannot cross to worker threads). Default none.
   */
  handlers?: readonly TrainHandler[];
}

const positiveFinite = z.number().finite().positive();

/** @internal */
export const trainPlaneSchema = z.strictObject({
  dataRoot: z.string().min(1),
  task: z.enum(TASKS),
  plane: z.enum(PLANES),
  epochs: z.number().int().min(1).max(1_000_000).default(50),
  lr: positiveFinite.default(1e-5),
  weightDecay: z.number().finite().nonnegative().default(0.1),
  patience: z.number().int().min(1).default(5),
  augment: z.boolean().default(true),
  lrScheduler: z.boolean().default(true),
  intensity: z.enum(INTENSITIES).default('none'),
  pretrained: z.string().min(1).default('torchvision'),
  seed: z.number().int().min(0).max(0xffffffff).default(0),
  modelsDir: z.string().min(1).default('models'),
  logdir: z.string().min(1).default('logs'),
  logEvery: z.number().int().min(1).default(100),
  flushHistory: z.boolean().default(false),
  saveModel: z.boolean().default(true),
  resume: z.boolean().default(false),
  workers: z.number().int().min(0).max(64).default(1),
  sliceWorkers: z.number().int().min(1).max(256).default(1),
  onProgress: z.custom<(event: TrainEvent) => void>((v) => typeof v === 'function', 'must be a function').optional(),
  signal: z.custom<AbortSignal>((v) => typeof v === 'object' && v !== null && typeof (v as AbortSignal).aborted === 'boolean', 'must be an AbortSignal').optional(),
  checkpointHook: z.custom<(kind: 'best' | 'resume') => Promise<void>>((v) => typeof v === 'function', 'must be a function').optional(),
  lockLabel: z.string().min(1).optional(),
  handlers: z.array(z.custom<TrainHandler>((v) => typeof v === 'object' && v !== null, 'must be a handler object')).optional(),
});

/** Parsed options with defaults filled in. @internal */
export type ResolvedTrainPlaneOptions = z.output<typeof trainPlaneSchema>;

/** The options that define a run and are stored in its resume checkpoint. @internal */
export type RunDefinition = Omit<ResolvedTrainPlaneOptions, 'onProgress' | 'signal' | 'checkpointHook' | 'handlers' | 'resume' | 'workers' | 'sliceWorkers' | 'flushHistory' | 'lockLabel'>;

/** @internal */
export function parseTrainPlaneOptions(options: TrainPlaneOptions): ResolvedTrainPlaneOptions {
  return parseOptions('trainPlaneModel', trainPlaneSchema, options);
}

/** The fields of a run stored in (and restored from) its resume checkpoint. @internal */
export function runDefinition(o: ResolvedTrainPlaneOptions): RunDefinition {
  const { onProgress: _p, signal: _s, checkpointHook: _h, handlers: _hs, resume: _r, workers: _w, sliceWorkers: _k, flushHistory: _f, lockLabel: _l, ...rest } = o;
  return rest;
}
