import { VizRangeError, VizTypeError } from '../errors.js';
import { describe } from '../options.js';

/**
 * An 8-bit colour with alpha: `[r, g, b, a]`, each 0–255.
 *
 * @example
 * ```ts
 * import { parseColour, type Rgba } from '@mrnet/viz';
 * const orange: Rgba = parseColour('#ff8800'); // [255, 136, 0, 255]
 * ```
 */
export type Rgba = readonly [number, number, number, number];

/**
 * A colour: `'#rgb'`, `'#rrggbb'`, `'#rrggbbaa'`, one of the names in {@link NAMED_COLOURS}, or an
 * `[r, g, b]` / `[r, g, b, a]` tuple of integers 0–255.
 *
 * @example
 * ```ts
 * import { parseColour, type Colour } from '@mrnet/viz';
 * const colours: Colour[] = ['#ff8800', 'red', [0, 128, 255], [0, 0, 0, 128]];
 * colours.map(parseColour); // Rgba tuples
 * ```
 */
export type Colour = string | readonly [number, number, number] | Rgba;

/**
 * Named colours accepted wherever a {@link Colour} is: the basics plus a colour-blind-friendly
 * series palette (`series0`…`series5`, from Okabe & Ito).
 *
 * @example
 * ```ts
 * import { NAMED_COLOURS } from '@mrnet/viz';
 * NAMED_COLOURS.series0; // '#0072b2'
 * ```
 */
export const NAMED_COLOURS: Readonly<Record<string, string>> = Object.freeze({
  white: '#ffffff',
  black: '#000000',
  grey: '#808080',
  lightgrey: '#d9d9d9',
  red: '#ff0000',
  green: '#00a000',
  blue: '#0000ff',
  transparent: '#00000000',
  series0: '#0072b2',
  series1: '#d55e00',
  series2: '#009e73',
  series3: '#cc79a7',
  series4: '#e69f00',
  series5: '#56b4e9',
});

/**
 * Parses a {@link Colour} to `[r, g, b, a]`. Malformed strings, unknown names and components
 * outside 0–255 throw `RangeError`; other types `TypeError`.
 *
 * @example
 * ```ts
 * import { parseColour } from '@mrnet/viz';
 * parseColour('#ff8000'); // [255, 128, 0, 255]
 * parseColour([10, 20, 30]); // [10, 20, 30, 255]
 * ```
 */
export function parseColour(colour: Colour): Rgba {
  if (typeof colour === 'string') {
    const hex = NAMED_COLOURS[colour] ?? colour;
    const m = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(hex);
    if (m === null) throw new VizRangeError(`parseColour: not a colour: ${JSON.stringify(colour)} (use #rrggbb, #rrggbbaa or a named colour)`);
    let h = m[1]!;
    if (h.length === 3) h = [...h].map((c) => c + c).join('');
    if (h.length === 6) h += 'ff';
    return [0, 2, 4, 6].map((i) => parseInt(h.slice(i, i + 2), 16)) as unknown as Rgba;
  }
  if (!Array.isArray(colour) || (colour.length !== 3 && colour.length !== 4)) {
    throw new VizTypeError(`parseColour: expected a string or an [r, g, b(, a)] array (got ${describe(colour)})`);
  }
  for (const c of colour) {
    if (typeof c !== 'number') throw new VizTypeError(`parseColour: components must be numbers (got ${describe(colour)})`);
    if (!Number.isInteger(c) || c < 0 || c > 255) throw new VizRangeError(`parseColour: components must be integers 0–255 (got ${describe(colour)})`);
  }
  return (colour.length === 3 ? [colour[0], colour[1], colour[2], 255] : [...colour]) as unknown as Rgba;
}
