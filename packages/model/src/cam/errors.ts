import { markInputError } from '@mrnet/options';

/**
 * The model given to {@link classActivationMaps} cannot produce class activation maps: it has no
 * `lastConvFeatures`, no linear head (`Linear(C, 1)` weight + bias), or a head whose size does not
 * match its features. A `TypeError` (the wrong kind of object), so the CLI maps it to exit code 2.
 *
 * @example
 * ```ts
 * import { classActivationMaps, CamModelError } from '@mrnet/model';
 * try {
 *   classActivationMaps({ lastConvFeatures: backbone } as never, volume.data, volume.shape);
 * } catch (e) {
 *   if (e instanceof CamModelError) console.error(e.message); // "... has no linear head ..."
 * }
 * ```
 */
export class CamModelError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'CamModelError';
    markInputError(this);
  }
}
