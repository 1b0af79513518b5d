import type { Loader } from '@mrnet/data/node';
import { RunningAuc } from '@mrnet/metrics';
import type { LoopState } from '../checkpoint/resume-state.js';
import { mean, npRound } from '../loop/round.js';
import type { TrainStatus } from '../loop/train-events.js';
import type { EpochEndRecord, TrainContext, TrainHandler } from './handler.js';

/** How a run of the engine ended. @internal */
export interface EngineOutcome {
  status: TrainStatus;
  seconds: number;
}

/** Resets the per-epoch part of the loop state (keeps best, history, log folder, time). @internal */
export function freshLoop(logDir: string): LoopState {
  return {
    epoch: 0, phase: 'train', step: 0, trainLosses: [], trainSeen: { yTrue: [], yScore: [] }, trainResult: null,
    validLosses: [], validSeen: { yTrue: [], yScore: [] }, bestValAuc: 0, bestEpoch: 0, history: [], logDir, secondsBefore: 0, epochSecondsBefore: 0,
  };
}

function runningAuc(seen: { yTrue: number[]; yScore: number[] }): RunningAuc {
  const auc = new RunningAuc();
  seen.yTrue.forEach((y, i) => auc.push(y, seen.yScore[i]!));
  return auc;
}

/**
 * The training loop, and nothing else: per epoch the training phase (one {@link trainStep} per
 * exam: forward, loss, backward, Adam update), then the validation phase ({@link evalStep}), then
 * the epoch's rounded figures; it emits the `TrainEvent`s and calls the handlers, which do
 * everything else (logs, checkpoints, LR schedule, early stopping, console). One interrupt path:
 * whenever `signal` is aborted after a step or between epochs, the handlers' `onInterrupt` runs
 * (the checkpoint handler writes the resume file, the metrics handler an `interrupt` line).
 * @internal
 */
export async function runEngine(ctx: TrainContext, handlers: readonly TrainHandler[], loaders: { train: Loader; valid: Loader }, signal: AbortSignal | undefined): Promise<EngineOutcome> {
  const { loop, def } = ctx;
  const fire = async <K extends keyof TrainHandler>(hook: K, ...args: unknown[]): Promise<void> => {
    for (const h of handlers) {
      const f = h[hook] as ((...a: unknown[]) => unknown) | undefined;
      if (f) await f.call(h, ctx, ...args);
    }
  };
  let stopReason: string | null = null;
  (ctx as { requestStop: (r: string) => void }).requestStop = (r) => {
    stopReason = r;
  };
  let epochStart = performance.now();
  const epochSeconds = (): number => (performance.now() - epochStart) / 1000;
  const interrupt = async (midEpoch: boolean): Promise<EngineOutcome> => {
    if (midEpoch) loop.epochSecondsBefore = epochSeconds();
    loop.secondsBefore = ctx.totalSeconds();
    await fire('onInterrupt');
    ctx.emit({ type: 'end', status: 'interrupted', seconds: loop.secondsBefore });
    return { status: 'interrupted', seconds: loop.secondsBefore };
  };

  let status: TrainStatus = 'completed';
  while (loop.epoch < def.epochs) {
    const epoch = loop.epoch;
    const lr = ctx.adam.lr;
    let validResult: { loss: number; auc: number } | undefined;
    epochStart = performance.now() - loop.epochSecondsBefore * 1000;
    for (const phase of ['train', 'valid'] as const) {
      if (phase === 'train' && loop.phase !== 'train') continue; // resumed in the validation phase
      const train = phase === 'train';
      const losses = train ? loop.trainLosses : loop.validLosses;
      const seen = train ? loop.trainSeen : loop.validSeen;
      const steps = train ? ctx.trainSize : ctx.validSize;
      const auc = runningAuc(seen);
      for await (const s of (train ? loaders.train : loaders.valid).epoch(epoch)) {
        if (s.index < loop.step) continue; // done before the interruption
        const exam = s.item.paths[ctx.def.plane];
        const out = train ? await ctx.stepper.train(s.volume, s.item.label, s.item.weight, exam) : await ctx.stepper.eval(s.volume, s.item.label, s.item.weight, exam);
        losses.push(out.loss);
        seen.yTrue.push(s.item.label);
        seen.yScore.push(out.probability);
        const a = auc.push(s.item.label, out.probability);
        loop.step = s.index + 1;
        const meanLoss = npRound(mean(losses));
        ctx.emit({ type: 'step', phase, epoch, epochs: def.epochs, step: s.index, steps, loss: out.loss, meanLoss, auc: a, lr, elapsed: epochSeconds() });
        await fire('onStep', { phase, epoch, index: s.index, steps, item: s.item, loss: out.loss, probability: out.probability, auc: a, meanLoss, lr });
        if (signal?.aborted) return interrupt(true);
      }
      await fire('onPhaseEnd', phase, auc.value());
      if (train) {
        loop.trainResult = { loss: npRound(mean(loop.trainLosses)), auc: npRound(auc.value()) };
        loop.phase = 'valid';
        loop.step = 0;
      } else {
        validResult = { loss: npRound(mean(loop.validLosses)), auc: npRound(auc.value()) };
      }
    }

    // End of epoch, in the seed's order: figures, scheduler, best model, early stopping, logs.
    const { loss: trainLoss, auc: trainAuc } = loop.trainResult!;
    const { loss: valLoss, auc: valAuc } = validResult!;
    const seconds = epochSeconds();
    const record: EpochEndRecord = { epoch: epoch + 1, trainLoss, trainAuc, valLoss, valAuc, lr, seconds, best: valAuc > loop.bestValAuc, counter: 0 };
    if (record.best) {
      loop.bestValAuc = valAuc;
      loop.bestEpoch = epoch + 1;
    }
    loop.history.push({ epoch: epoch + 1, trainLoss, trainAuc, valLoss, valAuc, lr, seconds });
    await fire('onEpochEnd', record);
    await ctx.flush();
    ctx.emit({ type: 'epoch', epoch, epochs: def.epochs, trainLoss, trainAuc, valLoss, valAuc, lr, seconds, best: record.best, counter: record.counter });

    Object.assign(loop, freshLoop(loop.logDir), {
      epoch: epoch + 1, bestValAuc: loop.bestValAuc, bestEpoch: loop.bestEpoch, history: loop.history, secondsBefore: loop.secondsBefore,
    });
    if (stopReason !== null) {
      ctx.line(stopReason);
      status = 'early-stopped';
      break;
    }
    if (loop.epoch < def.epochs) {
      if (signal?.aborted) return interrupt(false);
      await fire('onResumePoint');
    }
  }
  const seconds = ctx.totalSeconds();
  await fire('onEnd', status, seconds);
  ctx.emit({ type: 'end', status, seconds });
  return { status, seconds };
}
