import type { MRNet } from '../network/mrnet.js';
import type { MRNetWeights } from '../network/weights.js';
import { ModelArtifactsError } from '../errors.js';
import { readBack } from '../backend/read-back.js';
import { encodeMRNet, type MRNetMetadata } from './format.js';

type FsPromises = typeof import('node:fs/promises');

/**
 * Options of {@link saveMRNet}.
 *
 * @example
 * ```ts
 * import { createMRNet } from '@mrnet/model';
 * import { saveMRNet, type SaveMRNetOptions } from '@mrnet/model/node';
 * const options: SaveMRNetOptions = {};
 * await saveMRNet(createMRNet({ seed: 1 }), 'models/acl/sagittal', { task: 'acl', plane: 'sagittal' }, options);
 * ```
 */
export interface SaveMRNetOptions {
  /**
   * @internal Overrides of `node:fs/promises` functions, for fault-injection tests (e.g. a
   * `writeFile` that throws half-way, simulating a crash).
   */
  fs?: Partial<FsPromises>;
}

/**
 * Saves a model (or plain weights) as a TensorFlow.js artifacts folder — `model.json` (weights
 * manifest, a small MRNet topology and a `metadata` block) plus `.bin` shards — **atomically**:
 * everything is written and fsynced in a temporary sibling folder, which is then renamed into
 * place. A crash or error never leaves a half-written model at `dir`; a previous model there is
 * replaced only once the new one is complete. Node only.
 *
 * @param model - an {@link MRNet} or its {@link MRNetWeights}.
 * @param dir - target folder (created; replaced if it exists).
 * @param metadata - task, plane, normalisation, best epoch, AUCs, losses… (`packageVersion` is added).
 * @returns the absolute folder written.
 * @throws ModelArtifactsError naming `dir` when writing fails (the previous model stays intact).
 * @example
 * ```ts
 * import { createMRNet } from '@mrnet/model';
 * import { saveMRNet } from '@mrnet/model/node';
 * const net = createMRNet({ seed: 1 });
 * await saveMRNet(net, './models/acl-sagittal', { task: 'acl', plane: 'sagittal', valAuc: 0.88 });
 * ```
 */
export async function saveMRNet(model: MRNet | MRNetWeights, dir: string, metadata: MRNetMetadata = {}, options: SaveMRNetOptions = {}): Promise<string> {
  if (typeof dir !== 'string' || dir.length === 0) throw new TypeError(`saveMRNet: dir must be a non-empty string (got ${typeof dir})`);
  if (metadata === null || typeof metadata !== 'object') throw new TypeError(`saveMRNet: metadata must be an object (got ${typeof metadata})`);
  if ('getWeights' in model) await readBack(model.variables); // WebGPU has no synchronous read under Node
  const weights = 'getWeights' in model ? model.getWeights() : model;
  const { modelJson, shards } = encodeMRNet(weights, metadata);
  const nodeSpec = '@mrnet/options/node';
  // Imported lazily so that the browser bundle of @mrnet/model never loads node: modules.
  const { replaceDirAtomic, AtomicReplaceError } = (await import(nodeSpec)) as typeof import('@mrnet/options/node');
  try {
    return await replaceDirAtomic(
      dir,
      async (tmp, fs) => {
        for (const s of shards) await fs.writeFile(`${tmp}/${s.name}`, s.bytes);
        await fs.writeFile(`${tmp}/model.json`, JSON.stringify(modelJson, null, 1));
      },
      options.fs ? { fs: options.fs } : {},
    );
  } catch (e) {
    if (!(e instanceof AtomicReplaceError)) throw e;
    const what = e.stage === 'write' ? 'writing failed, previous model (if any) left intact' : e.stage === 'move-aside' ? 'cannot move the previous model aside' : 'cannot move the new model into place';
    const cause = e.cause as Error | undefined;
    throw new ModelArtifactsError(e.path, `saveMRNet: ${e.path}: ${what}: ${cause?.message ?? cause}`, { cause });
  }
}
