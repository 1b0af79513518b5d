import { access, constants } from 'node:fs/promises';
import { hostname } from 'node:os';
import { PathNotVisibleError } from '../errors.js';

/**
 * Refuses a job whose folders this worker cannot see or write (no shared filesystem, another mount
 * point): throws {@link PathNotVisibleError} naming the first such path and this host.
 *
 * @example
 * ```ts
 * await assertVisible(['/mnt/mrnet/data'], ['/mnt/mrnet/models']);
 * ```
 */
export async function assertVisible(readable: readonly string[], writable: readonly string[] = []): Promise<void> {
  for (const p of readable) {
    await access(p, constants.R_OK).catch(() => { throw new PathNotVisibleError(p, hostname()); });
  }
  for (const p of writable) {
    await access(p, constants.R_OK | constants.W_OK).catch(() => { throw new PathNotVisibleError(p, hostname()); });
  }
}
