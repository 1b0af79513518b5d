import * as fs from 'node:fs';
import { deriveSeed, type Plane, type Task } from '@mrnet/data';
import { createLoader, openMRNetDataset, type Loader } from '@mrnet/data/node';
import { createMRNet, readBack, type MRNet, type MRNetWeights } from '@mrnet/model';
import { InputError } from '@mrnet/options';
import { acquireLock, assertWritableDir, planeModelDir, resumeFilePath, trainLockPath } from '@mrnet/options/node';
import { NoResumeCheckpointError } from '../checkpoint/resume-errors.js';
import { bindAdamState, loadResumeState, type LoopState, type ResumeState } from '../checkpoint/resume-state.js';
import { EarlyStopping } from '../early-stopping/early-stopping.js';
import type { TrainContext, TrainHandler } from '../engine/handler.js';
import { checkpointHandler } from '../engine/handlers/checkpoint-handler.js';
import { consoleHandler } from '../engine/handlers/console-handler.js';
import { curvesHandler } from '../engine/handlers/curves-handler.js';
import { earlyStoppingHandler } from '../engine/handlers/early-stopping-handler.js';
import { lrScheduleHandler } from '../engine/handlers/lr-schedule-handler.js';
import { metricsJsonlHandler } from '../engine/handlers/metrics-jsonl-handler.js';
import { tensorBoardHandler } from '../engine/handlers/tensorboard-handler.js';
import { freshLoop, runEngine } from '../engine/run-engine.js';
import { createExamStepper, type ExamStepper } from '../parallel/exam-stepper.js';
import { Adam } from '../optim/adam.js';
import { ReduceLROnPlateau } from '../schedule/reduce-lr-on-plateau.js';
import { resolveBackbone } from './resolve-backbone.js';
import { createRunDir, flushRunHistory } from './run-logs.js';
import type { TrainEvent, TrainStatus } from './train-events.js';
import { parseTrainPlaneOptions, runDefinition, type RunDefinition, type TrainPlaneOptions } from './train-options.js';

/**
 * One finished epoch: the seed's rounded figures, the learning rate used and its duration.
 *
 * @example
 * ```ts
 * import { trainPlaneModel, type EpochSummary } from '@mrnet/train';
 * const { history } = await trainPlaneModel({ dataRoot: 'data', task: 'acl', plane: 'sagittal', pretrained: 'none', epochs: 2 });
 * for (const e of history as EpochSummary[]) console.log(e.epoch, e.trainLoss, e.valAuc, e.lr);
 * ```
 */
export interface EpochSummary {
  /** 1-based epoch. */
  epoch: number;
  trainLoss: number;
  trainAuc: number;
  valLoss: number;
  valAuc: number;
  lr: number;
  seconds: number;
}

/**
 * What {@link trainPlaneModel} returns.
 *
 * @example
 * ```ts
 * import { trainPlaneModel, type TrainResult } from '@mrnet/train';
 * const result: TrainResult = await trainPlaneModel({ dataRoot: 'data', task: 'acl', plane: 'sagittal', pretrained: 'none', epochs: 2 });
 * console.log(result.status, result.bestEpoch, result.bestValAuc, result.modelDir);
 * ```
 */
export interface TrainResult {
  task: Task;
  plane: Plane;
  /** `'completed'` (all epochs), `'early-stopped'`, or `'interrupted'` (signal; resumable). */
  status: TrainStatus;
  /** Every finished epoch of the run (including those before a resume). */
  history: EpochSummary[];
  /** Best val AUC (0 if no epoch finished) and its 1-based epoch (0 if none). */
  bestValAuc: number;
  bestEpoch: number;
  /** The best model's folder, or `null` if none was saved. */
  modelDir: string | null;
  /** The run's log folder (event file, `metrics.jsonl`, `curves.png`). */
  logDir: string;
  /** The resume checkpoint written on interruption, else `null`. */
  resumeFile: string | null;
  /** Training seconds of the whole run (all processes). */
  seconds: number;
  /** The weights at the end of the run (not necessarily the best ones). */
  weights: MRNetWeights;
  /** Compute threads each exam was split over (1: the calling thread; see `sliceWorkers`). */
  sliceWorkers: number;
}

/**
 * Trains one plane's MRNet for one task exactly as the seed's `train.py` does:
 *
 * - per epoch: the training exams in a seeded shuffled order, batch 1, augmented (if `augment`);
 *   BCE-with-logits weighted `[1, neg/pos][label]` from the split's own labels; Adam (coupled
 *   weight decay); then the validation exams (shuffled, not augmented) for loss and AUC — the AUC
 *   is the seed's running AUC (0.5 while one class only);
 * - epoch loss = mean rounded to 4 decimals, AUC rounded to 4; ReduceLROnPlateau (patience 3,
 *   factor 0.3, threshold 1e-4) stepped on the rounded val loss when `lrScheduler`;
 * - the model is saved (atomically, with metadata) to `{modelsDir}/{task}/{plane}/` whenever val AUC
 *   strictly improves, replacing the previous best;
 * - early stopping: a counter incremented each epoch, reset when val loss strictly improves; stop
 *   when it reaches `patience`.
 *
 * Logs go to `{logdir}/{task}/{plane}/{YYYYMMDD-HHMMSS}/`: a TensorBoard event file with the seed's
 * tags (`Train/Loss`, `Train/AUC` at step `epoch·n_train + i`; `Val/Loss`, `Val/AUC` at
 * `epoch·n_valid + i`; `Train/AUC_epoch`, `Val/AUC_epoch` with the 0-based epoch as step),
 * `metrics.jsonl` (one line per step and per epoch) and `curves.png`, rewritten every epoch.
 *
 * The run is the training engine (a small loop that emits events) with the default handlers —
 * LR schedule, console lines, checkpoints (best + resume), early stopping, `metrics.jsonl`,
 * TensorBoard, curves figure — then `options.handlers` (your own {@link TrainHandler}s). Epochs are
 * 1-based in everything printed or written (`EpochSummary.epoch`, `metrics.jsonl`); the `epoch`
 * field of `step`/`epoch` events is the 0-based index (as TensorBoard's steps).
 *
 * Before anything is written the dataset, the models and logs folders (they must be writable:
 * an `InputError` naming the folder otherwise) and the lock `{modelsDir}/{task}/{plane}.lock` are
 * checked: a second run of the same task and plane on the same models folder is refused with a
 * `LockedError` naming the holder (pid and host); a lock left by a dead process on this host is
 * taken over.
 *
 * **Crash safety.** When `signal` aborts, the current step finishes, a resume checkpoint
 * (`{modelsDir}/{task}/{plane}.resume`: weights, Adam moments, scheduler, early stopping, position
 * in the epoch, accumulated losses/predictions, best AUC, log folder) is written atomically and the
 * result has `status: 'interrupted'`. `resume: true` continues from it — with the same seed it ends
 * with the same weights as an uninterrupted run. The checkpoint is also refreshed at the end of
 * every epoch (so a killed run loses at most one epoch) and removed when the run ends. Every file
 * is replaced atomically, so a process killed at any moment leaves the best model and the logs
 * readable. Initialise a TensorFlow.js backend first (`initBackend`).
 *
 * @throws TypeError/RangeError for bad options; DatasetError for a bad dataset (before anything is
 *   written); InputError for a models or logs folder that cannot be written; LockedError when the
 *   same task and plane are training on this models folder; NoResumeCheckpointError /
 *   StateFormatError for a missing or unusable resume file.
 * @example
 * ```ts
 * import { initBackend } from '@mrnet/model';
 * import { trainPlaneModel } from '@mrnet/train';
 * await initBackend('wasm');
 * const ac = new AbortController();
 * process.once('SIGINT', () => ac.abort());
 * const result = await trainPlaneModel({
 *   dataRoot: 'MRNet-v1.0', task: 'acl', plane: 'sagittal', pretrained: 'torchvision',
 *   signal: ac.signal, onProgress: (e) => e.type === 'line' && console.log(e.text),
 * });
 * console.log(result.status, result.bestValAuc, result.modelDir);
 * ```
 */
export async function trainPlaneModel(options: TrainPlaneOptions): Promise<TrainResult> {
  const o = parseTrainPlaneOptions(options);
  const emit = (e: TrainEvent): void => o.onProgress?.(e);
  const line = (text: string): void => emit({ type: 'line', text });
  const resumePath = resumeFilePath(o.modelsDir, o.task, o.plane);

  let resumed: ResumeState | null = null;
  let def: RunDefinition = runDefinition(o);
  if (o.resume) {
    if (!fs.existsSync(resumePath)) {
      throw new NoResumeCheckpointError(`trainPlaneModel: no resume checkpoint at ${resumePath} (nothing to resume for ${o.task}/${o.plane})`, resumePath);
    }
    resumed = await loadResumeState(resumePath);
    const stored = resumed.definition as RunDefinition;
    // The run's definition comes from the checkpoint; where the data and outputs live may change.
    const differs = (Object.keys(stored) as (keyof RunDefinition)[]).filter(
      (k) => !['dataRoot', 'modelsDir', 'logEvery'].includes(k) && JSON.stringify(stored[k]) !== JSON.stringify(def[k]),
    );
    if (stored.task !== o.task || stored.plane !== o.plane) {
      throw new InputError(`trainPlaneModel: ${resumePath} holds the ${stored.task}/${stored.plane} run, not ${o.task}/${o.plane}`, { path: resumePath });
    }
    def = { ...stored, dataRoot: o.dataRoot, modelsDir: o.modelsDir, logEvery: o.logEvery };
    for (const k of differs) line(`resume: keeping the checkpoint's ${k} = ${JSON.stringify(stored[k])} (given ${JSON.stringify(runDefinition(o)[k])})`);
  }

  // Everything that can be wrong with the input is checked before anything is written.
  const train = await openMRNetDataset(def.dataRoot, { split: 'train', task: def.task });
  const valid = await openMRNetDataset(def.dataRoot, { split: 'valid', task: def.task });
  const backbone = resumed ? null : await resolveBackbone(def.pretrained);
  await assertWritableDir(def.modelsDir, 'models');
  await assertWritableDir(def.logdir, 'logs');
  const releaseLock = await acquireLock(trainLockPath(def.modelsDir, def.task, def.plane), o.lockLabel ?? `training ${def.task}/${def.plane} in ${def.modelsDir}`);
  let net: MRNet | undefined;
  let adam: Adam | undefined;
  const loaders: Loader[] = [];
  const handlers: TrainHandler[] = [];
  let stepper: ExamStepper | undefined;
  try {
    if (resumed) net = createMRNet({ weights: resumed.weights });
    else net = createMRNet({ seed: def.seed, ...(backbone?.features ? { weights: { features: backbone.features } } : {}) });
    const model = net;
    adam = resumed
      ? Adam.fromJSON(bindAdamState(resumed.adam, model.variables.map((v) => v.name)), model.variables)
      : new Adam(model.variables, { lr: def.lr, weightDecay: def.weightDecay });
    const scheduler = !def.lrScheduler
      ? null
      : resumed
        ? ReduceLROnPlateau.fromJSON(resumed.scheduler, adam)
        : new ReduceLROnPlateau(adam, { patience: 3, factor: 0.3, threshold: 1e-4 });
    const early = resumed ? EarlyStopping.fromJSON(resumed.earlyStopping) : new EarlyStopping({ patience: def.patience });
    stepper = await createExamStepper(net, adam, o.sliceWorkers);

    let loop: LoopState;
    if (resumed) {
      loop = resumed.loop;
      fs.mkdirSync(loop.logDir, { recursive: true });
    } else {
      if (o.flushHistory) flushRunHistory(def.logdir, def.task, def.plane);
      loop = freshLoop(createRunDir(def.logdir, def.task, def.plane));
    }
    handlers.push(...defaultHandlers(loop.logDir, `${def.task} ${def.plane}`), ...(o.handlers ?? []));
    const started = performance.now();
    const ctx: TrainContext = {
      def, net: model, adam, stepper, scheduler, early, loop, trainSize: train.items.length, validSize: valid.items.length, resumePath, emit, line,
      requestStop: () => undefined, // set by the engine
      flush: async () => {
        for (const h of handlers) await h.flush?.();
      },
      totalSeconds: () => loop.secondsBefore + (performance.now() - started) / 1000,
      checkpointHook: o.checkpointHook,
    };
    const trainLoader = createLoader({ items: train.items, plane: def.plane, shuffle: true, seed: def.seed, augment: def.augment, intensity: def.intensity, workers: o.workers });
    loaders.push(trainLoader);
    const validLoader = createLoader({ items: valid.items, plane: def.plane, shuffle: true, seed: deriveSeed(def.seed, 1), intensity: def.intensity, workers: o.workers });
    loaders.push(validLoader);
    for (const h of handlers) await h.onStart?.(ctx, resumed !== null);
    emit({
      type: 'start', task: def.task, plane: def.plane, epochs: def.epochs, trainSize: ctx.trainSize, validSize: ctx.validSize, logDir: loop.logDir,
      resumedAt: resumed ? { epoch: loop.epoch, phase: loop.phase, step: loop.step } : null,
    });
    const { status, seconds } = await runEngine(ctx, handlers, { train: trainLoader, valid: validLoader }, o.signal);
    const modelDir = planeModelDir(def.modelsDir, def.task, def.plane);
    await readBack(model.variables); // getWeights reads synchronously: WebGPU needs the values downloaded first
    return {
      task: def.task, plane: def.plane, status, history: loop.history.map((h) => ({ ...h })), bestValAuc: loop.bestValAuc, bestEpoch: loop.bestEpoch,
      modelDir: def.saveModel && loop.bestEpoch > 0 && fs.existsSync(modelDir) ? modelDir : null, logDir: loop.logDir,
      resumeFile: status === 'interrupted' ? resumePath : null, seconds, weights: model.getWeights(), sliceWorkers: stepper.workers,
    };
  } finally {
    await Promise.all(loaders.map((l) => l.close()));
    for (const h of handlers) await h.close?.();
    await stepper?.dispose();
    adam?.dispose();
    net?.dispose();
    await releaseLock();
  }
}

/**
 * The handlers {@link trainPlaneModel} attaches, in order: LR schedule, console lines, checkpoints
 * (best + resume), early stopping, `metrics.jsonl`, TensorBoard, curves figure — all writing into
 * the run's log folder `logDir`. Order matters at an epoch's end: the scheduler's line comes before
 * the epoch line, the best model is saved before early stopping may stop the run, and the logs
 * record both.
 *
 * @example
 * ```ts
 * import { defaultHandlers } from '@mrnet/train';
 * defaultHandlers('logs/acl/sagittal/20260101-120000', 'acl sagittal').map((h) => h.name);
 * // ['lr-schedule', 'console', 'checkpoint', 'early-stopping', 'metrics.jsonl', 'tensorboard', 'curves']
 * ```
 */
export function defaultHandlers(logDir: string, title: string): TrainHandler[] {
  return [lrScheduleHandler(), consoleHandler(), checkpointHandler(), earlyStoppingHandler(), metricsJsonlHandler(logDir), tensorBoardHandler(logDir), curvesHandler(logDir, title)];
}
