/**
 * This package's version, written into saved models' metadata.
 * @example
 * ```ts
 * import { MODEL_PACKAGE_VERSION } from '@mrnet/model';
 * console.log(MODEL_PACKAGE_VERSION); // "0.1.0"
 * ```
 */
export const MODEL_PACKAGE_VERSION = '0.1.0';
