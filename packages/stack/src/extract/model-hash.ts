import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plane, Task } from '@mrnet/data';
import { planeModelDir } from './layout.js';
import { PredictionError } from './prediction-error.js';

/**
 * SHA-256 content hash of a saved model folder (hex): every regular file in it, in name order, as
 * `name NUL byteLength NUL bytes`. Two folders hash alike exactly when they hold the same files with
 * the same bytes, so a retrained (or replaced) plane model changes its hash.
 *
 * @throws PredictionError naming the folder if it cannot be read or holds no `model.json`.
 * @example
 * ```ts
 * import { hashModelDir } from '@mrnet/stack';
 * const hash = await hashModelDir('models/acl/sagittal'); // '3f5a…' (64 hex digits)
 * ```
 */
export async function hashModelDir(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    throw new PredictionError(`hashModelDir: ${dir}: cannot read the model folder (${e.code ?? e.message})`, { path: dir, cause: e });
  });
  const names = entries.filter((e) => e.isFile()).map((e) => e.name).sort();
  if (!names.includes('model.json')) throw new PredictionError(`hashModelDir: ${dir}: no model.json (not a saved model folder)`, { path: dir });
  const hash = createHash('sha256');
  for (const name of names) {
    const bytes = await readFile(join(dir, name));
    hash.update(name).update('\0').update(String(bytes.length)).update('\0').update(bytes);
  }
  return hash.digest('hex');
}

/**
 * The plane model of a task is missing: `{modelsDir}/{task}/{plane}/` does not exist. It says which
 * model and how to make it (`trainPlaneModel`, which saves there); the CLI words it as `mrnet train`.
 *
 * @example
 * ```ts
 * import { extractPredictions, MissingModelError } from '@mrnet/stack';
 * try { await extractPredictions({ data: 'MRNet-v1.0', task: 'acl', modelsDir: 'models' }); }
 * catch (e) { if (e instanceof MissingModelError) console.error(`train ${e.task}/${e.plane} first`); }
 * ```
 */
export class MissingModelError extends PredictionError {
  override name = 'MissingModelError';
  constructor(
    readonly modelsDir: string,
    readonly task: Task,
    readonly plane: Plane,
    cause?: unknown,
  ) {
    const dir = planeModelDir(modelsDir, task, plane);
    super(
      `no ${task}/${plane} model: ${dir} does not exist; train it first (trainPlaneModel with task '${task}', plane '${plane}', modelsDir '${modelsDir}')`,
      { path: dir, cause },
    );
  }
}

/**
 * {@link hashModelDir} of the model of one task and plane under `modelsDir`, with a missing
 * folder reported as a {@link MissingModelError} naming the task and plane.
 *
 * @example
 * ```ts
 * import { hashPlaneModel } from '@mrnet/stack';
 * const hash = await hashPlaneModel('models', 'acl', 'sagittal');
 * ```
 */
export async function hashPlaneModel(modelsDir: string, task: Task, plane: Plane): Promise<string> {
  return hashModelDir(planeModelDir(modelsDir, task, plane)).catch((e: unknown) => {
    const code = ((e as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    throw e instanceof PredictionError && code === 'ENOENT' ? new MissingModelError(modelsDir, task, plane, e) : e;
  });
}
