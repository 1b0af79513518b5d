import { z } from 'zod';
import { Canvas } from '../canvas/canvas.js';
import { NAMED_COLOURS, type Colour } from '../canvas/colour.js';
import { VizRangeError } from '../errors.js';
import { GLYPH_ADVANCE, GLYPH_HEIGHT, GLYPH_WIDTH, glyphPixel } from '../font/font5x7.js';
import { parseOptions } from '../options.js';
import { niceTicks } from './ticks.js';

/**
 * One line of a {@link lineChart}.
 *
 * @example
 * ```ts
 * import { lineChart, type Series } from '@mrnet/viz';
 * const val: Series = { name: 'val', points: [[1, 0.72], [2, 0.69]], colour: 'orange', dashed: true };
 * lineChart({ series: [val] });
 * ```
 */
export interface Series {
  /** Legend entry. */
  name: string;
  /** `[x, y]` points, drawn in order; all finite. */
  points: ReadonlyArray<readonly [number, number]>;
  /** Line colour. Default: the next of `series0`…`series5`. */
  colour?: Colour;
  /** Draw as a dashed line. Default false. */
  dashed?: boolean;
}

/**
 * Options of {@link lineChart}.
 *
 * @example
 * ```ts
 * import { lineChart, type LineChartOptions } from '@mrnet/viz';
 * const options: LineChartOptions = { title: 'loss', series: [{ name: 'train', points: [[1, 0.7], [2, 0.5], [3, 0.4]] }], xLabel: 'epoch' };
 * const png = lineChart(options).toPng();
 * ```
 */
export interface LineChartOptions {
  /** Figure width in pixels. Default 640. */
  width?: number;
  /** Figure height in pixels. Default 400. */
  height?: number;
  /** Title above the plot. Default none. */
  title?: string;
  /** The lines. At least one. */
  series: readonly Series[];
  /** Label under the x axis. Default none. */
  xLabel?: string;
  /** Label left of the y axis (drawn vertically). Default none. */
  yLabel?: string;
  /** Fixed y axis range `[min, max]`; lines are clipped to it. Default: nice bounds around the data. */
  yRange?: readonly [number, number];
  /** Fixed x axis range. Default: nice bounds around the data. */
  xRange?: readonly [number, number];
  /** Text size multiplier of the 5×7 font. Default 2 when width ≥ 480, else 1. */
  textScale?: number;
  /** Draw the legend. Default true. */
  legend?: boolean;
  /** Background colour. Default white. */
  background?: Colour;
}

const finite = z.number().finite();
const point = z.tuple([finite, finite]);
const range = z.tuple([finite, finite]).refine(([a, b]) => a < b, 'range must be [min, max] with min < max');
const colour = z.custom<Colour>((v) => typeof v === 'string' || Array.isArray(v), 'expected a colour');
const schema = z
  .object({
    width: z.number().int().min(80).default(640),
    height: z.number().int().min(60).default(400),
    title: z.string().optional(),
    series: z
      .array(z.object({ name: z.string(), points: z.array(point), colour: colour.optional(), dashed: z.boolean().default(false) }).strict())
      .min(1),
    xLabel: z.string().optional(),
    yLabel: z.string().optional(),
    yRange: range.optional(),
    xRange: range.optional(),
    textScale: z.number().int().min(1).max(8).optional(),
    legend: z.boolean().default(true),
    background: colour.default('white'),
  })
  .strict();

const PALETTE = ['series0', 'series1', 'series2', 'series3', 'series4', 'series5'].map((k) => NAMED_COLOURS[k]!);

/**
 * The plot-area rectangle of a chart drawn by {@link lineChart} (pixels), for tests and overlays.
 *
 * @example
 * ```ts
 * import { lineChart, type PlotArea } from '@mrnet/viz';
 * const chart = lineChart({ series: [{ name: 'auc', points: [[1, 0.6], [2, 0.8]] }] });
 * const area: PlotArea = chart.plotArea; // pixel rectangle of the axes' inside
 * console.log(area.x, area.y, area.width, area.height);
 * ```
 */
export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Draws a line chart: axes with numeric tick labels, light grid, one anti-aliased polyline per
 * series (with point markers when a series has ≤ 40 points), a title, axis labels and a legend
 * placed in the plot corner the lines cross least. Used for "loss and AUC per epoch, train vs
 * valid" curves.
 *
 * @returns The figure; its plot area is in `chart.plotArea`.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { lineChart } from '@mrnet/viz';
 * const chart = lineChart({
 *   title: 'ACL sagittal', xLabel: 'epoch', yLabel: 'loss',
 *   series: [
 *     { name: 'train', points: [[1, 0.69], [2, 0.61], [3, 0.55]] },
 *     { name: 'valid', points: [[1, 0.70], [2, 0.66], [3, 0.64]] },
 *   ],
 * });
 * writeFileSync('loss.png', chart.toPng());
 * ```
 */
export function lineChart(options: LineChartOptions): Canvas & { plotArea: PlotArea } {
  const o = parseOptions('lineChart', schema, options);
  const ts = o.textScale ?? (o.width >= 480 ? 2 : 1);
  const th = GLYPH_HEIGHT * ts;
  const pad = 4 * ts;
  const tick = 3 * ts;

  const xs = o.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = o.series.flatMap((s) => s.points.map((p) => p[1]));
  const integerX = xs.length > 0 && xs.every(Number.isInteger);
  const xTicks = niceTicks(...(o.xRange ?? extent(xs)), o.width >= 480 ? 8 : 5, integerX && o.xRange === undefined);
  const yTicks = niceTicks(...(o.yRange ?? extent(ys)), o.height >= 300 ? 6 : 4);
  const [x0, x1] = o.xRange ?? [xTicks[0]!.value, xTicks.at(-1)!.value];
  const [y0, y1] = o.yRange ?? [yTicks[0]!.value, yTicks.at(-1)!.value];
  const xTicksIn = xTicks.filter((t) => t.value >= x0 - 1e-12 && t.value <= x1 + 1e-12);
  const yTicksIn = yTicks.filter((t) => t.value >= y0 - 1e-12 && t.value <= y1 + 1e-12);

  const yLabelWidth = Math.max(...yTicksIn.map((t) => Canvas.measureText(t.label, ts).width));
  const left = pad + (o.yLabel ? th + pad : 0) + yLabelWidth + tick + pad;
  const top = o.title ? pad * 2 + th : pad * 3;
  const bottom = tick + pad + th + (o.xLabel ? pad + th : 0) + pad;
  const right = pad + Math.ceil(Canvas.measureText(xTicksIn.at(-1)?.label ?? '', ts).width / 2);
  const area: PlotArea = { x: left, y: top, width: o.width - left - right, height: o.height - top - bottom };
  if (area.width < 20 || area.height < 20) {
    throw new VizRangeError(`lineChart: ${o.width}×${o.height} leaves no room for the plot (text scale ${ts}); make it larger`);
  }

  const canvas = new Canvas(o.width, o.height, o.background) as Canvas & { plotArea: PlotArea };
  canvas.plotArea = area;
  const px = (x: number) => area.x + ((x - x0) / (x1 - x0)) * area.width;
  const py = (y: number) => area.y + area.height - ((y - y0) / (y1 - y0)) * area.height;

  // grid and ticks
  for (const t of yTicksIn) {
    const y = Math.round(py(t.value));
    canvas.fillRect(area.x, y, area.width, 1, 'lightgrey');
    canvas.fillRect(area.x - tick, y, tick, 1, 'black');
    const w = Canvas.measureText(t.label, ts).width;
    canvas.text(area.x - tick - pad - w, y - Math.floor(th / 2), t.label, 'black', ts);
  }
  for (const t of xTicksIn) {
    const x = Math.round(px(t.value));
    canvas.fillRect(x, area.y, 1, area.height, 'lightgrey');
    canvas.fillRect(x, area.y + area.height, 1, tick, 'black');
    const w = Canvas.measureText(t.label, ts).width;
    canvas.text(x - Math.floor(w / 2), area.y + area.height + tick + pad, t.label, 'black', ts);
  }

  // series, clipped to the plot area by drawing on a transparent layer of its size
  const layer = new Canvas(area.width, area.height, 'transparent');
  const colours = o.series.map((s, i) => s.colour ?? PALETTE[i % PALETTE.length]!);
  const lw = Math.max(1.5, ts);
  o.series.forEach((s, i) => {
    const pts = s.points.map(([x, y]) => [px(x) - area.x, py(y) - area.y] as [number, number]);
    if (s.dashed) {
      for (const seg of dashes(pts, 6 * ts, 4 * ts)) layer.polyline(seg, colours[i]!, { width: lw });
    } else {
      layer.polyline(pts, colours[i]!, { width: lw });
    }
    if (s.points.length <= 40) for (const p of pts) layer.polyline([p], colours[i]!, { width: lw * 2.5 });
  });
  canvas.drawRgba(layer.data, layer.width, layer.height, area.x, area.y);

  // axes
  canvas.fillRect(area.x - 1, area.y, 1, area.height + 1, 'black');
  canvas.fillRect(area.x - 1, area.y + area.height, area.width + 1, 1, 'black');

  // title and labels
  if (o.title) {
    const w = Canvas.measureText(o.title, ts).width;
    canvas.text(Math.round(area.x + (area.width - w) / 2), pad, o.title, 'black', ts);
  }
  if (o.xLabel) {
    const w = Canvas.measureText(o.xLabel, ts).width;
    canvas.text(Math.round(area.x + (area.width - w) / 2), o.height - pad - th, o.xLabel, 'black', ts);
  }
  if (o.yLabel) {
    const w = Canvas.measureText(o.yLabel, ts).width;
    verticalText(canvas, pad, Math.round(area.y + (area.height + w) / 2), o.yLabel, ts);
  }

  if (o.legend) drawLegend(canvas, area, o.series.map((s) => s.name), colours, layer, ts);
  return canvas;
}

function extent(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  return [Math.min(...values), Math.max(...values)];
}

/** Splits a polyline into dash segments of `on` pixels separated by `off`. */
function dashes(pts: [number, number][], on: number, off: number): [number, number][][] {
  const out: [number, number][][] = [];
  let cur: [number, number][] = [];
  let phase = 0; // distance into the current on+off period
  for (let i = 0; i + 1 < pts.length; i++) {
    const [ax, ay] = pts[i]!;
    const [bx, by] = pts[i + 1]!;
    const len = Math.hypot(bx - ax, by - ay);
    let d = 0;
    while (d < len) {
      const drawing = phase < on;
      const step = Math.min(len - d, drawing ? on - phase : on + off - phase);
      const p = (t: number): [number, number] => [ax + ((bx - ax) * t) / len, ay + ((by - ay) * t) / len];
      if (drawing) {
        if (cur.length === 0) cur.push(p(d));
        cur.push(p(d + step));
      }
      d += step;
      phase += step;
      if (drawing && phase >= on && cur.length > 0) {
        out.push(cur);
        cur = [];
      }
      if (phase >= on + off) phase = 0;
    }
  }
  if (cur.length > 1) out.push(cur);
  return out;
}

/** Text rotated 90° counter-clockwise (reading bottom to top), baseline-left at (x, yBottom). */
function verticalText(canvas: Canvas, x: number, yBottom: number, text: string, scale: number): void {
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    for (let col = 0; col < GLYPH_WIDTH; col++) {
      for (let row = 0; row < GLYPH_HEIGHT; row++) {
        if (!glyphPixel(code, col, row)) continue;
        const hx = (k * GLYPH_ADVANCE + col) * scale; // position along the text
        canvas.fillRect(x + row * scale, yBottom - hx - scale, scale, scale, 'black');
      }
    }
  }
}

function drawLegend(canvas: Canvas, area: PlotArea, names: string[], colours: Colour[], layer: Canvas, ts: number): void {
  const th = GLYPH_HEIGHT * ts;
  const pad = 4 * ts;
  const swatch = 8 * ts;
  const rowH = th + pad;
  const w = pad * 3 + swatch + Math.max(...names.map((n) => Canvas.measureText(n, ts).width));
  const h = pad + names.length * rowH;
  const margin = pad;
  const corners = [
    [area.width - w - margin, margin],
    [area.width - w - margin, area.height - h - margin],
    [margin, margin],
    [margin, area.height - h - margin],
  ] as const;
  // choose the corner whose box covers the fewest drawn series pixels
  let best = corners[0];
  let bestCount = Infinity;
  for (const c of corners) {
    let count = 0;
    for (let y = Math.max(0, c[1]); y < Math.min(layer.height, c[1] + h); y++) {
      for (let x = Math.max(0, c[0]); x < Math.min(layer.width, c[0] + w); x++) if (layer.data[(y * layer.width + x) * 4 + 3]! > 0) count++;
    }
    if (count < bestCount) {
      bestCount = count;
      best = c;
    }
  }
  const lx = area.x + best[0];
  const ly = area.y + best[1];
  canvas.fillRect(lx, ly, w, h, [255, 255, 255, 230]);
  canvas.fillRect(lx, ly, w, 1, 'grey');
  canvas.fillRect(lx, ly + h - 1, w, 1, 'grey');
  canvas.fillRect(lx, ly, 1, h, 'grey');
  canvas.fillRect(lx + w - 1, ly, 1, h, 'grey');
  names.forEach((name, i) => {
    const y = ly + pad + i * rowH;
    canvas.fillRect(lx + pad, y + Math.floor(th / 2) - Math.floor(ts / 2), swatch, Math.max(2, ts), colours[i]!);
    canvas.text(lx + pad * 2 + swatch, y, name, 'black', ts);
  });
}
