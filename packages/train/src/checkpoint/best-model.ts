import * as path from 'node:path';
import type { Plane, Task } from '@mrnet/data';
import { type MRNet, type MRNetMetadata } from '@mrnet/model';
import { saveMRNet } from '@mrnet/model/node';

/**
 * Where the best model of a task+plane lives: `{modelsDir}/{task}/{plane}/` (a TensorFlow.js
 * artifacts folder, `loadMRNet` reads it).
 *
 * @example
 * ```ts
 * import { bestModelDir } from '@mrnet/train';
 * bestModelDir('models', 'acl', 'sagittal'); // 'models/acl/sagittal'
 * ```
 */
export function bestModelDir(modelsDir: string, task: Task, plane: Plane): string {
  return path.join(modelsDir, task, plane);
}

/**
 * Where the resume checkpoint of a task+plane lives: `{modelsDir}/{task}/{plane}.resume`, next to
 * (not inside) the best-model folder, which is replaced as a whole on every improvement.
 *
 * @example
 * ```ts
 * import { resumeFilePath } from '@mrnet/train';
 * resumeFilePath('models', 'acl', 'sagittal'); // 'models/acl/sagittal.resume'
 * ```
 */
export function resumeFilePath(modelsDir: string, task: Task, plane: Plane): string {
  return path.join(modelsDir, task, `${plane}.resume`);
}

/**
 * Saves the best model atomically (saveMRNet: temp folder + rename), replacing the previous best of
 * this task+plane only once the new one is complete. `hook` (tests) is awaited after the first
 * weight shard of the new model is written. @internal
 */
export async function saveBestModel(net: MRNet, dir: string, metadata: MRNetMetadata, hook?: () => Promise<void>): Promise<string> {
  if (!hook) return saveMRNet(net, dir, metadata);
  const fsp = await import('node:fs/promises');
  let fired = false;
  const writeFile: typeof fsp.writeFile = async (...args: Parameters<typeof fsp.writeFile>) => {
    await fsp.writeFile(...args);
    if (!fired) {
      fired = true;
      await hook();
    }
  };
  return saveMRNet(net, dir, metadata, { fs: { writeFile } });
}
