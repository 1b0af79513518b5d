import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import * as nodeFsp from 'node:fs/promises';
import * as path from 'node:path';

type Fsp = typeof nodeFsp;

/**
 * Options of {@link writeFileAtomic}.
 *
 * @example
 * ```ts
 * import { writeFileAtomic, type WriteFileAtomicOptions } from '@mrnet/options/node';
 * const options: WriteFileAtomicOptions = { mkdir: false };
 * await writeFileAtomic('out/stack.json', '{}\n', options);
 * ```
 */
export interface WriteFileAtomicOptions {
  /** Create the parent folder first (default true). */
  mkdir?: boolean;
  /** Awaited after the temporary file is complete and fsynced, before it is renamed into place (tests: simulate a crash there). */
  beforeCommit?: () => Promise<void>;
  /**
   * Overrides of `node:fs/promises` functions (`open`, `rename`, `mkdir`, `rm`), for
   * fault-injection tests: e.g. an `open` whose handle's `write` fails with ENOSPC.
   */
  fs?: Partial<Fsp>;
}

/** The bytes to write: text (UTF-8), bytes, or several chunks written in order. */
export type AtomicData = string | Uint8Array | readonly Uint8Array[];

/**
 * A temporary name beside `file`, unique across processes, threads and calls (pid plus 64 random
 * bits: the pid alone collides between worker threads and between two calls in one process). Dot
 * prefixed so that listings of the folder skip it. @internal
 */
export function tempSibling(file: string, kind = 'tmp'): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(8).toString('hex')}.${kind}`);
}

function chunks(data: AtomicData): readonly Uint8Array[] {
  if (typeof data === 'string') return [Buffer.from(data, 'utf8')];
  return data instanceof Uint8Array ? [data] : data;
}

/**
 * Writes a file atomically and durably: the bytes go to a uniquely named temporary file in the
 * same folder, which is fsynced, renamed over `file`, and the folder is fsynced. A crash or a
 * failed write (a full disk: ENOSPC) leaves either the previous `file` or the new one, never a
 * mix, and the temporary file is removed on every failure. The one implementation in the
 * project: every saved file (models' metadata aside, see {@link replaceDirAtomic}) goes through it.
 *
 * @param file - The file to (re)place.
 * @param data - Text (UTF-8), bytes, or chunks written in order.
 * @throws The underlying `fs` error (with its `code`, e.g. ENOSPC), after cleanup.
 * @example
 * ```ts
 * import { writeFileAtomic } from '@mrnet/options/node';
 * await writeFileAtomic('models/acl/stack.json', JSON.stringify({ format: 'mrnet-stack', version: 1 }));
 * ```
 */
export async function writeFileAtomic(file: string, data: AtomicData, options: WriteFileAtomicOptions = {}): Promise<void> {
  const fs = { ...nodeFsp, ...options.fs } as Fsp;
  const dir = path.dirname(path.resolve(file));
  if (options.mkdir ?? true) await fs.mkdir(dir, { recursive: true });
  const tmp = tempSibling(file);
  try {
    const h = await fs.open(tmp, 'w');
    try {
      for (const c of chunks(data)) await h.write(c);
      await h.sync();
    } finally {
      await h.close();
    }
    if (options.beforeCommit) await options.beforeCommit();
    await fs.rename(tmp, file);
  } catch (e) {
    await nodeFsp.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncDir(dir);
}

/**
 * The synchronous twin of {@link writeFileAtomic}, for callers that cannot await (same
 * guarantees: unique temporary sibling, fsync of file and folder, cleanup on failure).
 *
 * @example
 * ```ts
 * import { writeFileAtomicSync } from '@mrnet/options/node';
 * writeFileAtomicSync('logs/run/curves.svg', '<svg/>');
 * ```
 */
export function writeFileAtomicSync(file: string, data: AtomicData, options: { mkdir?: boolean } = {}): void {
  const dir = path.dirname(path.resolve(file));
  if (options.mkdir ?? true) nodeFs.mkdirSync(dir, { recursive: true });
  const tmp = tempSibling(file);
  try {
    const fd = nodeFs.openSync(tmp, 'w');
    try {
      for (const c of chunks(data)) nodeFs.writeSync(fd, c);
      nodeFs.fsyncSync(fd);
    } finally {
      nodeFs.closeSync(fd);
    }
    nodeFs.renameSync(tmp, file);
  } catch (e) {
    nodeFs.rmSync(tmp, { force: true });
    throw e;
  }
  try {
    const fd = nodeFs.openSync(dir, 'r');
    try {
      nodeFs.fsyncSync(fd);
    } finally {
      nodeFs.closeSync(fd);
    }
  } catch {
    // Some filesystems cannot fsync a folder; the rename itself is atomic.
  }
}

/**
 * fsyncs a folder so that a rename inside it survives a power loss. Folders that cannot be
 * fsynced (some filesystems refuse) are skipped: the rename is atomic regardless. @internal
 */
export async function syncDir(dir: string): Promise<void> {
  let h: nodeFsp.FileHandle | undefined;
  try {
    h = await nodeFsp.open(dir, 'r');
    await h.sync();
  } catch {
    // see above
  } finally {
    await h?.close();
  }
}
