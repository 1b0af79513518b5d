import { basename, dirname, join, resolve } from 'node:path';
import { PLANES, TASKS, type Plane, type Split, type Task } from '@mrnet/data';

// The models folder layout has one definition, in the core leaf; re-exported for @mrnet/stack users.
export { planeModelDir, stackedModelPath } from '@mrnet/options/node';

/**
 * The inverse of `planeModelDir`: the task and plane a `{modelsDir}/{task}/{plane}` folder
 * is for, or `undefined` when its last two path parts are not a task and a plane.
 *
 * @example
 * ```ts
 * import { parsePlaneModelDir } from '@mrnet/stack';
 * parsePlaneModelDir('models/acl/sagittal'); // { task: 'acl', plane: 'sagittal' }
 * parsePlaneModelDir('models-tfjs');         // undefined
 * ```
 */
export function parsePlaneModelDir(dir: string): { task: Task; plane: Plane } | undefined {
  const full = resolve(dir);
  const plane = basename(full);
  const task = basename(dirname(full));
  if (!(PLANES as readonly string[]).includes(plane) || !(TASKS as readonly string[]).includes(task)) return undefined;
  return { task: task as Task, plane: plane as Plane };
}

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
