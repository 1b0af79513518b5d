import * as nodeFsp from 'node:fs/promises';
import * as path from 'node:path';
import { syncDir, tempSibling } from './write-file-atomic.js';

type Fsp = typeof nodeFsp;

/**
 * Which step of {@link replaceDirAtomic} failed, and the folder: the previous folder is intact.
 *
 * @example
 * ```ts
 * import { replaceDirAtomic, AtomicReplaceError } from '@mrnet/options/node';
 * try { await replaceDirAtomic('models/acl/sagittal', async () => {}); }
 * catch (e) { if (e instanceof AtomicReplaceError) console.error(e.stage, e.path); }
 * ```
 */
export class AtomicReplaceError extends Error {
  readonly path: string;
  readonly stage: 'write' | 'move-aside' | 'move-in';
  constructor(message: string, dir: string, stage: AtomicReplaceError['stage'], cause: unknown) {
    super(message, { cause });
    this.name = 'AtomicReplaceError';
    this.path = dir;
    this.stage = stage;
  }
}

/**
 * Replaces a folder atomically: `fill(tmp)` writes the new contents into a uniquely named sibling
 * folder, every file there and the folder are fsynced, the previous folder (if any) is moved
 * aside, the new one renamed into place, the parent fsynced, and the old one deleted. A failure at
 * any step (a full disk while filling) removes the temporary folder and leaves the previous folder
 * at `dir` as it was.
 *
 * @param fill - Writes the new contents into the folder it is given (use `fs` from the options for fault injection).
 * @returns The absolute folder written.
 * @throws AtomicReplaceError naming the stage and the folder; its `cause` is the fs error.
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { join } from 'node:path';
 * import { replaceDirAtomic } from '@mrnet/options/node';
 * await replaceDirAtomic('models/acl/sagittal', async (tmp) => { await writeFile(join(tmp, 'model.json'), '{}'); });
 * ```
 */
export async function replaceDirAtomic(dir: string, fill: (tmp: string, fs: Fsp) => Promise<void>, options: { fs?: Partial<Fsp> } = {}): Promise<string> {
  const fs = { ...nodeFsp, ...options.fs } as Fsp;
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  const tmp = tempSibling(target, 'tmp');
  const old = tempSibling(target, 'old');
  const cleanup = (): Promise<void> => nodeFsp.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  try {
    await fs.mkdir(parent, { recursive: true });
    await fs.mkdir(tmp);
    await fill(tmp, fs);
    for (const name of await nodeFsp.readdir(tmp)) await syncFile(fs, path.join(tmp, name));
    await syncFile(fs, tmp);
  } catch (e) {
    await cleanup();
    throw new AtomicReplaceError(`${target}: writing failed, previous contents (if any) left intact: ${(e as Error)?.message ?? e}`, target, 'write', e);
  }
  let hadOld = false;
  try {
    await fs.rename(target, old);
    hadOld = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException)?.code !== 'ENOENT') {
      await cleanup();
      throw new AtomicReplaceError(`${target}: cannot move the previous contents aside: ${(e as Error)?.message ?? e}`, target, 'move-aside', e);
    }
  }
  try {
    await fs.rename(tmp, target);
  } catch (e) {
    if (hadOld) await nodeFsp.rename(old, target).catch(() => undefined);
    await cleanup();
    throw new AtomicReplaceError(`${target}: cannot move the new contents into place: ${(e as Error)?.message ?? e}`, target, 'move-in', e);
  }
  await syncDir(parent);
  if (hadOld) await nodeFsp.rm(old, { recursive: true, force: true });
  return target;
}

async function syncFile(fs: Fsp, file: string): Promise<void> {
  const h = await fs.open(file, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}
