import { z } from 'zod';
import { niceTicks } from '../chart/ticks.js';
import { COLORMAP_NAMES, colormapTable, type ColormapName } from '../colour/colormap.js';
import { parseOptions } from '../options.js';
import { svgImage } from '../svg/image.js';
import { n2, paint, svgDocument, svgText, textWidth, type Figure } from '../svg/svg.js';

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
  /** Font size in px. Default 12. */
  fontSize?: number;
  /** Background. Default white. */
  background?: string;
  /** Text and frame colour. Default black. */
  foreground?: string;
}

/**
 * What {@link colourBar} returns: the SVG figure and its body for placing in a larger figure.
 *
 * @example
 * ```ts
 * import { colourBar, type ColourBar } from '@mrnet/viz';
 * const bar: ColourBar = colourBar({ label: 'CAM' });
 * console.log(bar.width, bar.height);
 * ```
 */
export interface ColourBar extends Figure {
  body: string;
}

const schema = z
  .object({
    colormap: z.enum(COLORMAP_NAMES).default('jet'),
    height: z.number().int().min(40).default(256),
    barWidth: z.number().int().min(2).default(16),
    min: z.number().finite().default(0),
    max: z.number().finite().default(1),
    label: z.string().optional(),
    fontSize: z.number().finite().min(4).max(64).default(12),
    background: z.string().default('white'),
    foreground: z.string().default('black'),
  })
  .strict()
  .refine((o) => o.min < o.max, { message: 'min must be < max', path: ['max'] });

/**
 * A vertical colour-bar legend as matplotlib's `colorbar` draws it: the colour map from `min`
 * (bottom) to `max` (top) as a framed raster strip, outward ticks with numeric labels on the right
 * and an optional caption above. Width fits the labels.
 *
 * @example
 * ```ts
 * import { colourBar } from '@mrnet/viz';
 * import { renderPng } from '@mrnet/viz/node';
 * const bar = colourBar({ colormap: 'jet', height: 256, label: 'CAM' });
 * writeFileSync('bar.png', renderPng(bar));
 * ```
 */
export function colourBar(options: ColourBarOptions = {}): ColourBar {
  const o = parseOptions('colourBar', schema, options);
  const f = o.fontSize;
  const pad = 0.4 * f;
  const tick = 0.35 * f;
  const ticks = niceTicks(o.min, o.max, 5).filter((t) => t.value >= o.min - 1e-12 && t.value <= o.max + 1e-12);
  const label = (s: string) => s.replace(/^-/, '−');
  const labelW = Math.max(...ticks.map((t) => textWidth(label(t.label), f)), 0);
  const top = Math.ceil((o.label ? 1.3 * f + pad : 0) + pad + f / 2);
  const barH = Math.max(2, Math.floor(o.height - top - pad - f / 2));
  const width = Math.ceil(Math.max(pad + o.barWidth + tick + pad / 2 + labelW + pad, o.label ? textWidth(o.label, f) + 2 * pad : 0));
  const lut = colormapTable(o.colormap);
  // drawn at its own size (resvg smooths scaled images): one row per pixel, barWidth wide
  const strip = new Uint8Array(o.barWidth * barH * 4);
  for (let j = 0; j < barH; j++) {
    const idx = 3 * Math.round((barH === 1 ? 1 : 1 - j / (barH - 1)) * 255);
    for (let i = 0; i < o.barWidth; i++) strip.set([lut[idx]!, lut[idx + 1]!, lut[idx + 2]!, 255], 4 * (j * o.barWidth + i));
  }
  const x = Math.round(pad);
  const out = [`<rect width="${width}" height="${o.height}" fill="${o.background}"/>`, svgImage(strip, o.barWidth, barH, x, top)];
  out.push(`<rect x="${x}" y="${top}" width="${o.barWidth}" height="${barH}" fill="none" ${paint('stroke', o.foreground)} stroke-width="0.8"/>`);
  const ty = (v: number) => top + barH * (1 - (v - o.min) / (o.max - o.min));
  out.push(`<path d="${ticks.map((t) => `M${x + o.barWidth} ${n2(ty(t.value))}h${n2(tick)}`).join('')}" ${paint('stroke', o.foreground)} stroke-width="0.8"/>`);
  for (const t of ticks) out.push(svgText(x + o.barWidth + tick + pad / 2, ty(t.value), label(t.label), { size: f, baseline: 'middle', colour: o.foreground }));
  if (o.label) out.push(svgText(x, pad + f, o.label, { size: 1.1 * f, colour: o.foreground }));
  const body = `<g>\n${out.join('\n')}\n</g>`;
  return { width, height: o.height, body, svg: svgDocument(width, o.height, body, o.background) };
}
