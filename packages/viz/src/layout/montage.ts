import { z } from 'zod';
import { Canvas } from '../canvas/canvas.js';
import { VizRangeError, VizTypeError } from '../errors.js';
import { checkSize, describe, parseOptions } from '../options.js';

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
 * const options: MontageOptions = { gap: 2, background: 'white', captionColour: 'black' };
 * const sheet = montage(tiles, 4, tiles.map((_, i) => `slice ${i}`), options);
 * ```
 */
export interface MontageOptions {
  /** Pixels between tiles and around the edge. Default 4. */
  gap?: number;
  /** Background colour. Default black. */
  background?: string;
  /** Caption colour. Default white. */
  captionColour?: string;
  /** Caption text size multiplier. Default 1. */
  textScale?: number;
}

const schema = z
  .object({
    gap: z.number().int().nonnegative().default(4),
    background: z.string().default('black'),
    captionColour: z.string().default('white'),
    textScale: z.number().int().min(1).max(8).default(1),
  })
  .strict();

/**
 * Lays out tiles in a grid of `cols` columns, row by row, each cell the size of the largest tile
 * (smaller tiles are centred), with an optional caption under each tile — e.g. the CAM overlays of
 * every slice of an exam, captioned with the slice index and its score.
 *
 * @param tiles - RGBA images (canvases, or `{ data, width, height }`).
 * @param cols - Columns, a positive integer.
 * @param labels - One caption per tile, or none.
 * @example
 * ```ts
 * import { montage, heatmapOverlay } from '@mrnet/viz';
 * const tiles = slices.map((s, i) => ({ data: heatmapOverlay(s, cams[i]!, 256, 256), width: 256, height: 256 }));
 * const sheet = montage(tiles, 6, slices.map((_, i) => `slice ${i}`));
 * writeFileSync('cam-montage.png', sheet.toPng());
 * ```
 */
export function montage(tiles: readonly RgbaImage[], cols: number, labels?: readonly string[], options: MontageOptions = {}): Canvas {
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
  const ts = o.textScale;
  const cellW = Math.max(...tiles.map((t) => t.width));
  const cellH = Math.max(...tiles.map((t) => t.height));
  const captionH = labels ? 7 * ts + 2 * Math.max(2, o.gap) : 0;
  const c = Math.min(cols, tiles.length);
  const rows = Math.ceil(tiles.length / c);
  const canvas = new Canvas(o.gap + c * (cellW + o.gap), o.gap + rows * (cellH + captionH + o.gap), o.background);
  tiles.forEach((t, i) => {
    const x = o.gap + (i % c) * (cellW + o.gap);
    const y = o.gap + Math.floor(i / c) * (cellH + captionH + o.gap);
    canvas.drawRgba(t.data, t.width, t.height, x + Math.floor((cellW - t.width) / 2), y + Math.floor((cellH - t.height) / 2));
    if (labels) {
      let text = labels[i]!;
      const maxChars = Math.max(1, Math.floor((cellW + ts) / (6 * ts)));
      if (text.length > maxChars) text = text.slice(0, Math.max(1, maxChars - 1)) + '~';
      const w = Canvas.measureText(text, ts).width;
      canvas.text(x + Math.floor((cellW - w) / 2), y + cellH + Math.max(2, o.gap), text, o.captionColour, ts);
    }
  });
  return canvas;
}
