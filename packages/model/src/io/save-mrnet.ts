import type { MRNet } from '../network/mrnet.js';
import type { MRNetWeights } from '../network/weights.js';
import { ModelArtifactsError } from '../errors.js';
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

async function syncPath(fs: FsPromises, path: string): Promise<void> {
  const h = await fs.open(path, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
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
  const weights = 'getWeights' in model ? model.getWeights() : model;
  const { modelJson, shards } = encodeMRNet(weights, metadata);
  const fsSpec = 'node:fs/promises';
  const pathSpec = 'node:path';
  const realFs = (await import(fsSpec)) as FsPromises;
  const fs = { ...realFs, ...options.fs } as FsPromises;
  const path = (await import(pathSpec)) as typeof import('node:path');
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  const tag = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const tmp = path.join(parent, `.${base}.tmp-${tag}`);
  const old = path.join(parent, `.${base}.old-${tag}`);
  try {
    await fs.mkdir(parent, { recursive: true });
    await fs.mkdir(tmp);
    for (const s of shards) await fs.writeFile(path.join(tmp, s.name), s.bytes);
    await fs.writeFile(path.join(tmp, 'model.json'), JSON.stringify(modelJson, null, 1));
    for (const s of shards) await syncPath(fs, path.join(tmp, s.name));
    await syncPath(fs, path.join(tmp, 'model.json'));
    await syncPath(fs, tmp);
  } catch (e) {
    await realFs.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw new ModelArtifactsError(target, `saveMRNet: ${target}: writing failed, previous model (if any) left intact: ${(e as Error)?.message ?? e}`, { cause: e });
  }
  let hadOld = false;
  try {
    await fs.rename(target, old);
    hadOld = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException)?.code !== 'ENOENT') {
      await realFs.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      throw new ModelArtifactsError(target, `saveMRNet: ${target}: cannot move the previous model aside: ${(e as Error)?.message ?? e}`, { cause: e });
    }
  }
  try {
    await fs.rename(tmp, target);
  } catch (e) {
    if (hadOld) await realFs.rename(old, target).catch(() => undefined);
    await realFs.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw new ModelArtifactsError(target, `saveMRNet: ${target}: cannot move the new model into place: ${(e as Error)?.message ?? e}`, { cause: e });
  }
  await syncPath(realFs, parent).catch(() => undefined);
  if (hadOld) await realFs.rm(old, { recursive: true, force: true });
  return target;
}
