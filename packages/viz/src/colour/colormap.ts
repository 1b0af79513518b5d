import { VizRangeError, VizTypeError } from '../errors.js';
import { describe } from '../options.js';

/**
 * The colour maps {@link colormap} knows.
 *
 * @example
 * ```ts
 * import { COLORMAP_NAMES, colormap } from '@mrnet/viz';
 * for (const name of COLORMAP_NAMES) console.log(name, colormap(name, 1)); // the top colour of each
 * ```
 */
export const COLORMAP_NAMES = ['jet', 'inferno', 'viridis', 'grey'] as const;
/**
 * A colour-map name: `'jet'` (MATLAB/OpenCV-style), `'inferno'`, `'viridis'` (matplotlib), `'grey'`.
 *
 * @example
 * ```ts
 * import { colormapTable, type ColormapName } from '@mrnet/viz';
 * const name: ColormapName = 'inferno';
 * const lut = colormapTable(name); // 256 × RGB bytes
 * ```
 */
export type ColormapName = (typeof COLORMAP_NAMES)[number];

// matplotlib's inferno and viridis at t = 0, 0.1, …, 1 (8-bit sRGB); linear between stops.
const STOPS: Record<'inferno' | 'viridis', string[]> = {
  inferno: ['000004', '160b39', '420a68', '6a176e', '932667', 'bc3754', 'dd513a', 'f37819', 'fca50a', 'f6d746', 'fcffa4'],
  viridis: ['440154', '482475', '414487', '355f8d', '2a788e', '21918c', '22a884', '44bf70', '7ad151', 'bddf26', 'fde725'],
};
const PARSED = Object.fromEntries(
  Object.entries(STOPS).map(([k, v]) => [k, v.map((h) => [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)))]),
) as Record<'inferno' | 'viridis', number[][]>;

/**
 * The colour of `t ∈ [0, 1]` in the named colour map, as `[r, g, b]` integers 0–255.
 * `jet` is MATLAB's piecewise-linear jet (dark blue → blue → cyan → yellow → red → dark red, the
 * usual CAM colouring); `inferno` and `viridis` interpolate matplotlib's maps at 11 stops; `grey`
 * is black → white. `t` outside [0, 1] or NaN throws `RangeError` (no silent clamping).
 *
 * @example
 * ```ts
 * import { colormap } from '@mrnet/viz';
 * colormap('jet', 0);     // [0, 0, 128]
 * colormap('jet', 1);     // [128, 0, 0]
 * colormap('inferno', 1); // [252, 255, 164]
 * ```
 */
export function colormap(name: ColormapName, t: number): [number, number, number] {
  checkName('colormap', name);
  if (typeof t !== 'number') throw new VizTypeError(`colormap: t must be a number (got ${describe(t)})`);
  if (!(t >= 0 && t <= 1)) throw new VizRangeError(`colormap: t must be in [0, 1] (got ${t})`);
  switch (name) {
    case 'jet': {
      const ch = (c: number) => Math.round(255 * Math.max(0, Math.min(1, 1.5 - Math.abs(4 * t - c))));
      return [ch(3), ch(2), ch(1)];
    }
    case 'grey': {
      const g = Math.round(255 * t);
      return [g, g, g];
    }
    default: {
      const stops = PARSED[name];
      const f = t * (stops.length - 1);
      const i = Math.min(stops.length - 2, Math.floor(f));
      const u = f - i;
      const a = stops[i]!;
      const b = stops[i + 1]!;
      return [0, 1, 2].map((c) => Math.round(a[c]! + (b[c]! - a[c]!) * u)) as [number, number, number];
    }
  }
}

/**
 * A 256-entry lookup table of the colour map (`[256, 3]` bytes), entry k = `colormap(name, k/255)`.
 *
 * @example
 * ```ts
 * import { colormapTable } from '@mrnet/viz';
 * const lut = colormapTable('inferno');
 * const [r, g, b] = lut.subarray(3 * 200, 3 * 200 + 3);
 * ```
 */
export function colormapTable(name: ColormapName): Uint8Array {
  checkName('colormapTable', name);
  const lut = new Uint8Array(256 * 3);
  for (let k = 0; k < 256; k++) lut.set(colormap(name, k / 255), 3 * k);
  return lut;
}

function checkName(fn: string, name: unknown): void {
  if (typeof name !== 'string') throw new VizTypeError(`${fn}: name must be a string (got ${describe(name)})`);
  if (!(COLORMAP_NAMES as readonly string[]).includes(name)) {
    throw new VizRangeError(`${fn}: unknown colour map ${JSON.stringify(name)} (one of ${COLORMAP_NAMES.join(', ')})`);
  }
}
