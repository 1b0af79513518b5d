import { z } from 'zod';
import { Canvas } from '../canvas/canvas.js';
import { niceTicks } from '../chart/ticks.js';
import { COLORMAP_NAMES, colormap, type ColormapName } from '../colour/colormap.js';
import { parseOptions } from '../options.js';

/**
 * Options of {@link colourBar}.
 *
 * @example
 * ```ts
 * import { colourBar, type ColourBarOptions } from '@mrnet/viz';
 * const options: ColourBarOptions = { colormap: 'jet', min: 0, max: 1, label: 'CAM' };
 * const bar = colourBar(options);
 * ```
 */
export interface ColourBarOptions {
  /** Colour map. Default `'jet'`. */
  colormap?: ColormapName;
  /** Height in pixels (the gradient spans most of it). Default 256. */
  height?: number;
  /** Width of the gradient strip. Default 16. */
  barWidth?: number;
  /** Value at the bottom. Default 0. */
  min?: number;
  /** Value at the top. Default 1. */
  max?: number;
  /** Caption above the bar. Default none. */
  label?: string;
  /** Text size multiplier. Default 1. */
  textScale?: number;
  /** Background. Default white. */
  background?: string;
  /** Text and frame colour. Default black. */
  foreground?: string;
}

const schema = z
  .object({
    colormap: z.enum(COLORMAP_NAMES).default('jet'),
    height: z.number().int().min(40).default(256),
    barWidth: z.number().int().min(2).default(16),
    min: z.number().finite().default(0),
    max: z.number().finite().default(1),
    label: z.string().optional(),
    textScale: z.number().int().min(1).max(8).default(1),
    background: z.string().default('white'),
    foreground: z.string().default('black'),
  })
  .strict()
  .refine((o) => o.min < o.max, { message: 'min must be < max', path: ['max'] });

/**
 * A vertical colour-bar legend: the colour map from `min` (bottom) to `max` (top), framed, with
 * numeric tick labels on the right and an optional caption above. Width fits the labels.
 *
 * @example
 * ```ts
 * import { colourBar } from '@mrnet/viz';
 * const bar = colourBar({ colormap: 'jet', height: 256, label: 'CAM' });
 * figure.drawRgba(bar.data, bar.width, bar.height, 520, 0);
 * ```
 */
export function colourBar(options: ColourBarOptions = {}): Canvas {
  const o = parseOptions('colourBar', schema, options);
  const ts = o.textScale;
  const th = 7 * ts;
  const pad = 3 * ts;
  // A gap between tick mark and label, so a tick never reads as a minus sign ("-0.75").
  const gap = 2 * ts;
  const ticks = niceTicks(o.min, o.max, 5).filter((t) => t.value >= o.min - 1e-12 && t.value <= o.max + 1e-12);
  const labelW = Math.max(...ticks.map((t) => Canvas.measureText(t.label, ts).width), 0);
  const top = (o.label ? th + pad : 0) + pad + Math.ceil(th / 2);
  const barH = o.height - top - pad - Math.ceil(th / 2);
  const width = Math.max(pad + o.barWidth + pad + gap + labelW + pad, o.label ? Canvas.measureText(o.label, ts).width + 2 * pad : 0);
  const c = new Canvas(width, o.height, o.background);
  if (o.label) c.text(pad, pad, o.label, o.foreground, ts);
  for (let j = 0; j < barH; j++) {
    const t = barH === 1 ? 1 : 1 - j / (barH - 1);
    c.fillRect(pad, top + j, o.barWidth, 1, colormap(o.colormap, t));
  }
  c.fillRect(pad - 1, top - 1, o.barWidth + 2, 1, o.foreground);
  c.fillRect(pad - 1, top + barH, o.barWidth + 2, 1, o.foreground);
  c.fillRect(pad - 1, top - 1, 1, barH + 2, o.foreground);
  c.fillRect(pad + o.barWidth, top - 1, 1, barH + 2, o.foreground);
  for (const t of ticks) {
    const y = Math.round(top + (barH - 1) * (1 - (t.value - o.min) / (o.max - o.min)));
    c.fillRect(pad + o.barWidth, y, pad, 1, o.foreground);
    c.text(pad + o.barWidth + pad + gap, y - Math.floor(th / 2), t.label, o.foreground, ts);
  }
  return c;
}
