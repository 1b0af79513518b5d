import { type MRNet, type MRNetMetadata } from '@mrnet/model';
import { saveMRNet } from '@mrnet/model/node';
import { planeModelDir } from '@mrnet/options/node';

// The models folder layout has one definition, in the core leaf (`@mrnet/options/node`).
export { resumeFilePath } from '@mrnet/options/node';

/**
 * The best model folder of a task and plane: `{modelsDir}/{task}/{plane}`.
 *
 * @deprecated The same function as `planeModelDir` (from `@mrnet/options/node` or `@mrnet/stack`); kept as an alias.
 * @example
 * ```ts
 * import { bestModelDir } from '@mrnet/train';
 * bestModelDir('models', 'acl', 'sagittal'); // 'models/acl/sagittal'
 * ```
 */
export const bestModelDir: (modelsDir: string, task: string, plane: string) => string = planeModelDir;

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
