import { join } from 'node:path';
import type { Split, Task } from '@mrnet/data';

// The models folder layout has one definition, in the core leaf; re-exported for @mrnet/stack users.
export { planeModelDir, stackedModelPath } from '@mrnet/options/node';

/**
 * Per-exam plane probabilities of one task and split: `{dir}/predictions/{task}-{split}.csv`, and
 * the key that says which plane models made them, `{task}-{split}.key.json` beside it.
 *
 * @example
 * ```ts
 * import { predictionsPaths } from '@mrnet/stack';
 * predictionsPaths('models', 'acl', 'valid').csv; // 'models/predictions/acl-valid.csv'
 * ```
 */
export function predictionsPaths(dir: string, task: Task, split: Split): { csv: string; key: string } {
  const base = join(dir, 'predictions', `${task}-${split}`);
  return { csv: `${base}.csv`, key: `${base}.key.json` };
}
