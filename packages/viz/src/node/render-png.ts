import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { VizRangeError, VizTypeError } from '../errors.js';
import { FONT_FAMILY, type Figure } from '../svg/svg.js';

const require = createRequire(import.meta.url);

/**
 * The font files PNG rendering uses: DejaVu Sans (regular and bold) from the `dejavu-fonts-ttf`
 * npm package, a dependency of `@mrnet/viz` — never the machine's own fonts, so a figure renders
 * to the same pixels on every machine.
 *
 * @example
 * ```ts
 * import { figureFontFiles } from '@mrnet/viz/node';
 * console.log(figureFontFiles()); // ['/…/dejavu-fonts-ttf/ttf/DejaVuSans.ttf', '/…/DejaVuSans-Bold.ttf']
 * ```
 */
export function figureFontFiles(): string[] {
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));
}

/**
 * Options of {@link renderPng}.
 *
 * @example
 * ```ts
 * import { renderPng, type RenderPngOptions } from '@mrnet/viz/node';
 * const options: RenderPngOptions = { scale: 2 }; // a 640×400 figure → 1280×800 pixels
 * ```
 */
export interface RenderPngOptions {
  /** Pixels per figure unit: 2 for high-DPI screens and print. Default 1. */
  scale?: number;
}

/**
 * Renders a figure of `@mrnet/viz` (or any SVG text) to PNG bytes with resvg (`@resvg/resvg-js`,
 * whose prebuilt binary comes with the npm package) and the fonts of {@link figureFontFiles}.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { lineChart } from '@mrnet/viz';
 * import { renderPng } from '@mrnet/viz/node';
 * writeFileSync('loss.png', renderPng(lineChart({ series: [{ name: 'loss', points: [[1, 0.7], [2, 0.5]] }] })));
 * ```
 */
export function renderPng(figure: Figure | string, options: RenderPngOptions = {}): Uint8Array {
  const svg = typeof figure === 'string' ? figure : figure?.svg;
  if (typeof svg !== 'string') throw new VizTypeError(`renderPng: expected a Figure or SVG text (got ${typeof figure})`);
  const scale = options.scale ?? 1;
  if (typeof scale !== 'number' || !(scale > 0 && scale <= 16)) throw new VizRangeError(`renderPng: scale must be in (0, 16] (got ${String(scale)})`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: false, fontFiles: figureFontFiles(), defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    shapeRendering: 2,
    textRendering: 1,
  });
  return new Uint8Array(resvg.render().asPng());
}
