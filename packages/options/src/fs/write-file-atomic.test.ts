import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../errors/input-error.js';
import { assertWritableDir } from './assert-writable-dir.js';
import { acquireLock, LockedError } from './lock-file.js';
import { replaceDirAtomic, AtomicReplaceError } from './replace-dir-atomic.js';
import { writeFileAtomic, writeFileAtomicSync } from './write-file-atomic.js';

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'mrnet-atomic-'));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const enospc = (): Error => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/** An fs layer whose file handles fail on the first write, as a full disk does. */
const fullDisk: Partial<typeof fsp> = {
  open: (async (...args: Parameters<typeof fsp.open>) => {
    const h = await fsp.open(...args);
    return new Proxy(h, {
      get(target, key) {
        if (key === 'write') return async () => Promise.reject(enospc());
        const v = Reflect.get(target, key) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }) as typeof fsp.open,
};

describe('writeFileAtomic', () => {
  it('writes text, bytes and chunks, creating the folder', async () => {
    const f = path.join(dir, 'a', 'b.json');
    await writeFileAtomic(f, 'x');
    expect(await fsp.readFile(f, 'utf8')).toBe('x');
    await writeFileAtomic(f, [new Uint8Array([1, 2]), new Uint8Array([3])]);
    expect([...(await fsp.readFile(f))]).toEqual([1, 2, 3]);
    writeFileAtomicSync(f, new Uint8Array([9]));
    expect([...(await fsp.readFile(f))]).toEqual([9]);
  });

  it('a failed write (ENOSPC) leaves the previous file intact and no temporary file', async () => {
    const f = path.join(dir, 'best.json');
    await writeFileAtomic(f, 'previous');
    await expect(writeFileAtomic(f, 'next', { fs: fullDisk })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await fsp.readFile(f, 'utf8')).toBe('previous');
    expect(await fsp.readdir(dir)).toEqual(['best.json']);
  });

  it('a crash before the rename leaves the previous file; concurrent writers never share a temp name', async () => {
    const f = path.join(dir, 'x');
    await writeFileAtomic(f, 'old');
    await expect(writeFileAtomic(f, 'new', { beforeCommit: async () => Promise.reject(new Error('killed')) })).rejects.toThrow('killed');
    expect(await fsp.readFile(f, 'utf8')).toBe('old');
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileAtomic(f, String(i))));
    expect(await fsp.readdir(dir)).toEqual(['x']);
  });
});

describe('replaceDirAtomic', () => {
  it('replaces a folder, and a failure while filling leaves the previous folder intact', async () => {
    const d = path.join(dir, 'acl', 'sagittal');
    await replaceDirAtomic(d, async (tmp) => fsp.writeFile(path.join(tmp, 'model.json'), 'v1'));
    await replaceDirAtomic(d, async (tmp) => fsp.writeFile(path.join(tmp, 'model.json'), 'v2'));
    expect(await fsp.readFile(path.join(d, 'model.json'), 'utf8')).toBe('v2');
    const failing = replaceDirAtomic(d, async (tmp, fs) => {
      await fs.writeFile(path.join(tmp, 'a.bin'), 'partial');
      throw enospc();
    });
    await expect(failing).rejects.toBeInstanceOf(AtomicReplaceError);
    expect(await fsp.readFile(path.join(d, 'model.json'), 'utf8')).toBe('v2');
    expect(await fsp.readdir(path.join(dir, 'acl'))).toEqual(['sagittal']);
  });
});

describe('assertWritableDir', () => {
  it('creates the folder, and refuses one that cannot be created with an InputError naming it', async () => {
    await assertWritableDir(path.join(dir, 'models'), 'models');
    expect(await fsp.readdir(path.join(dir, 'models'))).toEqual([]);
    await fsp.writeFile(path.join(dir, 'file'), '');
    const bad = path.join(dir, 'file', 'models');
    const e = await assertWritableDir(bad, 'models').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toContain(`models folder ${bad} cannot be written`);
    expect((e as InputError).path).toBe(bad);
  });
});

describe('acquireLock', () => {
  it('refuses while held by a live process, is released, and takes over a stale lock of a dead pid', async () => {
    const f = path.join(dir, 'acl', 'sagittal.lock');
    const release = await acquireLock(f, 'training acl/sagittal');
    const e = await acquireLock(f, 'training acl/sagittal').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LockedError);
    expect(e).toBeInstanceOf(InputError);
    expect((e as LockedError).message).toContain(`pid ${process.pid} on ${os.hostname()}`);
    await release();
    expect(await fsp.readdir(path.dirname(f))).toEqual([]);
    // A pid far above pid_max is never alive.
    await fsp.writeFile(f, JSON.stringify({ pid: 2 ** 30, host: os.hostname(), since: 'then', what: 'training' }));
    const again = await acquireLock(f, 'training acl/sagittal');
    expect(JSON.parse(await fsp.readFile(f, 'utf8')).pid).toBe(process.pid);
    await again();
  });

  it('refuses a lock held on another host (its pid cannot be checked from here)', async () => {
    const f = path.join(dir, 'x.lock');
    await fsp.writeFile(f, JSON.stringify({ pid: 2 ** 30, host: 'elsewhere', since: 'then', what: 'training' }));
    await expect(acquireLock(f, 'training')).rejects.toThrow(/pid 1073741824 on elsewhere/);
  });
});
