/**
 * The file name of an exam's series in the MRNet-v1.0 layout: the id zero-padded to 4 digits.
 *
 * @example
 * ```ts
 * import { examFileName } from '@mrnet/data';
 * examFileName(7); // '0007.npy'
 * ```
 */
export function examFileName(id: number): string {
  return `${String(id).padStart(4, '0')}.npy`;
}
