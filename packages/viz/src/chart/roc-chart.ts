import { z } from 'zod';
import type { Colour } from '../canvas/colour.js';
import { VizRangeError } from '../errors.js';
import { parseOptions } from '../options.js';
import { lineChart, TAB10, type LineChart, type Marker, type Series } from './line-chart.js';

/**
 * A point marked on a ROC curve: an operating threshold and where it lands.
 *
 * @example
 * ```ts
 * import type { RocPoint } from '@mrnet/viz';
 * const p: RocPoint = { fpr: 0.2, tpr: 0.85, label: 'Youden threshold (train)' };
 * ```
 */
export interface RocPoint {
  fpr: number;
  tpr: number;
  /** What the point is; one marker shape (and legend entry) per distinct label. */
  label: string;
}

/**
 * One curve of a {@link rocChart}.
 *
 * @example
 * ```ts
 * import type { RocSeries } from '@mrnet/viz';
 * const s: RocSeries = { name: 'sagittal', fpr: [0, 0, 1], tpr: [0, 1, 1], auc: 1, points: [{ fpr: 0, tpr: 1, label: '0.5' }] };
 * ```
 */
export interface RocSeries {
  /** Legend name; the AUC is appended when given. */
  name: string;
  /** False-positive rates, from 0 to 1 (e.g. `rocCurve(…).fpr` of `@mrnet/metrics`). */
  fpr: readonly number[];
  /** True-positive rates, same length. */
  tpr: readonly number[];
  /** Area under the curve, printed in the legend. Default none. */
  auc?: number;
  /** Colour. Default the next of {@link TAB10}. */
  colour?: Colour;
  /** Operating points on this curve. Default none. */
  points?: readonly RocPoint[];
}

/**
 * Options of {@link rocChart}.
 *
 * @example
 * ```ts
 * import { rocChart, type RocChartOptions } from '@mrnet/viz';
 * const options: RocChartOptions = { title: 'ACL: validation ROC', curves: [{ name: 'stack', fpr: [0, 0.1, 1], tpr: [0, 0.8, 1] }] };
 * rocChart(options);
 * ```
 */
export interface RocChartOptions {
  /** The curves, drawn in order: each later one thinner and with a different dash, so that curves that coincide all stay visible. */
  curves: readonly RocSeries[];
  title?: string;
  /** Default 600. */
  width?: number;
  /** Default 560. */
  height?: number;
  /** Draw the chance diagonal. Default true. */
  chance?: boolean;
}

/** Dash patterns by draw order: solid under everything, then ever finer dashes on top. */
const DASHES: readonly (readonly number[])[] = [[], [9, 4], [3, 3], [10, 3, 2, 3], [1.5, 2.5], [6, 2, 2, 2, 2, 2]];
const SHAPES = ['circle', 'diamond', 'square'] as const;

const finite = z.number().finite();
const rate = finite.min(0).max(1);
const schema = z
  .object({
    curves: z
      .array(
        z
          .object({
            name: z.string(),
            fpr: z.array(rate).min(2),
            tpr: z.array(rate).min(2),
            auc: finite.optional(),
            colour: z.custom<Colour>((v) => typeof v === 'string' || Array.isArray(v), 'expected a colour').optional(),
            points: z.array(z.object({ fpr: rate, tpr: rate, label: z.string() }).strict()).default([]),
          })
          .strict(),
      )
      .min(1),
    title: z.string().optional(),
    width: z.number().int().min(200).default(600),
    height: z.number().int().min(200).default(560),
    chance: z.boolean().default(true),
  })
  .strict();

/**
 * ROC curves as scikit-learn's `RocCurveDisplay` draws them — false-positive rate across, true-
 * positive rate up, equal axes on [0, 1], the chance diagonal, `name (AUC = 0.912)` in the legend —
 * with two additions a reader needs: operating points marked on each curve (one marker shape per
 * kind of point, e.g. the 0.5 threshold and Youden's J threshold, in the legend), and curves that
 * coincide kept visible: each later curve is drawn thinner and with its own dash pattern over the
 * earlier ones, so a curve hidden under another still shows at its edges and between the dashes.
 *
 * @example
 * ```ts
 * import { rocCurve } from '@mrnet/metrics';
 * import { rocChart } from '@mrnet/viz';
 * import { renderPng } from '@mrnet/viz/node';
 * const c = rocCurve([0, 0, 1, 1, 0, 1], [0.1, 0.4, 0.35, 0.8, 0.2, 0.9]);
 * const fig = rocChart({ title: 'validation ROC', curves: [{ name: 'sagittal', fpr: c.fpr, tpr: c.tpr, auc: 0.89 }] });
 * writeFileSync('roc.png', renderPng(fig, { scale: 2 }));
 * ```
 */
export function rocChart(options: RocChartOptions): LineChart {
  const o = parseOptions('rocChart', schema, options);
  o.curves.forEach((c, i) => {
    if (c.fpr.length !== c.tpr.length) throw new VizRangeError(`rocChart: curves[${i}] (${c.name}) has ${c.fpr.length} fpr but ${c.tpr.length} tpr values`);
  });
  const n = o.curves.length;
  const colours = o.curves.map((c, i) => c.colour ?? TAB10[i % TAB10.length]!);
  const series: Series[] = o.curves.map((c, i) => ({
    name: c.auc === undefined ? c.name : `${c.name} (AUC = ${c.auc.toFixed(3)})`,
    points: c.fpr.map((x, k) => [x, c.tpr[k]!] as const),
    colour: colours[i]!,
    dash: DASHES[i % DASHES.length]!,
    lineWidth: n === 1 ? 2 : 1.5 + (2.5 * (n - 1 - i)) / (n - 1),
    markers: false,
  }));
  if (o.chance) series.push({ name: 'chance (AUC = 0.5)', points: [[0, 0], [1, 1]], colour: '#999999', dash: [4, 4], lineWidth: 1, markers: false });
  const labels = [...new Set(o.curves.flatMap((c) => c.points.map((p) => p.label)))];
  const markers: Marker[] = o.curves.flatMap((c, i) =>
    c.points.map((p) => {
      const k = labels.indexOf(p.label);
      return { x: p.fpr, y: p.tpr, shape: SHAPES[k % SHAPES.length]!, colour: colours[i]!, filled: k < SHAPES.length, legend: p.label };
    }),
  );
  return lineChart({
    width: o.width,
    height: o.height,
    ...(o.title !== undefined ? { title: o.title } : {}),
    xLabel: 'False positive rate (1 − specificity)',
    yLabel: 'True positive rate (sensitivity)',
    xRange: [-0.01, 1.01],
    yRange: [-0.01, 1.01],
    equalAspect: true,
    legendLocation: 'lower right',
    series: series.length > n ? [series[n]!, ...series.slice(0, n)] : series,
    markers,
  });
}
