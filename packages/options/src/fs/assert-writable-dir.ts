import * as nodeFsp from 'node:fs/promises';
import { InputError } from '../errors/input-error.js';
import { tempSibling } from './write-file-atomic.js';
import * as path from 'node:path';

const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'EISDIR']);

/**
 * Creates `dir` if needed and proves that a file can be created and removed in it, before any
 * long work starts (training checks its models and logs folders with it: a folder that cannot be
 * written is refused before the first epoch, not after it).
 *
 * @param what - What the folder is for, in the message (`'models'`, `'logs'`).
 * @throws InputError naming the folder (and `path` set to it) when it cannot be created or written
 *   (EACCES, EPERM, EROFS, or a file in the way); other failures (ENOSPC…) as they are.
 * @example
 * ```ts
 * import { assertWritableDir } from '@mrnet/options/node';
 * await assertWritableDir('models', 'models');
 * ```
 */
export async function assertWritableDir(dir: string, what: string): Promise<void> {
  const probe = tempSibling(path.join(dir, 'write-probe'), 'probe');
  try {
    await nodeFsp.mkdir(dir, { recursive: true });
    await nodeFsp.writeFile(probe, '');
    await nodeFsp.rm(probe, { force: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code !== undefined && NOT_WRITABLE.has(code)) {
      throw new InputError(`${what} folder ${dir} cannot be written (${code}); choose another folder or fix its permissions`, { path: dir, cause: e });
    }
    throw e;
  }
}
