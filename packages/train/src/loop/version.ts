/**
 * This package's version, written into the metadata of the models it trains.
 * @example
 * ```ts
 * import { TRAIN_PACKAGE_VERSION } from '@mrnet/train';
 * console.log(TRAIN_PACKAGE_VERSION); // "0.1.0"
 * ```
 */
export const TRAIN_PACKAGE_VERSION = '0.1.0';
