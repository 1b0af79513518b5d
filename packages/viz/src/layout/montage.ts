import { z } from 'zod';
import { VizRangeError, VizTypeError } from '../errors.js';
import { checkSize, describe, parseOptions } from '../options.js';
import { svgImage } from '../svg/image.js';
import { svgDocument, svgText, textWidth, type Figure } from '../svg/svg.js';

/**
 * An RGBA image: `[height, width, 4]` bytes. A {@link Canvas} is one.
 *
 * @example
 * ```ts
 * import { montage, type RgbaImage } from '@mrnet/viz';
 * const tile: RgbaImage = { data: new Uint8Array(32 * 32 * 4).fill(255), width: 32, height: 32 };
 * montage([tile, tile], 2);
 * ```
 */
export interface RgbaImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Options of {@link montage}.
 *
 * @example
 * ```ts
 * import { montage, type MontageOptions } from '@mrnet/viz';
 * const options: MontageOptions = { gap: 2, background: 'white', captionColour: 'black', fontSize: 14 };
 * const tile = { data: new Uint8Array(16 * 16 * 4).fill(128), width: 16, height: 16 };
 * montage([tile, tile], 2, ['slice 0', 'slice 1'], options);
 * ```
 */
export interface MontageOptions {
  /** Pixels between tiles and around the edge. Default 4. */
  gap?: number;
  /** Background colour. Default black. */
  background?: string;
  /** Caption colour. Default white. */
  captionColour?: string;
  /** Caption font size in px. Default 13. */
  fontSize?: number;
}

/**
 * What {@link montage} returns: the SVG figure, and its body for placing in a larger figure.
 *
 * @example
 * ```ts
 * import { montage, type Montage } from '@mrnet/viz';
 * const m: Montage = montage([{ data: new Uint8Array(64).fill(255), width: 4, height: 4 }], 1);
 * console.log(m.width, m.height);
 * ```
 */
export interface Montage extends Figure {
  /** The montage's elements (a `<g>`), for composing figures. */
  body: string;
}

const schema = z
  .object({
    gap: z.number().int().nonnegative().default(4),
    background: z.string().default('black'),
    captionColour: z.string().default('white'),
    fontSize: z.number().finite().min(4).max(64).default(13),
  })
  .strict();

/** Shortens `text` with an ellipsis until it fits `max` px. */
function fit(text: string, size: number, max: number): string {
  if (textWidth(text, size) <= max) return text;
  let t = text;
  while (t.length > 1 && textWidth(`${t}…`, size) > max) t = t.slice(0, -1);
  return `${t}…`;
}

/**
 * Lays out tiles in a grid of `cols` columns, row by row, each cell the size of the largest tile
 * (smaller tiles are centred), with an optional caption under each tile — e.g. the CAM overlays of
 * every slice of an exam, captioned with the slice index and its score. The tiles stay rasters
 * (PNG images inside the SVG, pixel for pixel); captions are real type, shortened with `…` to the
 * cell width.
 *
 * @param tiles - RGBA images (canvases, or `{ data, width, height }`).
 * @param cols - Columns, a positive integer.
 * @param labels - One caption per tile, or none.
 * @example
 * ```ts
 * import { montage, heatmapOverlay } from '@mrnet/viz';
 * import { renderPng } from '@mrnet/viz/node';
 * const tiles = slices.map((s, i) => ({ data: heatmapOverlay(s, cams[i]!, 256, 256), width: 256, height: 256 }));
 * const sheet = montage(tiles, 6, slices.map((_, i) => `slice ${i}`));
 * writeFileSync('cam-montage.png', renderPng(sheet));
 * ```
 */
export function montage(tiles: readonly RgbaImage[], cols: number, labels?: readonly string[], options: MontageOptions = {}): Montage {
  const o = parseOptions('montage', schema, options);
  if (!Array.isArray(tiles)) throw new VizTypeError(`montage: tiles must be an array (got ${describe(tiles)})`);
  if (tiles.length === 0) throw new VizRangeError('montage: no tiles');
  checkSize('montage', 'cols', cols);
  if (labels !== undefined) {
    if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string')) {
      throw new VizTypeError(`montage: labels must be an array of strings (got ${describe(labels)})`);
    }
    if (labels.length !== tiles.length) throw new VizRangeError(`montage: ${tiles.length} tiles but ${labels.length} labels`);
  }
  tiles.forEach((t, i) => {
    if (t === null || typeof t !== 'object' || !(t.data instanceof Uint8Array)) {
      throw new VizTypeError(`montage: tiles[${i}] must be { data: Uint8Array, width, height } (got ${describe(t)})`);
    }
    checkSize(`montage: tiles[${i}]`, 'width', t.width);
    checkSize(`montage: tiles[${i}]`, 'height', t.height);
    if (t.data.length !== t.width * t.height * 4) {
      throw new VizRangeError(`montage: tiles[${i}] holds ${t.data.length} bytes but ${t.width}×${t.height}×4 are needed`);
    }
  });
  const cellW = Math.max(...tiles.map((t) => t.width));
  const cellH = Math.max(...tiles.map((t) => t.height));
  const captionH = labels ? montageCaptionHeight(o.fontSize, o.gap) : 0;
  const c = Math.min(cols, tiles.length);
  const rows = Math.ceil(tiles.length / c);
  const width = o.gap + c * (cellW + o.gap);
  const height = o.gap + rows * (cellH + captionH + o.gap);
  const out: string[] = [`<rect width="${width}" height="${height}" fill="${o.background}"/>`];
  tiles.forEach((t, i) => {
    const x = o.gap + (i % c) * (cellW + o.gap);
    const y = o.gap + Math.floor(i / c) * (cellH + captionH + o.gap);
    out.push(svgImage(t.data, t.width, t.height, x + Math.floor((cellW - t.width) / 2), y + Math.floor((cellH - t.height) / 2)));
    if (labels) {
      const text = fit(labels[i]!, o.fontSize, cellW);
      out.push(svgText(x + cellW / 2, y + cellH + Math.max(2, o.gap) + 0.5 * o.fontSize * 1.25, text, { size: o.fontSize, anchor: 'middle', baseline: 'middle', colour: o.captionColour }));
    }
  });
  const body = `<g>\n${out.join('\n')}\n</g>`;
  return { width, height, body, svg: svgDocument(width, height, body, o.background) };
}

/**
 * Height of the caption band under each montage row: a line of text of `fontSize` px with
 * `max(2, gap)` above and below.
 *
 * @example
 * ```ts
 * import { montageCaptionHeight } from '@mrnet/viz';
 * montageCaptionHeight(13, 4); // 25
 * ```
 */
export function montageCaptionHeight(fontSize: number, gap: number): number {
  return Math.ceil(1.25 * fontSize) + 2 * Math.max(2, gap);
}
