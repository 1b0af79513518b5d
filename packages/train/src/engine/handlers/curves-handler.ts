import * as path from 'node:path';
import { writeFileAtomicSync } from '@mrnet/options/node';
import { curvesFigure } from '@mrnet/viz';
import { renderPng } from '@mrnet/viz/node';
import { LogFileError } from '../../errors.js';
import { CURVES_FILE } from '../../loop/run-logs.js';
import type { TrainHandler } from '../handler.js';

/**
 * Rewrites the loss/AUC curves figure (`{dir}/curves.png`) after every epoch, atomically.
 *
 * @example
 * ```ts
 * import { curvesHandler, type TrainHandler } from '@mrnet/train';
 * const handlers: TrainHandler[] = [curvesHandler('logs/acl/sagittal/run', 'acl sagittal')];
 * ```
 */
export function curvesHandler(dir: string, title: string): TrainHandler {
  return {
    name: 'curves',
    onEpochEnd(ctx) {
      const history = ctx.loop.history;
      if (history.length === 0) return;
      const file = path.join(dir, CURVES_FILE);
      try {
        writeFileAtomicSync(file, renderPng(curvesFigure(history, { title })));
      } catch (e) {
        throw new LogFileError(`curvesHandler: cannot write ${file}: ${(e as Error).message}`, file, { cause: e });
      }
    },
  };
}
