import type { TrainHandler } from '../handler.js';

/**
 * The seed's early stopping: a counter incremented each epoch and reset when the val loss strictly
 * improves; the run stops when it reaches `patience` (state in `ctx.early`, saved in resume files).
 *
 * @example
 * ```ts
 * import { earlyStoppingHandler, type TrainHandler } from '@mrnet/train';
 * const handlers: TrainHandler[] = [earlyStoppingHandler()]; // one of trainPlaneModel's default handlers
 * ```
 */
export function earlyStoppingHandler(): TrainHandler {
  return {
    name: 'early-stopping',
    onEpochEnd(ctx, e) {
      const es = ctx.early.step(e.valLoss);
      e.counter = es.counter;
      if (es.stop) ctx.requestStop(`Early stopping after ${es.counter} iterations without the decrease of the val loss`);
    },
  };
}
