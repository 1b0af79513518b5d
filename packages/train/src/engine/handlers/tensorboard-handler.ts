import { EventFileWriter } from '../../tensorboard/event-file-writer.js';
import type { TrainHandler } from '../handler.js';

/**
 * Writes the seed's TensorBoard scalars to an event file in `dir`: `Train/Loss`, `Train/AUC` at
 * step `epoch·n_train + i`, `Val/Loss`, `Val/AUC` at `epoch·n_valid + i`, and `Train/AUC_epoch`,
 * `Val/AUC_epoch` with the seed's 0-based epoch as step.
 *
 * @example
 * ```ts
 * import { tensorBoardHandler, trainPlaneModel } from '@mrnet/train';
 * // The default handlers already include it; a second copy could log elsewhere:
 * await trainPlaneModel({ dataRoot: 'data', task: 'acl', plane: 'axial', pretrained: 'none', handlers: [tensorBoardHandler('tb-copy')] });
 * ```
 */
export function tensorBoardHandler(dir: string): TrainHandler {
  let events: EventFileWriter | undefined;
  return {
    name: 'tensorboard',
    onStart() {
      events = new EventFileWriter(dir, { maxQueue: 50 });
    },
    onStep(_ctx, s) {
      const prefix = s.phase === 'train' ? 'Train' : 'Val';
      const step = s.epoch * s.steps + s.index;
      events!.addScalar(`${prefix}/Loss`, s.loss, step);
      events!.addScalar(`${prefix}/AUC`, s.auc, step);
    },
    onPhaseEnd(ctx, phase, auc) {
      events!.addScalar(phase === 'train' ? 'Train/AUC_epoch' : 'Val/AUC_epoch', auc, ctx.loop.epoch);
    },
    flush() {
      events?.flush();
    },
    close() {
      events?.close();
    },
  };
}
