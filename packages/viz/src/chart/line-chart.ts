import { z } from 'zod';
import type { Colour } from '../canvas/colour.js';
import { VizRangeError } from '../errors.js';
import { parseOptions } from '../options.js';
import { n2, paint, svgDocument, svgText, textWidth, type Figure } from '../svg/svg.js';
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
  /** Legend entry (any Unicode: `σ`, `−`, `é` print as themselves). */
  name: string;
  /** `[x, y]` points, drawn in order; all finite. */
  points: ReadonlyArray<readonly [number, number]>;
  /** Line colour. Default: the next of matplotlib's `tab10` colours. */
  colour?: Colour;
  /** Draw dashed (dash 6, gap 4 × line width). Default false. Ignored when `dash` is given. */
  dashed?: boolean;
  /** SVG dash pattern in pixels, e.g. `[8, 3, 2, 3]`; empty for solid. Default solid (or `dashed`). */
  dash?: readonly number[];
  /** Line width in pixels. Default 1.75 (matplotlib's 1.5 pt at 100 dpi, a little heavier). */
  lineWidth?: number;
  /** Mark each point with a dot. Default: when the series has at most 40 points. */
  markers?: boolean;
}

/**
 * A point marked on a {@link lineChart}, e.g. an operating point on a ROC curve.
 *
 * @example
 * ```ts
 * import { lineChart, type Marker } from '@mrnet/viz';
 * const m: Marker = { x: 0.2, y: 0.8, shape: 'diamond', colour: '#1f77b4', legend: 'Youden (train)' };
 * lineChart({ series: [{ name: 'ROC', points: [[0, 0], [0.2, 0.8], [1, 1]] }], markers: [m] });
 * ```
 */
export interface Marker {
  x: number;
  y: number;
  /** Default `'circle'`. */
  shape?: 'circle' | 'diamond' | 'square';
  /** Edge colour. Default black. */
  colour?: Colour;
  /** Filled (true) or hollow. Default true. */
  filled?: boolean;
  /** Legend text for this shape (one legend entry per distinct text, drawn in black). Default none. */
  legend?: string;
}

/**
 * Options of {@link lineChart}.
 *
 * @example
 * ```ts
 * import { lineChart, type LineChartOptions } from '@mrnet/viz';
 * const options: LineChartOptions = { title: 'loss', series: [{ name: 'train', points: [[1, 0.7], [2, 0.5], [3, 0.4]] }], xLabel: 'epoch' };
 * const svg = lineChart(options).svg;
 * ```
 */
export interface LineChartOptions {
  /** Figure width in pixels. Default 640. */
  width?: number;
  /** Figure height in pixels. Default 400. */
  height?: number;
  /** Title above the plot. Default none. */
  title?: string;
  /** The lines, drawn in order (later ones on top). At least one. */
  series: readonly Series[];
  /** Points marked over the lines. Default none. */
  markers?: readonly Marker[];
  /** Label under the x axis. Default none. */
  xLabel?: string;
  /** Label left of the y axis (drawn vertically). Default none. */
  yLabel?: string;
  /** Fixed y axis range `[min, max]`; lines are clipped to it. Default: the data's extent plus 5% each side, as matplotlib. */
  yRange?: readonly [number, number];
  /** Fixed x axis range. Default: the data's extent plus 5% each side. */
  xRange?: readonly [number, number];
  /** Make one x unit as long as one y unit (ROC curves). Default false. */
  equalAspect?: boolean;
  /** Tick-label font size in px (labels 1.1×, title 1.25×). Default 12 when width ≥ 480, else 10. */
  fontSize?: number;
  /** Draw the legend. Default true. */
  legend?: boolean;
  /** Where the legend goes; `'best'` picks the corner the lines cross least, as matplotlib. Default `'best'`. */
  legendLocation?: 'best' | 'upper right' | 'upper left' | 'lower left' | 'lower right';
  /** Light grid lines at the ticks. Default true. */
  grid?: boolean;
  /** Background colour. Default white. */
  background?: Colour;
}

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
 * What {@link lineChart} returns: the SVG figure, its plot area, and the SVG body without the
 * document wrapper (to place several charts in one figure).
 *
 * @example
 * ```ts
 * import { lineChart, type LineChart } from '@mrnet/viz';
 * const c: LineChart = lineChart({ series: [{ name: 'auc', points: [[1, 0.6], [2, 0.8]] }] });
 * console.log(c.width, c.height, c.plotArea, c.svg.length);
 * ```
 */
export interface LineChart extends Figure {
  plotArea: PlotArea;
  /** The chart's elements (a `<g>`), for composing figures. */
  body: string;
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
      .array(
        z
          .object({
            name: z.string(),
            points: z.array(point),
            colour: colour.optional(),
            dashed: z.boolean().default(false),
            dash: z.array(z.number().finite().nonnegative()).optional(),
            lineWidth: z.number().finite().positive().default(1.75),
            markers: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1),
    markers: z
      .array(
        z
          .object({
            x: finite,
            y: finite,
            shape: z.enum(['circle', 'diamond', 'square']).default('circle'),
            colour: colour.default('black'),
            filled: z.boolean().default(true),
            legend: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
    xLabel: z.string().optional(),
    yLabel: z.string().optional(),
    yRange: range.optional(),
    xRange: range.optional(),
    equalAspect: z.boolean().default(false),
    fontSize: z.number().finite().min(4).max(64).optional(),
    legend: z.boolean().default(true),
    legendLocation: z.enum(['best', 'upper right', 'upper left', 'lower left', 'lower right']).default('best'),
    grid: z.boolean().default(true),
    background: colour.default('white'),
  })
  .strict();

/**
 * matplotlib's default colour cycle (`tab10`), which readers of the field's figures expect.
 *
 * @example
 * ```ts
 * import { TAB10 } from '@mrnet/viz';
 * TAB10[0]; // '#1f77b4'
 * ```
 */
export const TAB10 = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'] as const;

/**
 * Draws a line chart as SVG, laid out like a matplotlib figure: a framed axes box with outward
 * ticks and numeric tick labels, light grid, one polyline per series (solid, dashed or any dash
 * pattern; dots at the points when there are few), optional markers (operating points), a title,
 * axis labels and a framed legend placed where the lines cross least. All text is real type
 * ({@link FONT_FAMILY}), so any Unicode prints. Render it to PNG with `renderPng` from
 * `@mrnet/viz/node`, or put `svg` in a page.
 *
 * @returns The figure; its plot area is in `chart.plotArea`.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { lineChart } from '@mrnet/viz';
 * import { renderPng } from '@mrnet/viz/node';
 * const chart = lineChart({
 *   title: 'ACL sagittal', xLabel: 'epoch', yLabel: 'loss',
 *   series: [
 *     { name: 'train', points: [[1, 0.69], [2, 0.61], [3, 0.55]] },
 *     { name: 'valid', points: [[1, 0.70], [2, 0.66], [3, 0.64]] },
 *   ],
 * });
 * writeFileSync('loss.svg', chart.svg);
 * writeFileSync('loss.png', renderPng(chart));
 * ```
 */
export function lineChart(options: LineChartOptions): LineChart {
  return lineChartIn(options, 'c');
}

type Parsed = z.output<typeof schema>;

/** {@link lineChart} with a prefix for the SVG ids (unique when several charts share a document). Internal. */
export function lineChartIn(options: LineChartOptions, id: string): LineChart {
  const o: Parsed = parseOptions('lineChart', schema, options);
  const f = o.fontSize ?? (o.width >= 480 ? 12 : 10);
  const fl = 1.1 * f;
  const ft = 1.25 * f;
  const pad = 0.5 * f;
  const tick = 0.35 * f;

  const xs = [...o.series.flatMap((s) => s.points.map((p) => p[0])), ...o.markers.map((m) => m.x)];
  const ys = [...o.series.flatMap((s) => s.points.map((p) => p[1])), ...o.markers.map((m) => m.y)];
  const integerX = xs.length > 0 && xs.every(Number.isInteger);
  // Like matplotlib: automatic limits are the data's extent plus a 5% margin, ticks fall inside.
  const [x0, x1] = o.xRange ?? withMargin(extent(xs));
  const [y0, y1] = o.yRange ?? withMargin(extent(ys));
  const within = (lo: number, hi: number) => (t: { value: number }) => t.value >= lo - 1e-12 * (hi - lo) && t.value <= hi + 1e-12 * (hi - lo);
  const xTicksIn = niceTicks(x0, x1, o.width >= 480 ? 8 : 5, integerX && o.xRange === undefined).filter(within(x0, x1));
  const yTicksIn = niceTicks(y0, y1, o.height >= 300 ? 6 : 4).filter(within(y0, y1));
  const label = (s: string) => s.replace(/^-/, '−'); // a real minus sign, as matplotlib prints

  const yLabelWidth = Math.max(...yTicksIn.map((t) => textWidth(label(t.label), f)));
  const left = pad + (o.yLabel ? fl + pad : 0) + yLabelWidth + tick + pad;
  const top = o.title ? 2 * pad + ft : 2 * pad;
  const bottom = tick + pad + f + (o.xLabel ? pad + fl : 0) + pad;
  const right = 2 * pad + textWidth(xTicksIn.at(-1)?.label ?? '', f) / 2;
  let area: PlotArea = { x: left, y: top, width: o.width - left - right, height: o.height - top - bottom };
  if (o.equalAspect) {
    const unit = Math.min(area.width / (x1 - x0), area.height / (y1 - y0));
    const w = unit * (x1 - x0);
    const h = unit * (y1 - y0);
    area = { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
  }
  area = { x: Math.round(area.x), y: Math.round(area.y), width: Math.round(area.width), height: Math.round(area.height) };
  if (area.width < 20 || area.height < 20) {
    throw new VizRangeError(`lineChart: ${o.width}×${o.height} leaves no room for the plot (font size ${f}); make it larger`);
  }
  const px = (x: number) => area.x + ((x - x0) / (x1 - x0)) * area.width;
  const py = (y: number) => area.y + area.height - ((y - y0) / (y1 - y0)) * area.height;
  const out: string[] = [];

  if (o.grid) {
    const grid = [
      ...yTicksIn.map((t) => `M${n2(area.x)} ${n2(py(t.value))}H${n2(area.x + area.width)}`),
      ...xTicksIn.map((t) => `M${n2(px(t.value))} ${n2(area.y)}V${n2(area.y + area.height)}`),
    ];
    out.push(`<path d="${grid.join('')}" stroke="#e6e6e6" stroke-width="0.8" fill="none"/>`);
  }

  // series and markers, clipped to the plot area
  const colours = o.series.map((s, i) => s.colour ?? TAB10[i % TAB10.length]!);
  const dashOf = (s: Parsed['series'][number]) => s.dash ?? (s.dashed ? [6 * s.lineWidth, 4 * s.lineWidth] : []);
  out.push(`<clipPath id="${id}-clip"><rect x="${area.x}" y="${area.y}" width="${area.width}" height="${area.height}"/></clipPath>`);
  out.push(`<g clip-path="url(#${id}-clip)" fill="none" stroke-linejoin="round" stroke-linecap="butt">`);
  o.series.forEach((s, i) => {
    if (s.points.length === 0) return;
    const d = s.points.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${n2(px(x))} ${n2(py(y))}`).join('');
    const dash = dashOf(s);
    out.push(`<path d="${d}" ${paint('stroke', colours[i]!)} stroke-width="${n2(s.lineWidth)}"${dash.length ? ` stroke-dasharray="${dash.map(n2).join(' ')}"` : ''}/>`);
    if (s.markers ?? s.points.length <= 40) {
      const r = n2(1.6 * s.lineWidth);
      out.push(`<g ${paint('fill', colours[i]!)} stroke="none">${s.points.map(([x, y]) => `<circle cx="${n2(px(x))}" cy="${n2(py(y))}" r="${r}"/>`).join('')}</g>`);
    }
  });
  for (const m of o.markers) out.push(markerSvg(m.shape, px(m.x), py(m.y), 0.45 * f, m.colour, m.filled));
  out.push('</g>');

  // frame, ticks, tick labels
  out.push(`<rect x="${area.x}" y="${area.y}" width="${area.width}" height="${area.height}" fill="none" stroke="#000000" stroke-width="0.8"/>`);
  const ticks = [
    ...yTicksIn.map((t) => `M${n2(area.x - tick)} ${n2(py(t.value))}h${n2(tick)}`),
    ...xTicksIn.map((t) => `M${n2(px(t.value))} ${n2(area.y + area.height)}v${n2(tick)}`),
  ];
  out.push(`<path d="${ticks.join('')}" stroke="#000000" stroke-width="0.8"/>`);
  for (const t of yTicksIn) out.push(svgText(area.x - tick - pad / 2, py(t.value), label(t.label), { size: f, anchor: 'end', baseline: 'middle' }));
  for (const t of xTicksIn) out.push(svgText(px(t.value), area.y + area.height + tick + pad / 2, label(t.label), { size: f, anchor: 'middle', baseline: 'hanging' }));

  if (o.title) out.push(svgText(area.x + area.width / 2, pad + 0.8 * ft, o.title, { size: ft, anchor: 'middle' }));
  if (o.xLabel) out.push(svgText(area.x + area.width / 2, o.height - pad - 0.25 * fl, o.xLabel, { size: fl, anchor: 'middle' }));
  if (o.yLabel) out.push(svgText(pad + 0.8 * fl, area.y + area.height / 2, o.yLabel, { size: fl, anchor: 'middle', rotate: -90 }));

  if (o.legend) out.push(legendSvg(o, colours, dashOf, area, px, py, f));
  const body = `<g>\n${out.join('\n')}\n</g>`;
  return { width: o.width, height: o.height, plotArea: area, body, svg: svgDocument(o.width, o.height, body, o.background) };
}

function extent(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (lo === hi) return lo === 0 ? [-1, 1] : [lo - Math.abs(lo) * 0.1, hi + Math.abs(hi) * 0.1];
  return [lo, hi];
}

function withMargin([lo, hi]: [number, number]): [number, number] {
  const m = 0.05 * (hi - lo);
  return [lo - m, hi + m];
}

function markerSvg(shape: 'circle' | 'diamond' | 'square', x: number, y: number, r: number, colour: Colour, filled: boolean): string {
  const style = `${paint('stroke', colour)} stroke-width="1.5" ${filled ? paint('fill', colour) : 'fill="#ffffff"'}`;
  if (shape === 'circle') return `<circle cx="${n2(x)}" cy="${n2(y)}" r="${n2(r)}" ${style}/>`;
  if (shape === 'square') return `<rect x="${n2(x - r * 0.85)}" y="${n2(y - r * 0.85)}" width="${n2(1.7 * r)}" height="${n2(1.7 * r)}" ${style}/>`;
  const k = r * 1.3;
  return `<path d="M${n2(x)} ${n2(y - k)}L${n2(x + k)} ${n2(y)}L${n2(x)} ${n2(y + k)}L${n2(x - k)} ${n2(y)}Z" ${style}/>`;
}

function legendSvg(
  o: Parsed,
  colours: Colour[],
  dashOf: (s: Parsed['series'][number]) => readonly number[],
  area: PlotArea,
  px: (x: number) => number,
  py: (y: number) => number,
  f: number,
): string {
  const shapes = new Map<string, Parsed['markers'][number]>();
  for (const m of o.markers) if (m.legend !== undefined && !shapes.has(m.legend)) shapes.set(m.legend, m);
  const entries = [...o.series.map((s) => s.name), ...shapes.keys()];
  if (entries.length === 0) return '';
  const pad = 0.5 * f;
  const swatch = 2.4 * f;
  const rowH = 1.45 * f;
  const w = pad * 3 + swatch + Math.max(...entries.map((e) => textWidth(e, f)));
  const h = pad * 1.2 + entries.length * rowH;
  const m = pad;
  const boxes: Record<string, [number, number]> = {
    'upper right': [area.x + area.width - w - m, area.y + m],
    'upper left': [area.x + m, area.y + m],
    'lower left': [area.x + m, area.y + area.height - h - m],
    'lower right': [area.x + area.width - w - m, area.y + area.height - h - m],
  };
  let [lx, ly] = boxes[o.legendLocation === 'best' ? 'upper right' : o.legendLocation]!;
  if (o.legendLocation === 'best') {
    // matplotlib's 'best': the candidate box covering the fewest drawn points (lines sampled every 2 px)
    const samples: [number, number][] = o.markers.map((mk) => [px(mk.x), py(mk.y)]);
    for (const s of o.series) {
      for (let k = 0; k + 1 < s.points.length; k++) {
        const [ax, ay] = [px(s.points[k]![0]), py(s.points[k]![1])];
        const [bx, by] = [px(s.points[k + 1]![0]), py(s.points[k + 1]![1])];
        const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / 2));
        for (let j = 0; j <= steps; j++) samples.push([ax + ((bx - ax) * j) / steps, ay + ((by - ay) * j) / steps]);
      }
      if (s.points.length === 1) samples.push([px(s.points[0]![0]), py(s.points[0]![1])]);
    }
    let best = Infinity;
    for (const [bx, by] of Object.values(boxes)) {
      const count = samples.filter(([x, y]) => x >= bx && x <= bx + w && y >= by && y <= by + h).length;
      if (count < best) {
        best = count;
        [lx, ly] = [bx, by];
      }
    }
  }
  const out = [`<rect x="${n2(lx)}" y="${n2(ly)}" width="${n2(w)}" height="${n2(h)}" rx="3" fill="#ffffff" fill-opacity="0.85" stroke="#cccccc" stroke-width="0.8"/>`];
  entries.forEach((name, i) => {
    const cy = ly + pad * 0.6 + (i + 0.5) * rowH;
    const sx = lx + pad;
    if (i < o.series.length) {
      const s = o.series[i]!;
      const dash = dashOf(s);
      out.push(
        `<path d="M${n2(sx)} ${n2(cy)}h${n2(swatch)}" ${paint('stroke', colours[i]!)} stroke-width="${n2(s.lineWidth)}" fill="none"` +
          `${dash.length ? ` stroke-dasharray="${dash.map(n2).join(' ')}"` : ''}/>`,
      );
    } else {
      const mk = shapes.get(name)!;
      out.push(markerSvg(mk.shape, sx + swatch / 2, cy, 0.45 * f, 'black', mk.filled));
    }
    out.push(svgText(sx + swatch + pad, cy, name, { size: f, baseline: 'middle' }));
  });
  return out.join('\n');
}
