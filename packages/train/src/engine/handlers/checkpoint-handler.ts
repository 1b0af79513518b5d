import { rm } from 'node:fs/promises';
import { planeModelDir } from '@mrnet/options/node';
import { saveBestModel } from '../../checkpoint/best-model.js';
import { saveResumeState } from '../../checkpoint/resume-state.js';
import { TRAIN_PACKAGE_VERSION } from '../../loop/version.js';
import type { TrainContext, TrainHandler } from '../handler.js';

/**
 * Checkpoints, both kinds: the **best model** (`{modelsDir}/{task}/{plane}/`, replaced atomically
 * whenever val AUC strictly improves, with its metadata — input normalisation included) when
 * `saveModel`, and the **resume checkpoint** (`{modelsDir}/{task}/{plane}.resume`) between epochs
 * and on interruption, removed when the run ends. Every write is atomic, so a failure (a full
 * disk) leaves the previous best model and resume file as they were.
 *
 * @example
 * ```ts
 * import { checkpointHandler, type TrainHandler } from '@mrnet/train';
 * const handlers: TrainHandler[] = [checkpointHandler()]; // one of trainPlaneModel's default handlers
 * ```
 */
export function checkpointHandler(): TrainHandler {
  const writeResume = async (ctx: TrainContext): Promise<void> => {
    await ctx.flush();
    await saveResumeState(
      ctx.resumePath,
      { definition: ctx.def as unknown as Record<string, unknown>, loop: ctx.loop, net: ctx.net, adam: ctx.adam, scheduler: ctx.scheduler?.toJSON() ?? null, earlyStopping: ctx.early.toJSON() },
      ctx.checkpointHook ? () => ctx.checkpointHook!('resume') : undefined,
    );
    ctx.emit({ type: 'checkpoint', kind: 'resume', path: ctx.resumePath, epoch: ctx.loop.epoch });
  };
  return {
    name: 'checkpoint',
    async onEpochEnd(ctx, e) {
      const { def } = ctx;
      if (!e.best || !def.saveModel) return;
      const metadata = {
        task: def.task, plane: def.plane, inputNormalisation: def.intensity, bestEpoch: e.epoch, trainAuc: e.trainAuc, valAuc: e.valAuc, trainLoss: e.trainLoss, valLoss: e.valLoss,
        lr: e.lr, seed: def.seed, pretrained: def.pretrained, augment: def.augment, trainPackageVersion: TRAIN_PACKAGE_VERSION, savedAt: new Date().toISOString(),
      };
      const dir = planeModelDir(def.modelsDir, def.task, def.plane);
      const saved = await saveBestModel(ctx.net, dir, metadata, ctx.checkpointHook ? () => ctx.checkpointHook!('best') : undefined);
      ctx.emit({ type: 'checkpoint', kind: 'best', path: saved, epoch: e.epoch - 1 });
    },
    async onResumePoint(ctx) {
      // Refresh the resume point every epoch: a killed process loses at most one epoch. The
      // stored time is that of the whole run up to here.
      const secondsBefore = ctx.loop.secondsBefore;
      ctx.loop.secondsBefore = ctx.totalSeconds();
      try {
        await writeResume(ctx);
      } finally {
        ctx.loop.secondsBefore = secondsBefore;
      }
    },
    async onInterrupt(ctx) {
      await writeResume(ctx);
      const { loop } = ctx;
      const where = loop.phase === 'train' && loop.step === 0 ? `after epoch ${loop.epoch}` : `at epoch ${loop.epoch + 1}, ${loop.phase} step ${loop.step}`;
      ctx.line(`interrupted ${where}; resume checkpoint written to ${ctx.resumePath}`);
    },
    async onEnd(ctx) {
      await rm(ctx.resumePath, { force: true });
    },
  };
}
