import { npRound } from '../../loop/round.js';
import { formatEpochLine, formatTrainStepLine, formatValidStepLine } from '../../loop/train-events.js';
import type { TrainHandler } from '../handler.js';

const VALID_LOG_EVERY = 20; // the seed's evaluate_model default

/**
 * The seed's console lines, as `line` events: a training line every `logEvery` exams, a validation
 * line every 20, the epoch summary (`epoch 3/50 | train loss : … | elapsed time … s`) and a rule,
 * and the run's duration at the end. How they are shown (and the periodic progress lines off a
 * terminal) is up to the `onProgress` consumer, e.g. {@link ProgressDisplay}.
 *
 * @example
 * ```ts
 * import { consoleHandler, type TrainHandler } from '@mrnet/train';
 * const handlers: TrainHandler[] = [consoleHandler()]; // one of trainPlaneModel's default handlers
 * ```
 */
export function consoleHandler(): TrainHandler {
  return {
    name: 'console',
    onStep(ctx, s) {
      const train = s.phase === 'train';
      if (s.index % (train ? ctx.def.logEvery : VALID_LOG_EVERY) !== 0 || s.index === 0) return;
      const format = train ? formatTrainStepLine : formatValidStepLine;
      ctx.line(format({ epoch: s.epoch, epochs: ctx.def.epochs, step: s.index, steps: s.steps, meanLoss: s.meanLoss, auc: npRound(s.auc), lr: s.lr }));
    },
    onEpochEnd(ctx, e) {
      ctx.line(formatEpochLine({ ...e, epochs: ctx.def.epochs }));
      ctx.line('-'.repeat(30));
    },
    onEnd(ctx, _status, seconds) {
      ctx.line(`training took ${seconds.toFixed(2)} s`);
    },
  };
}
