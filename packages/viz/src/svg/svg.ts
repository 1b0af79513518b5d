import { parseColour, type Colour } from '../canvas/colour.js';
import { DEJAVU_SANS_WIDTHS } from './font-metrics.js';

/**
 * The font every figure's text is set in: DejaVu Sans, matplotlib's default, which `@mrnet/viz/node`
 * renders from the TTF shipped in the `dejavu-fonts-ttf` package (so PNGs are identical on every
 * machine) and a browser finds locally or substitutes with `sans-serif`.
 *
 * @example
 * ```ts
 * import { FONT_FAMILY } from '@mrnet/viz';
 * console.log(FONT_FAMILY); // 'DejaVu Sans'
 * ```
 */
export const FONT_FAMILY = 'DejaVu Sans';

/**
 * A figure as SVG text: what every chart of `@mrnet/viz` returns. Show it in a page as is, or
 * render it to PNG with `renderPng` from `@mrnet/viz/node`.
 *
 * @example
 * ```ts
 * import { lineChart, type Figure } from '@mrnet/viz';
 * const fig: Figure = lineChart({ series: [{ name: 'loss', points: [[1, 0.7], [2, 0.5]] }] });
 * document.body.insertAdjacentHTML('beforeend', fig.svg);
 * ```
 */
export interface Figure {
  /** Width in CSS pixels (the PNG's width at scale 1). */
  width: number;
  /** Height in CSS pixels. */
  height: number;
  /** A complete `<svg>` document. */
  svg: string;
}

/**
 * Escapes text for SVG (XML) character data and attribute values.
 *
 * @example
 * ```ts
 * import { escapeXml } from '@mrnet/viz';
 * escapeXml('a < b & c'); // 'a &#60; b &#38; c'
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A coordinate with at most 2 decimals (SVG stays small and diffable). Internal. */
export function n2(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/**
 * The width in px of `text` set in {@link FONT_FAMILY} at `size` px, from the font's advance
 * widths (no kerning; characters outside the table count 0.6 em): for layout that must fit text.
 *
 * @example
 * ```ts
 * import { textWidth } from '@mrnet/viz';
 * textWidth('sagittal', 14); // ≈ 55
 * ```
 */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += DEJAVU_SANS_WIDTHS[ch] ?? 0.6;
  return em * size;
}

/** A {@link Colour} as SVG paint attributes (`fill`/`stroke` plus its opacity when not opaque). Internal. */
export function paint(attr: 'fill' | 'stroke', colour: Colour): string {
  const [r, g, b, a] = parseColour(colour);
  const hex = `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  return a === 255 ? `${attr}="${hex}"` : `${attr}="${hex}" ${attr}-opacity="${n2(a / 255)}"`;
}

/**
 * Options of {@link svgText}.
 *
 * @example
 * ```ts
 * import { svgText, type TextOptions } from '@mrnet/viz';
 * const o: TextOptions = { size: 14, anchor: 'middle', colour: 'white' };
 * svgText(100, 20, 'ACL tear · sagittal', o);
 * ```
 */
export interface TextOptions {
  size: number;
  anchor?: 'start' | 'middle' | 'end';
  /** Vertical placement of `y`: the baseline (default), or the middle / top of the capitals. */
  baseline?: 'alphabetic' | 'middle' | 'hanging';
  colour?: Colour;
  weight?: 'normal' | 'bold';
  /** Rotation in degrees about (x, y). */
  rotate?: number;
}

/**
 * An SVG `<text>` element (escaped), for composing figures; `baseline` is applied as a `dy`
 * offset, on which resvg and browsers agree (they differ on `dominant-baseline`).
 *
 * @example
 * ```ts
 * import { svgText } from '@mrnet/viz';
 * svgText(8, 20, 'P 0.912', { size: 14, colour: '#cccccc' }); // '<text x="8" y="20" font-size="14" fill="#cccccc">P 0.912</text>'
 * ```
 */
export function svgText(x: number, y: number, text: string, o: TextOptions): string {
  const dy = o.baseline === 'middle' ? 0.36 * o.size : o.baseline === 'hanging' ? 0.73 * o.size : 0;
  const attrs = [
    `x="${n2(x)}"`,
    `y="${n2(y)}"`,
    dy ? `dy="${n2(dy)}"` : '',
    `font-size="${n2(o.size)}"`,
    o.anchor && o.anchor !== 'start' ? `text-anchor="${o.anchor}"` : '',
    o.weight === 'bold' ? 'font-weight="bold"' : '',
    o.colour !== undefined ? paint('fill', o.colour) : '',
    o.rotate ? `transform="rotate(${n2(o.rotate)} ${n2(x)} ${n2(y)})"` : '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${escapeXml(text)}</text>`;
}

/**
 * Wraps SVG elements in an `<svg>` document of the given size, with a background and
 * {@link FONT_FAMILY} — the document every figure of this package is.
 *
 * @example
 * ```ts
 * import { svgDocument, svgText, type Figure } from '@mrnet/viz';
 * const fig: Figure = { width: 200, height: 40, svg: svgDocument(200, 40, svgText(8, 24, 'hello', { size: 14 })) };
 * ```
 */
export function svgDocument(width: number, height: number, body: string, background: Colour = 'white'): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}, sans-serif">\n` +
    `<rect width="${width}" height="${height}" ${paint('fill', background)}/>\n${body}\n</svg>\n`
  );
}
