import * as path from 'node:path';
import { MetricsLog } from '../../history/metrics-log.js';
import type { TrainHandler } from '../handler.js';

/**
 * Appends the run to `{dir}/metrics.jsonl`, one JSON object per line: `start` (or `resume`), one
 * `step` per exam, one `epoch` per epoch (with `best`, the early-stopping `counter` and the next
 * learning rate), `interrupt` when the run is interrupted, and `end`. Epochs are 1-based.
 *
 * @example
 * ```ts
 * import { metricsJsonlHandler, trainPlaneModel } from '@mrnet/train';
 * await trainPlaneModel({ dataRoot: 'data', task: 'acl', plane: 'axial', pretrained: 'none', handlers: [metricsJsonlHandler('copy')] });
 * ```
 */
export function metricsJsonlHandler(dir: string): TrainHandler {
  let log: MetricsLog | undefined;
  const now = (): number => Date.now() / 1000;
  return {
    name: 'metrics.jsonl',
    onStart(ctx, resumed) {
      log = new MetricsLog(path.join(dir, 'metrics.jsonl'));
      const { loop, def } = ctx;
      if (resumed) log.append({ type: 'resume', epoch: loop.epoch + 1, phase: loop.phase, step: loop.step, time: now() });
      else log.append({ type: 'start', task: def.task, plane: def.plane, trainSize: ctx.trainSize, validSize: ctx.validSize, options: def, time: now() });
    },
    onStep(_ctx, s) {
      const globalStep = s.epoch * s.steps + s.index;
      log!.append({ type: 'step', phase: s.phase, epoch: s.epoch + 1, step: s.index, globalStep, id: s.item.id, label: s.item.label, loss: s.loss, probability: s.probability, auc: s.auc, lr: s.lr });
    },
    onEpochEnd(ctx, e) {
      log!.append({ type: 'epoch', ...e, nextLr: ctx.adam.lr, time: now() });
    },
    onInterrupt(ctx) {
      const { loop } = ctx;
      log!.append({ type: 'interrupt', epoch: loop.epoch + 1, phase: loop.phase, step: loop.step, time: now() });
    },
    onEnd(ctx, status, seconds) {
      log!.append({ type: 'end', status, bestValAuc: ctx.loop.bestValAuc, bestEpoch: ctx.loop.bestEpoch, seconds, time: now() });
    },
    close() {
      log?.close();
    },
  };
}
