import { PNG } from 'pngjs';
import type { Figure } from '../svg/svg.js';
import { renderPng } from './render-png.js';

/** A figure rendered by resvg and decoded by pngjs (an independent PNG reader), for tests. */
export const raster = (f: Figure): PNG => PNG.sync.read(Buffer.from(renderPng(f)));

/** Dark pixels in a rectangle of a decoded PNG. */
export function inkIn(png: PNG, x0: number, y0: number, w: number, h: number): number {
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(png.height, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(png.width, x0 + w); x++) if (png.data[(y * png.width + x) * 4]! < 128) n++;
  }
  return n;
}

