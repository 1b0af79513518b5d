import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAugment } from '../augment/index.js';
import type { ExamItem } from '../dataset/open-dataset.js';
import { NpyFormatError } from '../errors.js';
import { writeNpy } from '../npy/index.js';
import { createRng } from '../random/index.js';
import { PLANES } from '../types.js';
import { readVolumeFile } from '../volume/read-volume-file.js';
import { createLoader, type LoaderOptions, type LoaderSample } from './create-loader.js';

// Worker tests run the compiled worker from dist/ (`npm test` builds first).
let dir: string;
let items: ExamItem[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mrnet-loader-'));
  const rng = createRng(77);
  items = [];
  for (let id = 0; id < 7; id++) {
    const s = 3 + (id % 3);
    const h = 64 + (id % 2); // non-square on odd ids
    const data = Uint8Array.from({ length: s * h * 64 }, () => rng.int(256));
    const paths = {} as ExamItem['paths'];
    for (const plane of PLANES) {
      paths[plane] = join(dir, `${plane}-${id}.npy`);
      writeFileSync(paths[plane], writeNpy(data, [s, h, 64]));
    }
    items.push({ id, label: (id % 2) as 0 | 1, weight: 1, paths });
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bit-exact equality of two Float32Arrays (fast; vitest's deep equality walks element by element). */
function sameFloats(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

async function collect(options: LoaderOptions, epoch: number): Promise<LoaderSample[]> {
  const loader = createLoader(options);
  try {
    const out: LoaderSample[] = [];
    for await (const s of loader.epoch(epoch)) out.push(s);
    return out;
  } finally {
    await loader.close();
  }
}

describe('createLoader', () => {
  it('gives identical items, order, augmentation and data with 0 and 2 workers', async () => {
    const base = { items, plane: 'sagittal' as const, shuffle: true, seed: 5, augment: true };
    const inline = await collect({ ...base, workers: 0 }, 3);
    const threaded = await collect({ ...base, workers: 2, prefetch: 3 }, 3);
    expect(inline.map((s) => s.item.id).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(threaded.map((s) => s.item.id)).toEqual(inline.map((s) => s.item.id));
    expect(threaded.map((s) => s.augment)).toEqual(inline.map((s) => s.augment));
    for (let i = 0; i < inline.length; i++) {
      expect(threaded[i]!.volume.shape).toEqual(inline[i]!.volume.shape);
      expect(sameFloats(threaded[i]!.volume.data, inline[i]!.volume.data)).toBe(true);
      expect(threaded[i]!.index).toBe(i);
    }
  });

  it('serves exactly applyAugment(readVolumeFile(path), params) for the reported params', async () => {
    const samples = await collect({ items, plane: 'coronal', seed: 2, augment: { rotation: 10 }, workers: 1 }, 0);
    expect(samples.map((s) => s.item.id)).toEqual([0, 1, 2, 3, 4, 5, 6]); // no shuffle
    for (const s of samples) {
      const p = s.augment!;
      expect(Math.abs(p.angleDeg)).toBeLessThanOrEqual(10);
      const [, h, w] = s.volume.shape;
      expect(Math.abs(p.tx)).toBeLessThanOrEqual(0.11 * h);
      expect(Math.abs(p.ty)).toBeLessThanOrEqual(0.11 * w);
      const raw = await readVolumeFile(s.item.paths.coronal);
      expect(sameFloats(s.volume.data, applyAugment(raw.data, raw.shape, p))).toBe(true);
    }
    const plain = await collect({ items, plane: 'axial', intensity: 'stanford', workers: 1 }, 0);
    for (const s of plain) {
      expect(s.augment).toBeNull();
      expect(sameFloats(s.volume.data, (await readVolumeFile(s.item.paths.axial, { intensity: 'stanford' })).data)).toBe(true);
    }
  });

  it('shuffles reproducibly per epoch: same seed and epoch → same order; other epochs and seeds differ', async () => {
    const loader = createLoader({ items, plane: 'axial', shuffle: true, seed: 11, workers: 0 });
    const ids = (n: number): string => loader.order(n).map((i) => i.id).join(',');
    expect(ids(0)).toBe(ids(0));
    const orders = new Set([0, 1, 2, 3, 4].map(ids));
    expect(orders.size).toBe(5);
    const other = createLoader({ items, plane: 'axial', shuffle: true, seed: 12, workers: 0 });
    expect(other.order(0).map((i) => i.id).join(',')).not.toBe(ids(0));
    const served = await collect({ items, plane: 'axial', shuffle: true, seed: 11, workers: 0 }, 4);
    expect(served.map((s) => s.item.id).join(',')).toBe(ids(4));
    await loader.close();
    await other.close();
  });

  it('propagates a corrupt file as NpyFormatError with its path, from a worker and inline', async () => {
    const bad = join(dir, 'corrupt.npy');
    writeFileSync(bad, writeNpy(new Uint8Array(3 * 64 * 64), [3, 64, 64]).subarray(0, 500));
    const broken = items.map((it, i) => (i === 2 ? { ...it, paths: { ...it.paths, sagittal: bad } } : it));
    for (const workers of [0, 2]) {
      const loader = createLoader({ items: broken, plane: 'sagittal', workers });
      const seen: number[] = [];
      const err = await (async () => {
        try {
          for await (const s of loader.epoch(0)) seen.push(s.item.id);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      await loader.close();
      expect(err).toBeInstanceOf(NpyFormatError);
      expect((err as NpyFormatError).name).toBe('NpyFormatError');
      expect((err as NpyFormatError).path).toBe(bad);
      expect((err as Error).message).toContain(bad);
      expect(seen).toEqual([0, 1]);
    }
    const missing = items.map((it) => ({ ...it, paths: { ...it.paths, axial: join(dir, 'nope.npy') } }));
    const err = await collect({ items: missing, plane: 'axial', workers: 1 }, 0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('nope.npy');
  });

  it('does not hang when closed mid-epoch or after an early break', async () => {
    const loader = createLoader({ items, plane: 'axial', workers: 2, prefetch: 4, augment: true });
    for await (const s of loader.epoch(0)) {
      expect(s.index).toBe(0);
      break;
    }
    const it = loader.epoch(1)[Symbol.asyncIterator]();
    await it.next();
    await loader.close();
    await loader.close();
    await expect(it.next()).rejects.toThrow(/closed/);
    expect(() => loader.epoch(2)).toThrow(/closed/);
  });

  it('lets the process exit when a finished loader is never closed (idle workers are unref-ed)', () => {
    const dist = new URL('../../dist/node/index.js', import.meta.url).href; // createLoader is in @mrnet/data/node
    const script = `
      const { createLoader } = await import(${JSON.stringify(dist)});
      const items = ${JSON.stringify(items.slice(0, 3))};
      const loader = createLoader({ items, plane: 'axial', workers: 2, augment: true });
      let n = 0;
      for await (const s of loader.epoch(0)) n += s.volume.data.length > 0 ? 1 : 0;
      console.log(n);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000, encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('3');
  });

  it('rejects bad options: TypeError for types, RangeError for values', () => {
    expect(() => createLoader({ items, plane: 'front' as never })).toThrow(RangeError);
    expect(() => createLoader({ items, plane: 'axial', workers: -1 })).toThrow(RangeError);
    expect(() => createLoader({ items, plane: 'axial', prefetch: 0 })).toThrow(RangeError);
    expect(() => createLoader({ items, plane: 'axial', augment: { flipProbability: 2 } })).toThrow(RangeError);
    expect(() => createLoader({ items, plane: 'axial', shuffle: 'yes' as never })).toThrow(TypeError);
    expect(() => createLoader({ items: 'x' as never, plane: 'axial' })).toThrow(TypeError);
    const loader = createLoader({ items, plane: 'axial', workers: 0 });
    expect(() => loader.epoch(-1)).toThrow(RangeError);
  });
});
