import { markInputError } from '@mrnet/options';

/**
 * A value of the wrong type reached `@mrnet/viz` (pixels that are not a `Uint8Array`, a width that
 * is not a number, an unknown colour-map name's type). The message names the function and value.
 *
 * @example
 * ```ts
 * import { encodePng, VizTypeError } from '@mrnet/viz';
 * try { encodePng([0, 0, 0, 255] as never, 1, 1); } catch (e) { console.log(e instanceof VizTypeError); }
 * ```
 */
export class VizTypeError extends TypeError {
  override name = 'VizTypeError';
  constructor(message: string) {
    super(message);
    markInputError(this);
  }
}

/**
 * A value of the right type but outside what `@mrnet/viz` accepts: a pixel buffer whose length does
 * not match `width × height × 4`, a size ≤ 0, a colour-map input outside [0, 1], a non-finite point.
 *
 * @example
 * ```ts
 * import { colormap, VizRangeError } from '@mrnet/viz';
 * try { colormap('jet', 1.5); } catch (e) { console.log(e instanceof VizRangeError); }
 * ```
 */
export class VizRangeError extends RangeError {
  override name = 'VizRangeError';
  constructor(message: string) {
    super(message);
    markInputError(this);
  }
}
