import * as path from 'node:path';

/**
 * The best model folder of one task and plane: `{modelsDir}/{task}/{plane}` (a TensorFlow.js
 * artifacts folder). The one definition of the models folder layout, used by training, stacking,
 * prediction and the CLI.
 *
 * @example
 * ```ts
 * import { planeModelDir } from '@mrnet/options/node';
 * planeModelDir('models', 'acl', 'sagittal'); // 'models/acl/sagittal'
 * ```
 */
export function planeModelDir(modelsDir: string, task: string, plane: string): string {
  return path.join(modelsDir, task, plane);
}

/**
 * The resume checkpoint of an interrupted run: `{modelsDir}/{task}/{plane}.resume`.
 *
 * @example
 * ```ts
 * import { resumeFilePath } from '@mrnet/options/node';
 * resumeFilePath('models', 'acl', 'sagittal'); // 'models/acl/sagittal.resume'
 * ```
 */
export function resumeFilePath(modelsDir: string, task: string, plane: string): string {
  return path.join(modelsDir, task, `${plane}.resume`);
}

/**
 * The lock file held while a task and plane train: `{modelsDir}/{task}/{plane}.lock`.
 *
 * @example
 * ```ts
 * import { trainLockPath } from '@mrnet/options/node';
 * trainLockPath('models', 'acl', 'sagittal'); // 'models/acl/sagittal.lock'
 * ```
 */
export function trainLockPath(modelsDir: string, task: string, plane: string): string {
  return path.join(modelsDir, task, `${plane}.lock`);
}

/**
 * The stacked meta-model of a task: `{modelsDir}/{task}/stack.json`.
 *
 * @example
 * ```ts
 * import { stackedModelPath } from '@mrnet/options/node';
 * stackedModelPath('models', 'acl'); // 'models/acl/stack.json'
 * ```
 */
export function stackedModelPath(modelsDir: string, task: string): string {
  return path.join(modelsDir, task, 'stack.json');
}
