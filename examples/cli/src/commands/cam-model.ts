import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PLANES, type Intensity, type Plane, type Task } from '@mrnet/data';
import { loadMRNet, ModelArtifactsError, type MRNet, type MRNetMetadata } from '@mrnet/model';
import { BadInputError } from '../cli/usage-error.js';

/** The task/plane models present under a models folder (`{models}/{task}/{plane}/model.json`). @internal */
export function listPlaneModels(models: string): string[] {
  const found: string[] = [];
  const dirs = (d: string): string[] => {
    try {
      return readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch {
      return [];
    }
  };
  for (const t of dirs(models)) for (const p of dirs(join(models, t))) if (existsSync(join(models, t, p, 'model.json'))) found.push(`${t}/${p}`);
  return found.sort();
}

/**
 * Loads the model of one task and plane from `{models}/{task}/{plane}/` (as `mrnet train` saves
 * them) and checks that its metadata agrees: a model saved for another task or plane, a missing
 * folder, or a malformed model is bad input (exit 2), with a message that lists what is there.
 *
 * @example
 * ```ts
 * const { model, metadata, dir } = await loadPlaneModel('models', 'acl', 'sagittal');
 * ```
 */
export async function loadPlaneModel(models: string, task: Task, plane: Plane): Promise<{ model: MRNet; metadata: MRNetMetadata; dir: string; intensity: Intensity }> {
  const dir = join(models, task, plane);
  if (!existsSync(join(dir, 'model.json'))) {
    const there = listPlaneModels(models);
    throw new BadInputError(
      `--models ${models}: no ${task}/${plane} model (expected ${join(dir, 'model.json')}); ` +
        (there.length ? `models there: ${there.join(', ')}` : 'no {task}/{plane}/model.json found there'),
    );
  }
  let loaded;
  try {
    loaded = await loadMRNet(dir);
  } catch (e) {
    if (e instanceof ModelArtifactsError) throw new BadInputError(`--models: ${e.message}`);
    throw e;
  }
  const { model, metadata } = loaded;
  const wrong = (field: 'task' | 'plane', want: string): string | undefined =>
    metadata[field] !== undefined && metadata[field] !== want ? `was trained for ${field} ${JSON.stringify(metadata[field])}, not ${JSON.stringify(want)}` : undefined;
  const problem = wrong('plane', plane) ?? wrong('task', task);
  if (problem) {
    model.dispose();
    throw new BadInputError(`--models: the model in ${dir} ${problem} (its model.json metadata says so)`);
  }
  // The weights' own input normalisation, validated by loadMRNet.
  return { model, metadata, dir, intensity: loaded.inputNormalisation };
}

/**
 * The plane an input file declares by its MRNet-v1.0 location (`…/{plane}/0123.npy`), if any.
 *
 * @example
 * ```ts
 * planeOfPath('MRNet-v1.0/valid/coronal/1130.npy'); // 'coronal'
 * planeOfPath('exam.npy');                           // undefined
 * ```
 */
export function planeOfPath(path: string): Plane | undefined {
  const parent = basename(dirname(resolve(path)));
  return (PLANES as readonly string[]).includes(parent) ? (parent as Plane) : undefined;
}
