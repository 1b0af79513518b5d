import { pyRepr } from '../../loop/train-events.js';
import type { TrainHandler } from '../handler.js';

/**
 * Steps the plateau scheduler (`ctx.scheduler`, when `lrScheduler`) on the rounded val loss at the
 * end of each epoch, and prints PyTorch's line when it lowers the learning rate.
 *
 * @example
 * ```ts
 * import { lrScheduleHandler, type TrainHandler } from '@mrnet/train';
 * const handlers: TrainHandler[] = [lrScheduleHandler()]; // one of trainPlaneModel's default handlers
 * ```
 */
export function lrScheduleHandler(): TrainHandler {
  return {
    name: 'lr-schedule',
    onEpochEnd(ctx, e) {
      const s = ctx.scheduler;
      if (!s) return;
      const before = ctx.adam.lr;
      const after = s.step(e.valLoss);
      if (after !== before) ctx.line(`Epoch ${s.lastEpoch}: reducing learning rate to ${pyRepr(after)}.`);
    },
  };
}
