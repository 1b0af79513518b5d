import { VizRangeError, VizTypeError } from '../errors.js';
import { checkSize, describe } from '../options.js';
import { encodePng } from '../png/encode-png.js';
import { parseColour, type Colour, type Rgba } from './colour.js';

/**
 * Options of {@link Canvas.line} and {@link Canvas.polyline}.
 *
 * @example
 * ```ts
 * import { Canvas, type LineOptions } from '@mrnet/viz';
 * const canvas = new Canvas(100, 100);
 * const options: LineOptions = { width: 2, antialias: true };
 * canvas.line(10, 10, 90, 90, 'red', options);
 * ```
 */
export interface LineOptions {
  /** Stroke width in pixels, > 0. Default 1. */
  width?: number;
  /** Anti-alias the edges (coverage from the distance to the segment). Default true. */
  antialias?: boolean;
}

/**
 * Options of {@link Canvas.drawImage}.
 *
 * @example
 * ```ts
 * import { Canvas, type DrawImageOptions } from '@mrnet/viz';
 * const canvas = new Canvas(128, 128);
 * const options: DrawImageOptions = { x: 0, y: 0, width: 128, height: 128, range: [0, 255] };
 * canvas.drawImage(new Uint8Array(64 * 64), 64, 64, options);
 * ```
 */
export interface DrawImageOptions {
  /** Left edge of the destination, pixels. Default 0. */
  x?: number;
  /** Top edge of the destination, pixels. Default 0. */
  y?: number;
  /** Destination width (nearest-neighbour scaling). Default: the image width. */
  width?: number;
  /** Destination height. Default: the image height. */
  height?: number;
  /**
   * Values mapped to black and white. Default `[0, 255]` for a `Uint8Array`, the image's own
   * min and max for a `Float32Array`/`Float64Array`.
   */
  range?: readonly [number, number];
  /** Opacity 0–1 of the drawn image. Default 1. */
  alpha?: number;
}

/**
 * A grey image: one value per pixel, row-major `[height, width]`.
 *
 * @example
 * ```ts
 * import type { GreyImage } from '@mrnet/viz';
 * const slice: GreyImage = volume.data.subarray(0, 256 * 256); // one slice of a Float32Array volume
 * ```
 */
export type GreyImage = Uint8Array | Float32Array | Float64Array;

/**
 * A small RGBA raster (row-major `[height, width, 4]`, 8 bits per channel) with the drawing
 * operations raster figures need: rectangles, anti-aliased lines and polylines, grey images and
 * RGBA tiles, all alpha-blended (source-over) and clipped to the canvas.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { Canvas } from '@mrnet/viz';
 * const c = new Canvas(120, 40, 'white');
 * c.fillRect(0, 0, 120, 2, '#0072b2');
 * c.line(5, 35, 115, 5, 'red', { width: 2 });
 * writeFileSync('canvas.png', c.toPng()); // text belongs in the SVG figures (lineChart, montage…)
 * ```
 */
export class Canvas {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** The pixels, `[height, width, 4]` RGBA. */
  readonly data: Uint8Array;

  /**
   * @param width - Positive integer.
   * @param height - Positive integer.
   * @param background - Fill colour. Default white.
   * @example
   * ```ts
   * const c = new Canvas(64, 64, '#000000');
   * ```
   */
  constructor(width: number, height: number, background: Colour = 'white') {
    this.width = checkSize('Canvas', 'width', width);
    this.height = checkSize('Canvas', 'height', height);
    this.data = new Uint8Array(width * height * 4);
    const [r, g, b, a] = parseColour(background);
    for (let i = 0; i < this.data.length; i += 4) {
      this.data[i] = r;
      this.data[i + 1] = g;
      this.data[i + 2] = b;
      this.data[i + 3] = a;
    }
  }

  /**
   * The `[r, g, b, a]` of pixel (`x`, `y`) (integers inside the canvas).
   * @example
   * ```ts
   * new Canvas(2, 2, 'red').getPixel(1, 1); // [255, 0, 0, 255]
   * ```
   */
  getPixel(x: number, y: number): [number, number, number, number] {
    if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= this.width || y >= this.height) {
      throw new VizRangeError(`Canvas.getPixel: (${x}, ${y}) is outside the ${this.width}×${this.height} canvas`);
    }
    const i = (y * this.width + x) * 4;
    return [this.data[i]!, this.data[i + 1]!, this.data[i + 2]!, this.data[i + 3]!];
  }

  /**
   * Blends `colour` over pixel (`x`, `y`) with extra opacity `coverage` (0–1); pixels outside the
   * canvas are ignored (clipping).
   * @example
   * ```ts
   * c.blendPixel(3, 4, [255, 0, 0, 255], 0.5); // half-way to red
   * ```
   */
  blendPixel(x: number, y: number, colour: Colour, coverage = 1): void {
    this.blend(x, y, parseColour(colour), coverage);
  }

  /**
   * Fills the rectangle with top-left (`x`, `y`) and size `w × h` (rounded to whole pixels).
   * @example
   * ```ts
   * c.fillRect(10, 10, 20, 5, '#0072b2');
   * ```
   */
  fillRect(x: number, y: number, w: number, h: number, colour: Colour): void {
    finite('Canvas.fillRect', { x, y, w, h });
    const rgba = parseColour(colour);
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) this.blend(xx, yy, rgba, 1);
  }

  /**
   * Draws a straight line (round caps) from (`x0`, `y0`) to (`x1`, `y1`), in continuous coordinates (pixel
   * (i, j) covers [i, i+1) × [j, j+1), so a 1-px horizontal line through row j has y = j + 0.5).
   * @example
   * ```ts
   * c.line(0, 0.5, 50, 0.5, 'black');                // crisp 1-px row 0
   * c.line(0, 0, 50, 30, 'red', { width: 2 });       // anti-aliased diagonal
   * ```
   */
  line(x0: number, y0: number, x1: number, y1: number, colour: Colour, options: LineOptions = {}): void {
    this.polyline(
      [
        [x0, y0],
        [x1, y1],
      ],
      colour,
      options,
    );
  }

  /**
   * Draws connected segments through `points`. Coverage is the maximum over segments, so joints
   * are not blended twice.
   * @example
   * ```ts
   * c.polyline([[0, 10], [10, 2], [20, 8]], '#d55e00', { width: 2 });
   * ```
   */
  polyline(points: ReadonlyArray<readonly [number, number]>, colour: Colour, options: LineOptions = {}): void {
    const rgba = parseColour(colour);
    const width = options.width ?? 1;
    const antialias = options.antialias ?? true;
    if (typeof width !== 'number' || !(width > 0) || !Number.isFinite(width)) {
      throw new VizRangeError(`Canvas.polyline: width must be a positive number (got ${describe(width)})`);
    }
    if (!Array.isArray(points)) throw new VizTypeError(`Canvas.polyline: points must be an array of [x, y] (got ${describe(points)})`);
    points.forEach((p, i) => {
      if (!Array.isArray(p) || p.length !== 2) throw new VizTypeError(`Canvas.polyline: points[${i}] must be [x, y] (got ${describe(p)})`);
      finite(`Canvas.polyline: points[${i}]`, { x: p[0], y: p[1] });
    });
    if (points.length === 0) return;
    const pts = points.length === 1 ? [points[0]!, points[0]!] : points;
    const half = width / 2;
    const pad = half + 1;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const [x, y] of pts) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    const bx0 = Math.max(0, Math.floor(minX - pad));
    const by0 = Math.max(0, Math.floor(minY - pad));
    const bx1 = Math.min(this.width, Math.ceil(maxX + pad));
    const by1 = Math.min(this.height, Math.ceil(maxY + pad));
    if (bx0 >= bx1 || by0 >= by1) return;
    const mw = bx1 - bx0;
    const mask = new Float32Array(mw * (by1 - by0));
    for (let s = 0; s + 1 < pts.length; s++) {
      const [ax, ay] = pts[s]!;
      const [bx, by] = pts[s + 1]!;
      const sx0 = Math.max(bx0, Math.floor(Math.min(ax, bx) - pad));
      const sx1 = Math.min(bx1, Math.ceil(Math.max(ax, bx) + pad));
      const sy0 = Math.max(by0, Math.floor(Math.min(ay, by) - pad));
      const sy1 = Math.min(by1, Math.ceil(Math.max(ay, by) + pad));
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      for (let py = sy0; py < sy1; py++) {
        for (let px = sx0; px < sx1; px++) {
          const cx = px + 0.5;
          const cy = py + 0.5;
          const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((cx - ax) * dx + (cy - ay) * dy) / len2));
          const d = Math.hypot(cx - (ax + t * dx), cy - (ay + t * dy));
          const cov = antialias ? Math.max(0, Math.min(1, half + 0.5 - d)) : d < half ? 1 : 0;
          const m = (py - by0) * mw + (px - bx0);
          if (cov > mask[m]!) mask[m] = cov;
        }
      }
    }
    for (let py = by0; py < by1; py++) {
      for (let px = bx0; px < bx1; px++) {
        const cov = mask[(py - by0) * mw + (px - bx0)]!;
        if (cov > 0) this.blend(px, py, rgba, cov);
      }
    }
  }

  /**
   * Draws a grey image (`[height, width]` values) into the destination rectangle, nearest-neighbour
   * scaled, values mapped linearly from `range` to black–white (outside values saturate).
   * @example
   * ```ts
   * c.drawImage(slice, 256, 256, { x: 0, y: 0, width: 128, height: 128 }); // a Uint8Array slice
   * ```
   */
  drawImage(pixels: GreyImage, width: number, height: number, options: DrawImageOptions = {}): void {
    checkGrey('Canvas.drawImage', pixels, width, height);
    const { x = 0, y = 0, width: dw = width, height: dh = height, alpha = 1 } = options;
    finite('Canvas.drawImage', { x, y, width: dw, height: dh, alpha });
    if (alpha < 0 || alpha > 1) throw new VizRangeError(`Canvas.drawImage: alpha must be in [0, 1] (got ${alpha})`);
    const [lo, hi] = options.range ?? greyRange(pixels);
    const span = hi - lo;
    const ox = Math.round(x);
    const oy = Math.round(y);
    const w = Math.round(dw);
    const h = Math.round(dh);
    for (let j = 0; j < h; j++) {
      const sy = Math.min(height - 1, Math.floor(((j + 0.5) * height) / h));
      for (let i = 0; i < w; i++) {
        const sx = Math.min(width - 1, Math.floor(((i + 0.5) * width) / w));
        const v = pixels[sy * width + sx]!;
        const g = span > 0 ? Math.round(Math.max(0, Math.min(1, (v - lo) / span)) * 255) : 0;
        this.blend(ox + i, oy + j, [g, g, g, 255], alpha);
      }
    }
  }

  /**
   * Draws RGBA pixels (`[height, width, 4]`, e.g. another canvas's `data` or a heat-map overlay)
   * with top-left at (`x`, `y`), alpha-blended.
   * @example
   * ```ts
   * c.drawRgba(heatmapOverlay(slice, cam, 256, 256), 256, 256, 10, 20);
   * ```
   */
  drawRgba(rgba: Uint8Array, width: number, height: number, x = 0, y = 0): void {
    if (!(rgba instanceof Uint8Array)) throw new VizTypeError(`Canvas.drawRgba: rgba must be a Uint8Array (got ${describe(rgba)})`);
    checkSize('Canvas.drawRgba', 'width', width);
    checkSize('Canvas.drawRgba', 'height', height);
    if (rgba.length !== width * height * 4) {
      throw new VizRangeError(`Canvas.drawRgba: rgba holds ${rgba.length} bytes but ${width}×${height}×4 = ${width * height * 4} are needed`);
    }
    finite('Canvas.drawRgba', { x, y });
    const ox = Math.round(x);
    const oy = Math.round(y);
    for (let j = 0; j < height; j++) {
      for (let i = 0; i < width; i++) {
        const s = (j * width + i) * 4;
        this.blend(ox + i, oy + j, [rgba[s]!, rgba[s + 1]!, rgba[s + 2]!, rgba[s + 3]!], 1);
      }
    }
  }

  /**
   * The canvas as a PNG file.
   * @example
   * ```ts
   * writeFileSync('figure.png', c.toPng());
   * ```
   */
  toPng(): Uint8Array {
    return encodePng(this.data, this.width, this.height);
  }

  private blend(x: number, y: number, rgba: Rgba, coverage: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const a = (rgba[3] / 255) * coverage;
    if (a <= 0) return;
    const i = (y * this.width + x) * 4;
    const d = this.data;
    const da = d[i + 3]! / 255;
    const outA = a + da * (1 - a);
    for (let c = 0; c < 3; c++) {
      const v = outA > 0 ? (rgba[c]! * a + d[i + c]! * da * (1 - a)) / outA : 0;
      d[i + c] = Math.round(v);
    }
    d[i + 3] = Math.round(outA * 255);
  }
}

function finite(where: string, values: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(values)) {
    if (typeof v !== 'number') throw new VizTypeError(`${where}: ${k} must be a number (got ${describe(v)})`);
    if (!Number.isFinite(v)) throw new VizRangeError(`${where}: ${k} must be finite (got ${v})`);
  }
}

/** Checks a grey image's type and size. Internal. */
export function checkGrey(where: string, pixels: unknown, width: number, height: number): void {
  if (!(pixels instanceof Uint8Array || pixels instanceof Float32Array || pixels instanceof Float64Array)) {
    throw new VizTypeError(`${where}: image must be a Uint8Array, Float32Array or Float64Array (got ${describe(pixels)})`);
  }
  checkSize(where, 'width', width);
  checkSize(where, 'height', height);
  if (pixels.length !== width * height) {
    throw new VizRangeError(`${where}: image holds ${pixels.length} values but ${width}×${height} = ${width * height} are needed`);
  }
}

/** `[0, 255]` for bytes, else the finite min and max of the values. Internal. */
export function greyRange(pixels: GreyImage): [number, number] {
  if (pixels instanceof Uint8Array) return [0, 255];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of pixels) {
    if (!Number.isFinite(v)) throw new VizRangeError(`greyRange: image holds a non-finite value (${v})`);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
