import * as nodeFsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError } from '../errors/input-error.js';

/**
 * Another live process holds the lock: the work it protects is already running.
 *
 * @example
 * ```ts
 * import { acquireLock, LockedError } from '@mrnet/options/node';
 * try { await acquireLock('models/acl/sagittal.lock', 'training acl/sagittal'); }
 * catch (e) { if (e instanceof LockedError) console.error(e.message, e.holder); }
 * ```
 */
export class LockedError extends InputError {
  /** The lock file's owner as written in it. */
  readonly holder: LockOwner;
  constructor(message: string, file: string, holder: LockOwner) {
    super(message, { path: file });
    this.name = 'LockedError';
    this.holder = holder;
  }
}

/**
 * What a lock file holds (JSON).
 *
 * @example
 * ```ts
 * import type { LockOwner } from '@mrnet/options/node';
 * const owner: LockOwner = { pid: 1234, host: 'gpu-1', since: '2026-01-01T00:00:00.000Z', what: 'training acl/sagittal' };
 * ```
 */
export interface LockOwner {
  pid: number;
  host: string;
  since: string;
  what: string;
}

/**
 * Whether a process with this pid runs on this host (one that belongs to another user counts).
 * How a lock holder on this host is told from a dead one.
 *
 * @example
 * ```ts
 * import { isProcessAlive } from '@mrnet/options/node';
 * isProcessAlive(process.pid); // true
 * ```
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock by creating `file` (O_EXCL) holding `{pid, host, since, what}`, and
 * returns the function that releases it. When the file exists: if it names a process on this
 * host that is no longer running (a crashed or killed run), the stale lock is taken over;
 * otherwise (a live process, or one on another host, which we cannot check) the lock is refused.
 *
 * @param what - The work the lock protects, in the file and in the refusal.
 * @throws LockedError (an InputError) naming the lock file, the holder's pid, host and start time.
 * @example
 * ```ts
 * import { acquireLock } from '@mrnet/options/node';
 * const release = await acquireLock('models/acl/sagittal.lock', 'training acl/sagittal');
 * try { // … train …
 * } finally { await release(); }
 * ```
 */
export async function acquireLock(file: string, what: string): Promise<() => Promise<void>> {
  const me: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), what };
  await nodeFsp.mkdir(path.dirname(file), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      await nodeFsp.writeFile(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await nodeFsp.rm(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
    }
    let holder: LockOwner;
    try {
      holder = JSON.parse(await nodeFsp.readFile(file, 'utf8')) as LockOwner;
    } catch {
      holder = { pid: 0, host: '?', since: '?', what: '?' };
    }
    const stale = holder.host === me.host && Number.isInteger(holder.pid) && holder.pid > 0 && !isProcessAlive(holder.pid);
    if (!stale) {
      throw new LockedError(
        `${file}: ${holder.what} is already running (pid ${holder.pid} on ${holder.host}, since ${holder.since}); wait for it to finish, or delete ${file} if that process is gone`,
        file,
        holder,
      );
    }
    await nodeFsp.rm(file, { force: true });
  }
}
