import type { ClassActivationMaps } from '@mrnet/model';
import { colourBar, heatmapOverlay, montage, svgDocument, svgText, textWidth, type Figure } from '@mrnet/viz';

/** What {@link renderCamFigure} draws besides the maps. */
export interface CamFigureInfo {
  /** Title, e.g. `ACL tear · sagittal · exam 0120.npy`. */
  title: string;
  /** Slices to show, in order (e.g. the most decisive first). */
  slices: readonly number[];
  /** Grey values mapped to black and white (one range for the whole series). */
  greyRange: readonly [number, number];
}

/** Smallest tile edge: smaller slices are enlarged by a whole factor (nearest) to at least this. */
export const CAM_TILE_MIN = 160;
/** Pixels between tiles and around the figure. */
export const CAM_GAP = 6;
/** Font size of the figure's text, px. */
export const CAM_FONT_SIZE = 14;
/** Smallest figure width (text wraps to the figure). */
export const CAM_MIN_WIDTH = 480;
/** Colour-map opacity over the grey slice. */
export const CAM_ALPHA = 0.45;

/** Height of one line of the title block, px. */
export const CAM_LINE = Math.round(1.45 * CAM_FONT_SIZE);

/**
 * Columns of a montage of `n` tiles: at most 4, as square as possible.
 * @example
 * ```ts
 * camColumns(6); // 3
 * ```
 */
export function camColumns(n: number): number {
  return Math.min(4, Math.max(1, Math.ceil(Math.sqrt(n))));
}

/**
 * Whole-number enlargement that brings an `h × w` slice to at least {@link CAM_TILE_MIN} px.
 * @example
 * ```ts
 * camTileScale(128, 128); // 2
 * ```
 */
export function camTileScale(h: number, w: number): number {
  return Math.max(1, Math.ceil(CAM_TILE_MIN / Math.min(h, w)));
}

function enlarge(rgba: Uint8Array, w: number, h: number, k: number): Uint8Array {
  if (k === 1) return rgba;
  const out = new Uint8Array(w * k * h * k * 4);
  for (let y = 0; y < h * k; y++) {
    for (let x = 0; x < w * k; x++) {
      const s = ((Math.floor(y / k) * w + Math.floor(x / k)) * 4) | 0;
      out.set(rgba.subarray(s, s + 4), (y * w * k + x) * 4);
    }
  }
  return out;
}

/**
 * Splits `text` into lines of at most `maxWidth` pixels at {@link CAM_FONT_SIZE} (at spaces; a
 * single longer word stays whole).
 *
 * @example
 * ```ts
 * camWrap('red = strongest evidence', 130); // ['red = strongest', 'evidence']
 * ```
 */
export function camWrap(text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, CAM_FONT_SIZE) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  lines.push(line);
  return lines;
}

/**
 * `+1.234` / `-0.500`: a contribution to the logit with its sign.
 * @example
 * ```ts
 * signed(-0.5); // '-0.500'
 * ```
 * @internal
 */
export function signed(x: number): string {
  return `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(3)}`;
}

/**
 * Renders a class-activation figure that reads without the code: a title with the prediction, a
 * line saying what the colours and numbers mean, one tile per chosen slice (the grey slice with
 * the CAM over it in the `jet` colour map, one scale for all slices) captioned with the slice index
 * and its contribution to the logit, and a colour-bar legend on the right.
 *
 * @param volume - `[s, H, W]` grey values (as the model saw them).
 * @param cam - the maps of {@link classActivationMaps} for that volume (jointly scaled).
 * @example
 * ```ts
 * const fig = renderCamFigure(vol.data, cam, { title: 'ACL tear · sagittal', slices: cam.slicesByContribution.slice(0, 6), greyRange: [0, 255] });
 * import { renderPng } from '@mrnet/viz/node';
 * writeFileSync('cam-montage.png', renderPng(fig));
 * ```
 */
export function renderCamFigure(volume: Float32Array, cam: ClassActivationMaps, info: CamFigureInfo): Figure {
  const [, H, W] = cam.shape;
  const n = H * W;
  const k = camTileScale(H, W);
  const tiles = info.slices.map((i) => {
    const rgba = heatmapOverlay(volume.subarray(i * n, (i + 1) * n), cam.maps.subarray(i * n, (i + 1) * n), W, H, {
      alpha: CAM_ALPHA,
      colormap: 'jet',
      camRange: [0, 1],
      greyRange: info.greyRange,
    });
    return { data: enlarge(rgba, W, H, k), width: W * k, height: H * k };
  });
  // a real minus sign in the figure, as typeset figures print it
  const labels = info.slices.map((i) => `slice ${i} ${signed(cam.sliceContributions[i]!).replace('-', '−')}`);
  const sheet = montage(tiles, camColumns(tiles.length), labels, { gap: CAM_GAP, fontSize: CAM_FONT_SIZE });
  const bar = colourBar({
    colormap: 'jet',
    height: sheet.height,
    min: 0,
    max: 1,
    label: 'CAM',
    fontSize: CAM_FONT_SIZE,
    background: 'black',
    foreground: 'white',
  });
  const width = Math.max(sheet.width + bar.width + CAM_GAP, CAM_MIN_WIDTH);
  const lines = [
    info.title,
    `P ${cam.probability.toFixed(3)}   logit ${cam.logit.toFixed(3)} = bias ${cam.bias.toFixed(3)} + slice shares`,
    'red = strongest evidence for the finding (1 = max over all slices, 0 = min)',
    'caption: slice index, its share of the logit (largest first)',
  ].flatMap((l) => camWrap(l, width - 2 * CAM_GAP));
  const top = lines.length * CAM_LINE + CAM_GAP;
  const text = lines.map((l, j) =>
    svgText(CAM_GAP, CAM_GAP + j * CAM_LINE, l, { size: CAM_FONT_SIZE, baseline: 'hanging', colour: j === 0 ? 'white' : '#cccccc', weight: j === 0 ? 'bold' : 'normal' }),
  );
  const height = top + sheet.height;
  const body = [...text, `<g transform="translate(0 ${top})">${sheet.body}</g>`, `<g transform="translate(${sheet.width} ${top})">${bar.body}</g>`].join('\n');
  return { width, height, svg: svgDocument(width, height, body, 'black') };
}
