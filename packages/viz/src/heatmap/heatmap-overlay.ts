import { z } from 'zod';
import { checkGrey, greyRange, type GreyImage } from '../canvas/canvas.js';
import { COLORMAP_NAMES, colormapTable, type ColormapName } from '../colour/colormap.js';
import { VizRangeError } from '../errors.js';
import { parseOptions } from '../options.js';
import { resizeBilinear } from './resize.js';

/**
 * Options of {@link heatmapOverlay}.
 *
 * @example
 * ```ts
 * import { heatmapOverlay, type HeatmapOverlayOptions } from '@mrnet/viz';
 * const options: HeatmapOverlayOptions = { alpha: 0.4, colormap: 'jet', camWidth: 7, camHeight: 7 };
 * const rgba = heatmapOverlay(slice, cam7x7, 256, 256, options); // 256×256 RGBA bytes
 * ```
 */
export interface HeatmapOverlayOptions {
  /** Opacity of the heat map over the grey image, 0–1. Default 0.5. */
  alpha?: number;
  /** Colour map. Default `'jet'`. */
  colormap?: ColormapName;
  /** Width of `cam` when it is smaller than the image (e.g. a 7×7 CAM); bilinear upsampling. Default: `width`. */
  camWidth?: number;
  /** Height of `cam`. Default: `height`. */
  camHeight?: number;
  /** Values of `cam` mapped to the colour map's ends; outside values saturate. Default: cam's min and max. */
  camRange?: readonly [number, number];
  /** Grey values mapped to black and white. Default `[0, 255]` for bytes, else the image's min and max. */
  greyRange?: readonly [number, number];
}

const range = z.tuple([z.number().finite(), z.number().finite()]).refine(([a, b]) => a < b, 'range must be [min, max] with min < max');
const schema = z
  .object({
    alpha: z.number().min(0).max(1).default(0.5),
    colormap: z.enum(COLORMAP_NAMES).default('jet'),
    camWidth: z.number().int().positive().optional(),
    camHeight: z.number().int().positive().optional(),
    camRange: range.optional(),
    greyRange: range.optional(),
  })
  .strict();

/**
 * Blends a class-activation map over a grey MRI slice: `(1 − alpha) · grey + alpha · colormap(cam)`,
 * with `cam` min-max normalised (or mapped from `camRange`) and bilinearly upsampled to the slice
 * when it is smaller. A constant CAM maps to the colour map's low end.
 *
 * @param grey - `[height, width]` slice (bytes 0–255, or floats normalised by their min/max).
 * @param cam - `[camHeight, camWidth]` activation map.
 * @returns `[height, width, 4]` RGBA bytes, opaque; encode with {@link encodePng} or draw into a canvas.
 * @example
 * ```ts
 * import { encodePng, heatmapOverlay } from '@mrnet/viz';
 * const rgba = heatmapOverlay(slice, cam7x7, 256, 256, { camWidth: 7, camHeight: 7, alpha: 0.4 });
 * writeFileSync('cam.png', encodePng(rgba, 256, 256));
 * ```
 */
export function heatmapOverlay(
  grey: GreyImage,
  cam: Float32Array | Float64Array,
  width: number,
  height: number,
  options: HeatmapOverlayOptions = {},
): Uint8Array {
  const o = parseOptions('heatmapOverlay', schema, options);
  checkGrey('heatmapOverlay: grey', grey, width, height);
  const cw = o.camWidth ?? width;
  const ch = o.camHeight ?? height;
  if (!(cam instanceof Float32Array || cam instanceof Float64Array)) {
    checkGrey('heatmapOverlay: cam', cam, cw, ch); // throws the type error
  }
  if (cam.length !== cw * ch) {
    throw new VizRangeError(`heatmapOverlay: cam holds ${cam.length} values but ${cw}×${ch} = ${cw * ch} are needed`);
  }
  const [glo, ghi] = o.greyRange ?? greyRange(grey);
  const [clo, chi] = o.camRange ?? greyRange(cam);
  const camFull = cw === width && ch === height ? cam : resizeBilinear(cam, cw, ch, width, height);
  const lut = colormapTable(o.colormap);
  const out = new Uint8Array(width * height * 4);
  const a = o.alpha;
  for (let k = 0; k < width * height; k++) {
    const g = ghi > glo ? Math.max(0, Math.min(1, (grey[k]! - glo) / (ghi - glo))) * 255 : 0;
    const t = chi > clo ? Math.max(0, Math.min(1, (camFull[k]! - clo) / (chi - clo))) : 0;
    const idx = 3 * Math.round(t * 255);
    out[4 * k] = Math.round((1 - a) * g + a * lut[idx]!);
    out[4 * k + 1] = Math.round((1 - a) * g + a * lut[idx + 1]!);
    out[4 * k + 2] = Math.round((1 - a) * g + a * lut[idx + 2]!);
    out[4 * k + 3] = 255;
  }
  return out;
}
