import type { ExamStepper } from '../parallel/exam-stepper.js';
import type { ExamItem } from '@mrnet/data/node';
import type { MRNet } from '@mrnet/model';
import type { LoopState } from '../checkpoint/resume-state.js';
import type { EarlyStopping } from '../early-stopping/early-stopping.js';
import type { TrainEvent, TrainStatus } from '../loop/train-events.js';
import type { RunDefinition } from '../loop/train-options.js';
import type { EpochSummary } from '../loop/train-plane-model.js';
import type { Adam } from '../optim/adam.js';
import type { ReduceLROnPlateau } from '../schedule/reduce-lr-on-plateau.js';

/**
 * What a {@link TrainHandler} sees of a run: its definition, the model and optimiser, the loop
 * state (saved in resume checkpoints), and ways to report. Epochs are **1-based** in everything a
 * handler writes or prints (`epoch 1/50`, `EpochSummary.epoch`, `metrics.jsonl`); `loop.epoch` is
 * the 0-based index of the epoch in progress, and TensorBoard steps keep the seed's 0-based epochs.
 *
 * @example
 * ```ts
 * import type { TrainContext } from '@mrnet/train';
 * const describe = (ctx: TrainContext): string => `${ctx.def.task}/${ctx.def.plane} epoch ${ctx.loop.epoch + 1}/${ctx.def.epochs}`;
 * ```
 */
export interface TrainContext {
  readonly def: RunDefinition;
  readonly net: MRNet;
  readonly adam: Adam;
  /** Runs the per-exam train and eval steps, on this thread or over slice workers. */
  readonly stepper: ExamStepper;
  /** The plateau scheduler, or `null` without `lrScheduler`. */
  readonly scheduler: ReduceLROnPlateau | null;
  readonly early: EarlyStopping;
  readonly loop: LoopState;
  readonly trainSize: number;
  readonly validSize: number;
  /** Where the resume checkpoint of this run is written. */
  readonly resumePath: string;
  /** Reports an event to `onProgress` (and, from worker threads, to the parent). */
  emit(event: TrainEvent): void;
  /** Reports a console line (`{type: 'line'}`). */
  line(text: string): void;
  /** Asks the engine to stop after this epoch; `reason` is printed once the epoch is recorded. */
  requestStop(reason: string): void;
  /** Flushes every handler's buffered output (before a checkpoint). */
  flush(): Promise<void>;
  /** Training seconds of the whole run so far (all processes). */
  totalSeconds(): number;
  /** The `checkpointHook` test hook of the options, if any. */
  readonly checkpointHook: ((kind: 'best' | 'resume') => Promise<void>) | undefined;
}

/**
 * One exam done: what the engine passes to {@link TrainHandler.onStep}.
 *
 * @example
 * ```ts
 * import type { StepRecord } from '@mrnet/train';
 * const show = (s: StepRecord): string => `${s.phase} ${s.index + 1}/${s.steps} loss ${s.loss.toFixed(4)}`;
 * ```
 */
export interface StepRecord {
  phase: 'train' | 'valid';
  /** 0-based epoch and step within the phase. */
  epoch: number;
  index: number;
  steps: number;
  item: ExamItem;
  loss: number;
  probability: number;
  /** Running AUC of the phase so far, and the rounded mean loss. */
  auc: number;
  meanLoss: number;
  lr: number;
}

/**
 * The end of an epoch: its rounded figures (as `EpochSummary`, 1-based `epoch`), filled in by the
 * handlers in order — the checkpoint handler reads `best`, the early-stopping handler sets
 * `counter`, later handlers (metrics, curves) read both.
 *
 * @example
 * ```ts
 * import type { EpochEndRecord } from '@mrnet/train';
 * const text = (e: EpochEndRecord): string => `epoch ${e.epoch}: val auc ${e.valAuc}${e.best ? ' (best)' : ''}`;
 * ```
 */
export interface EpochEndRecord extends EpochSummary {
  /** Val AUC strictly improved on the best so far. */
  best: boolean;
  /** The early-stopping counter after this epoch (0 without that handler). */
  counter: number;
}

/**
 * A training handler (as MONAI's handlers, Ignite's event handlers, Keras callbacks): the engine
 * calls each hook it defines, in the order the handlers were given, and awaits it. Every hook is
 * optional. Attach your own with `trainPlaneModel({ …, handlers: [myHandler] })`; they run after
 * the default ones.
 *
 * @example
 * ```ts
 * import { trainPlaneModel, type TrainHandler } from '@mrnet/train';
 * const slack: TrainHandler = {
 *   name: 'notify',
 *   onEpochEnd: (ctx, e) => { if (e.best) console.log(`${ctx.def.plane}: new best val auc ${e.valAuc} at epoch ${e.epoch}`); },
 * };
 * await trainPlaneModel({ dataRoot: 'data', task: 'acl', plane: 'sagittal', pretrained: 'none', handlers: [slack] });
 * ```
 */
export interface TrainHandler {
  /** A name for messages. */
  readonly name?: string;
  /** Once, before the first step (also after a resume). */
  onStart?(ctx: TrainContext, resumed: boolean): void | Promise<void>;
  /** After every exam, in both phases. */
  onStep?(ctx: TrainContext, step: StepRecord): void | Promise<void>;
  /** After the last exam of a phase, with its running AUC. */
  onPhaseEnd?(ctx: TrainContext, phase: 'train' | 'valid', auc: number): void | Promise<void>;
  /** After each epoch, in handler order (see {@link EpochEndRecord}). */
  onEpochEnd?(ctx: TrainContext, epoch: EpochEndRecord): void | Promise<void>;
  /** Between two epochs, when the loop state is a clean resume point (not after the last epoch). */
  onResumePoint?(ctx: TrainContext): void | Promise<void>;
  /** On interruption (the `signal` aborted): the loop state is where the run will resume. */
  onInterrupt?(ctx: TrainContext): void | Promise<void>;
  /** At the end of a run that was not interrupted. */
  onEnd?(ctx: TrainContext, status: TrainStatus, seconds: number): void | Promise<void>;
  /** Writes buffered output (called before checkpoints and at every epoch end). */
  flush?(): void | Promise<void>;
  /** Releases files; called once, however the run ended. */
  close?(): void | Promise<void>;
}
