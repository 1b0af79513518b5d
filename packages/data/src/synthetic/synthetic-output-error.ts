import { InputError } from '@mrnet/options';

/**
 * `generateSyntheticMRNet` was asked to write into a folder that holds something: a non-empty
 * folder without `overwrite: true`, a folder that is not a synthetic dataset (even with
 * `overwrite: true`), or a synthetic dataset folder holding a foreign file where the new dataset
 * would write one. Nothing was changed. `path` is the folder (or the file in the way).
 *
 * @example
 * ```ts
 * import { SyntheticOutputError } from '@mrnet/data';
 * import { generateSyntheticMRNet } from '@mrnet/data/node';
 * try {
 *   await generateSyntheticMRNet({ out: 'data', train: 8, valid: 4 });
 * } catch (e) {
 *   if (e instanceof SyntheticOutputError) console.error(e.message); // names the folder
 * }
 * ```
 */
export class SyntheticOutputError extends InputError {
  constructor(message: string, path: string) {
    super(message, { path });
    this.name = 'SyntheticOutputError';
  }
}
