import { z } from 'zod';
import { parseOptions } from '../options.js';
import { svgDocument, type Figure } from '../svg/svg.js';
import { lineChartIn } from './line-chart.js';

/**
 * One epoch of training history, as the training loop records it.
 *
 * @example
 * ```ts
 * import { curvesFigure, type EpochRecord } from '@mrnet/viz';
 * const history: EpochRecord[] = [
 *   { epoch: 1, trainLoss: 0.69, valLoss: 0.66, trainAuc: 0.58, valAuc: 0.64 },
 *   { epoch: 2, trainLoss: 0.61, valLoss: 0.63, trainAuc: 0.71, valAuc: 0.70 },
 * ];
 * const svg = curvesFigure(history).svg;
 * ```
 */
export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  trainAuc: number;
  valAuc: number;
}

/**
 * Options of {@link curvesFigure}.
 *
 * @example
 * ```ts
 * import { curvesFigure, type CurvesFigureOptions } from '@mrnet/viz';
 * const options: CurvesFigureOptions = { title: 'acl sagittal', aucRange: [0.5, 1] };
 * const figure = curvesFigure([{ epoch: 1, trainLoss: 0.7, valLoss: 0.7, trainAuc: 0.6, valAuc: 0.55 }], options);
 * ```
 */
export interface CurvesFigureOptions {
  /** Whole figure width (two panels). Default 1000. */
  width?: number;
  /** Figure height. Default 380. */
  height?: number;
  /** Prefix of both panel titles, e.g. `'acl sagittal'`. Default none. */
  title?: string;
  /** y range of the AUC panel. Default `[-0.02, 1.02]` (0 to 1 with a margin, so points at 1 stay whole). */
  aucRange?: readonly [number, number];
}

const finite = z.number().finite();
const historySchema = z
  .array(z.object({ epoch: finite, trainLoss: finite, valLoss: finite, trainAuc: finite, valAuc: finite }))
  .min(1);
const optionsSchema = z
  .object({
    width: z.number().int().min(200).default(1000),
    height: z.number().int().min(100).default(380),
    title: z.string().optional(),
    aucRange: z.tuple([finite, finite]).optional(),
  })
  .strict();

/**
 * Two panels side by side — loss per epoch and AUC per epoch, train (solid) vs valid (dashed) — as
 * the training loop writes them after every epoch, as one SVG {@link Figure}. Extra fields in each
 * record (learning rate…) are ignored.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { curvesFigure } from '@mrnet/viz';
 * import { renderPng } from '@mrnet/viz/node';
 * const history = [
 *   { epoch: 1, trainLoss: 0.69, valLoss: 0.70, trainAuc: 0.55, valAuc: 0.52 },
 *   { epoch: 2, trainLoss: 0.60, valLoss: 0.65, trainAuc: 0.71, valAuc: 0.66 },
 * ];
 * writeFileSync('acl-sagittal-curves.png', renderPng(curvesFigure(history, { title: 'acl sagittal' })));
 * ```
 */
export function curvesFigure(history: readonly EpochRecord[], options: CurvesFigureOptions = {}): Figure {
  const h = parseOptions('curvesFigure', historySchema, history);
  const o = parseOptions('curvesFigure', optionsSchema, options);
  const half = Math.floor(o.width / 2);
  const prefix = o.title ? `${o.title}: ` : '';
  const pick = (k: keyof EpochRecord) => h.map((r) => [r.epoch, r[k]] as [number, number]);
  const loss = lineChartIn(
    {
      width: half,
      height: o.height,
      title: `${prefix}loss`,
      xLabel: 'epoch',
      yLabel: 'loss',
      series: [
        { name: 'train', points: pick('trainLoss') },
        { name: 'valid', points: pick('valLoss'), dashed: true },
      ],
    },
    'loss',
  );
  const auc = lineChartIn(
    {
      width: o.width - half,
      height: o.height,
      title: `${prefix}AUC`,
      xLabel: 'epoch',
      yLabel: 'AUC',
      yRange: o.aucRange ?? [-0.02, 1.02],
      series: [
        { name: 'train', points: pick('trainAuc') },
        { name: 'valid', points: pick('valAuc'), dashed: true },
      ],
    },
    'auc',
  );
  const body = `${loss.body}\n<g transform="translate(${half} 0)">${auc.body}</g>`;
  return { width: o.width, height: o.height, svg: svgDocument(o.width, o.height, body) };
}
