import { rm } from 'node:fs/promises';
import * as fs from 'node:fs';
import { createLoader, deriveSeed, openMRNetDataset, type ExamItem, type Loader, type Plane, type Task } from '@mrnet/data';
import { RunningAuc } from '@mrnet/metrics';
import { createMRNet, type MRNet, type MRNetWeights } from '@mrnet/model';
import { bestModelDir, resumeFilePath, saveBestModel } from '../checkpoint/best-model.js';
import { NoResumeCheckpointError } from '../checkpoint/resume-errors.js';
import { bindAdamState, loadResumeState, saveResumeState, type LoopState, type ResumeState } from '../checkpoint/resume-state.js';
import { EarlyStopping } from '../early-stopping/early-stopping.js';
import { Adam } from '../optim/adam.js';
import { ReduceLROnPlateau } from '../schedule/reduce-lr-on-plateau.js';
import { resolveBackbone } from './resolve-backbone.js';
import { mean, npRound } from './round.js';
import { createRunDir, flushRunHistory, RunLogs } from './run-logs.js';
import type { StepOutput } from './steps.js';
import { createExamStepper, type ExamStepper } from '../parallel/exam-stepper.js';
import { formatEpochLine, formatTrainStepLine, formatValidStepLine, pyRepr, type TrainEvent, type TrainStatus } from './train-events.js';
import { parseTrainPlaneOptions, runDefinition, type RunDefinition, type TrainPlaneOptions } from './train-options.js';
import { TRAIN_PACKAGE_VERSION } from './version.js';

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

const VALID_LOG_EVERY = 20; // the seed's evaluate_model default

function freshLoop(logDir: string): LoopState {
  return {
    epoch: 0,
    phase: 'train',
    step: 0,
    trainLosses: [],
    trainSeen: { yTrue: [], yScore: [] },
    trainResult: null,
    validLosses: [],
    validSeen: { yTrue: [], yScore: [] },
    bestValAuc: 0,
    bestEpoch: 0,
    history: [],
    logDir,
    secondsBefore: 0,
    epochSecondsBefore: 0,
  };
}

function runningAuc(seen: { yTrue: number[]; yScore: number[] }): RunningAuc {
  const auc = new RunningAuc();
  seen.yTrue.forEach((y, i) => auc.push(y, seen.yScore[i]!));
  return auc;
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
 *   written); NoResumeCheckpointError / StateFormatError for a missing or unusable resume file.
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
      throw new RangeError(`trainPlaneModel: ${resumePath} holds a ${stored.task}/${stored.plane} run, not ${o.task}/${o.plane}`);
    }
    def = { ...stored, dataRoot: o.dataRoot, modelsDir: o.modelsDir, logEvery: o.logEvery };
    for (const k of differs) line(`resume: keeping the checkpoint's ${k} = ${JSON.stringify(stored[k])} (given ${JSON.stringify(runDefinition(o)[k])})`);
  }

  // Everything that can be wrong with the input is checked before anything is written.
  const train = await openMRNetDataset(def.dataRoot, { split: 'train', task: def.task });
  const valid = await openMRNetDataset(def.dataRoot, { split: 'valid', task: def.task });
  let net: MRNet;
  if (resumed) net = createMRNet({ weights: resumed.weights });
  else {
    const backbone = await resolveBackbone(def.pretrained);
    net = createMRNet({ seed: def.seed, ...(backbone.features ? { weights: { features: backbone.features } } : {}) });
  }

  let adam: Adam | undefined;
  let stepper: ExamStepper | undefined;
  let logs: RunLogs | undefined;
  const loaders: Loader[] = [];
  try {
    adam = resumed
      ? Adam.fromJSON(bindAdamState(resumed.adam, net.variables.map((v) => v.name)), net.variables)
      : new Adam(net.variables, { lr: def.lr, weightDecay: def.weightDecay });
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
    logs = new RunLogs(loop.logDir, `${def.task} ${def.plane}`);
    const started = performance.now();
    const totalSeconds = (): number => loop.secondsBefore + (performance.now() - started) / 1000;
    if (resumed) logs.metrics.append({ type: 'resume', epoch: loop.epoch + 1, phase: loop.phase, step: loop.step, time: Date.now() / 1000 });
    else logs.metrics.append({ type: 'start', task: def.task, plane: def.plane, trainSize: train.items.length, validSize: valid.items.length, options: def, time: Date.now() / 1000 });

    const trainLoader = createLoader({ items: train.items, plane: def.plane, shuffle: true, seed: def.seed, augment: def.augment, intensity: def.intensity, workers: o.workers });
    loaders.push(trainLoader);
    const validLoader = createLoader({ items: valid.items, plane: def.plane, shuffle: true, seed: deriveSeed(def.seed, 1), intensity: def.intensity, workers: o.workers });
    loaders.push(validLoader);
    const nTrain = train.items.length;
    const nValid = valid.items.length;
    const modelDir = bestModelDir(def.modelsDir, def.task, def.plane);
    let savedModel: string | null = def.saveModel && loop.bestEpoch > 0 && fs.existsSync(modelDir) ? modelDir : null;

    emit({
      type: 'start', task: def.task, plane: def.plane, epochs: def.epochs, trainSize: nTrain, validSize: nValid, logDir: loop.logDir,
      resumedAt: resumed ? { epoch: loop.epoch, phase: loop.phase, step: loop.step } : null,
    });

    const writeResume = async (): Promise<void> => {
      logs!.flush();
      await saveResumeState(
        resumePath,
        { definition: def as unknown as Record<string, unknown>, loop, net, adam: adam!, scheduler: scheduler?.toJSON() ?? null, earlyStopping: early.toJSON() },
        o.checkpointHook ? () => o.checkpointHook!('resume') : undefined,
      );
      emit({ type: 'checkpoint', kind: 'resume', path: resumePath, epoch: loop.epoch });
    };
    const result = (status: TrainStatus, resumeFile: string | null, seconds: number): TrainResult => ({
      task: def.task, plane: def.plane, status, history: loop.history.map((h) => ({ ...h })), bestValAuc: loop.bestValAuc, bestEpoch: loop.bestEpoch,
      modelDir: savedModel, logDir: loop.logDir, resumeFile, seconds, weights: net.getWeights(), sliceWorkers: stepper!.workers,
    });

    let status: TrainStatus = 'completed';
    for (; loop.epoch < def.epochs; ) {
      const epoch = loop.epoch;
      const lr = adam.lr;
      const epochStart = performance.now() - loop.epochSecondsBefore * 1000;
      const epochSeconds = (): number => (performance.now() - epochStart) / 1000;
      const interrupt = async (): Promise<TrainResult> => {
        loop.epochSecondsBefore = epochSeconds();
        const seconds = totalSeconds();
        loop.secondsBefore = seconds;
        await writeResume();
        line(`interrupted at epoch ${epoch + 1}, ${loop.phase} step ${loop.step}; resume checkpoint written to ${resumePath}`);
        logs!.metrics.append({ type: 'interrupt', epoch: epoch + 1, phase: loop.phase, step: loop.step, time: Date.now() / 1000 });
        emit({ type: 'end', status: 'interrupted', seconds });
        return result('interrupted', resumePath, seconds);
      };

      // The bookkeeping after one exam, the same in both phases as in the seed's two loops: running
      // loss and AUC, TensorBoard/metrics.jsonl records, a progress event, a console line every
      // `log_every` exams (the seed's evaluate_model uses 20).
      const afterStep = (phase: 'train' | 'valid', index: number, item: ExamItem, out: StepOutput, auc: RunningAuc): void => {
        const train = phase === 'train';
        const losses = train ? loop.trainLosses : loop.validLosses;
        const seen = train ? loop.trainSeen : loop.validSeen;
        const steps = train ? nTrain : nValid;
        losses.push(out.loss);
        seen.yTrue.push(item.label);
        seen.yScore.push(out.probability);
        const a = auc.push(item.label, out.probability);
        loop.step = index + 1;
        recordStep(logs!, phase, epoch, index, steps, out, a, lr, item);
        const meanLoss = npRound(mean(losses));
        emit({ type: 'step', phase, epoch, epochs: def.epochs, step: index, steps, loss: out.loss, meanLoss, auc: a, lr, elapsed: epochSeconds() });
        if (index % (train ? def.logEvery : VALID_LOG_EVERY) === 0 && index > 0) {
          const format = train ? formatTrainStepLine : formatValidStepLine;
          line(format({ epoch, epochs: def.epochs, step: index, steps, meanLoss, auc: npRound(a), lr }));
        }
      };

      if (loop.phase === 'train') {
        const auc = runningAuc(loop.trainSeen);
        for await (const s of trainLoader.epoch(epoch)) {
          if (s.index < loop.step) continue; // done before the interruption
          const out = await stepper.train(s.volume, s.item.label, s.item.weight, s.item.paths[def.plane]);
          afterStep('train', s.index, s.item, out, auc);
          if (o.signal?.aborted) return await interrupt();
        }
        logs.events.addScalar('Train/AUC_epoch', auc.value(), epoch);
        loop.trainResult = { loss: npRound(mean(loop.trainLosses)), auc: npRound(auc.value()) };
        loop.phase = 'valid';
        loop.step = 0;
      }

      const vauc = runningAuc(loop.validSeen);
      for await (const s of validLoader.epoch(epoch)) {
        if (s.index < loop.step) continue;
        const out = await stepper.eval(s.volume, s.item.label, s.item.weight, s.item.paths[def.plane]);
        afterStep('valid', s.index, s.item, out, vauc);
        if (o.signal?.aborted) return await interrupt();
      }
      logs.events.addScalar('Val/AUC_epoch', vauc.value(), epoch);

      // End of epoch, in the seed's order.
      const { loss: trainLoss, auc: trainAuc } = loop.trainResult!;
      const valLoss = npRound(mean(loop.validLosses));
      const valAuc = npRound(vauc.value());
      if (scheduler) {
        const before = adam.lr;
        const after = scheduler.step(valLoss);
        if (after !== before) line(`Epoch ${scheduler.lastEpoch}: reducing learning rate to ${pyRepr(after)}.`);
      }
      const seconds = epochSeconds();
      line(formatEpochLine({ trainLoss, trainAuc, valLoss, valAuc, seconds }));
      line('-'.repeat(30));
      const best = valAuc > loop.bestValAuc;
      if (best) {
        loop.bestValAuc = valAuc;
        loop.bestEpoch = epoch + 1;
        if (def.saveModel) {
          const metadata = {
            task: def.task, plane: def.plane, inputNormalisation: def.intensity, bestEpoch: epoch + 1, trainAuc, valAuc, trainLoss, valLoss,
            lr, seed: def.seed, pretrained: def.pretrained, augment: def.augment, trainPackageVersion: TRAIN_PACKAGE_VERSION, savedAt: new Date().toISOString(),
          };
          savedModel = await saveBestModel(net, modelDir, metadata, o.checkpointHook ? () => o.checkpointHook!('best') : undefined);
          emit({ type: 'checkpoint', kind: 'best', path: savedModel, epoch });
        }
      }
      const es = early.step(valLoss);
      const summary: EpochSummary = { epoch: epoch + 1, trainLoss, trainAuc, valLoss, valAuc, lr, seconds };
      loop.history.push(summary);
      logs.metrics.append({ type: 'epoch', ...summary, best, counter: es.counter, nextLr: adam.lr, time: Date.now() / 1000 });
      logs.writeCurves(loop.history);
      logs.flush();
      emit({ type: 'epoch', epoch, epochs: def.epochs, trainLoss, trainAuc, valLoss, valAuc, lr, seconds, best, counter: es.counter });

      Object.assign(loop, freshLoop(loop.logDir), {
        epoch: epoch + 1, bestValAuc: loop.bestValAuc, bestEpoch: loop.bestEpoch, history: loop.history, secondsBefore: loop.secondsBefore,
      });
      if (es.stop) {
        line(`Early stopping after ${es.counter} iterations without the decrease of the val loss`);
        status = 'early-stopped';
        break;
      }
      if (loop.epoch < def.epochs) {
        if (o.signal?.aborted) {
          const s = totalSeconds();
          loop.secondsBefore = s;
          await writeResume();
          line(`interrupted after epoch ${epoch + 1}; resume checkpoint written to ${resumePath}`);
          emit({ type: 'end', status: 'interrupted', seconds: s });
          return result('interrupted', resumePath, s);
        }
        // Refresh the resume point every epoch: a killed process loses at most one epoch.
        const secondsBefore = loop.secondsBefore;
        loop.secondsBefore = totalSeconds();
        await writeResume();
        loop.secondsBefore = secondsBefore;
      }
    }
    const seconds = totalSeconds();
    line(`training took ${seconds.toFixed(2)} s`);
    logs.metrics.append({ type: 'end', status, bestValAuc: loop.bestValAuc, bestEpoch: loop.bestEpoch, seconds, time: Date.now() / 1000 });
    await rm(resumePath, { force: true });
    emit({ type: 'end', status, seconds });
    return result(status, null, seconds);
  } finally {
    await Promise.all(loaders.map((l) => l.close()));
    await stepper?.dispose();
    logs?.close();
    adam?.dispose();
    net.dispose();
  }
}

function recordStep(logs: RunLogs, phase: 'train' | 'valid', epoch: number, i: number, n: number, out: StepOutput, auc: number, lr: number, item: ExamItem): void {
  const { loss, probability } = out;
  const prefix = phase === 'train' ? 'Train' : 'Val';
  const step = epoch * n + i;
  logs.events.addScalar(`${prefix}/Loss`, loss, step);
  logs.events.addScalar(`${prefix}/AUC`, auc, step);
  logs.metrics.append({ type: 'step', phase, epoch: epoch + 1, step: i, globalStep: step, id: item.id, label: item.label, loss, probability, auc, lr });
}
