import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMRNetDataset } from '../dataset/open-dataset.js';
import { InputError } from '@mrnet/options';
import { readNpy } from '../npy/index.js';
import { createRng } from '../random/index.js';
import { PLANES, SPLITS, TASKS } from '../types.js';
import { generateSyntheticMRNet, type SyntheticLesionFile } from './generate-synthetic.js';
import { drawKneeAnatomy, renderPlane } from './knee-phantom.js';
import { decodeLesionMask } from './lesion-mask.js';
import { SyntheticOutputError } from './synthetic-output-error.js';

let tmp: string;
const opts = { train: 8, valid: 5, slices: 16, size: 64, seed: 3 };

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'mrnet-synth-'));
  await generateSyntheticMRNet({ out: join(tmp, 'a'), ...opts });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function treeHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(p.slice(dir.length)).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

const lesionFile = (root: string, split: string, id: number): SyntheticLesionFile =>
  JSON.parse(readFileSync(join(root, 'lesions', split, `${String(id).padStart(4, '0')}.json`), 'utf8')) as SyntheticLesionFile;

describe('generateSyntheticMRNet', () => {
  it('writes a complete MRNet-v1.0 layout that openMRNetDataset accepts', async () => {
    const root = join(tmp, 'a');
    for (const split of SPLITS) {
      for (const task of TASKS) {
        const ds = await openMRNetDataset(root, { split, task });
        expect(ds.items.map((i) => i.id)).toEqual(
          split === 'train' ? [0, 1, 2, 3, 4, 5, 6, 7] : [8, 9, 10, 11, 12],
        );
        expect(ds.positives).toBeGreaterThan(0);
        expect(ds.negatives).toBeGreaterThan(0);
      }
      // Unpadded ids in the CSVs, zero-padded file names.
      expect(readFileSync(join(root, `${split}-acl.csv`), 'utf8').split('\n')[0]).toMatch(/^\d{1,2},[01]$/);
      for (const plane of PLANES) expect(readdirSync(join(root, split, plane))).toContain(split === 'train' ? '0000.npy' : '0008.npy');
    }
    const slices = new Set<number>();
    for (const plane of PLANES) {
      for (const f of readdirSync(join(root, 'train', plane))) {
        const npy = readNpy(readFileSync(join(root, 'train', plane, f)));
        expect(npy.dtype).toBe('u1');
        expect(npy.shape.slice(1)).toEqual([64, 64]);
        expect(npy.shape[0]).toBeGreaterThanOrEqual(12);
        expect(npy.shape[0]).toBeLessThanOrEqual(20);
        slices.add(npy.shape[0]!);
      }
    }
    expect(slices.size).toBeGreaterThan(1); // slice counts vary per series
    const meta = JSON.parse(readFileSync(join(root, 'dataset.json'), 'utf8')) as { version: number; seed: number; options: object };
    expect(meta.seed).toBe(3);
    expect(meta.options).toEqual(opts);
  });

  it('is byte-identical for the same seed and different for another seed', async () => {
    await generateSyntheticMRNet({ out: join(tmp, 'b'), ...opts });
    await generateSyntheticMRNet({ out: join(tmp, 'c'), ...opts, seed: 4 });
    expect(treeHash(join(tmp, 'b'))).toBe(treeHash(join(tmp, 'a')));
    expect(treeHash(join(tmp, 'c'))).not.toBe(treeHash(join(tmp, 'a')));
  });

  it('refuses a non-empty folder, even a previous synthetic dataset, unless told overwrite: true', async () => {
    const c = join(tmp, 'c');
    const before = treeHash(c);
    const refused = generateSyntheticMRNet({ out: c, ...opts, train: 4, valid: 4 });
    await expect(refused).rejects.toBeInstanceOf(SyntheticOutputError);
    await expect(refused).rejects.toBeInstanceOf(InputError);
    await expect(refused).rejects.toThrow(c);
    expect(treeHash(c)).toBe(before);
  });

  it('with overwrite: true replaces only the files the previous dataset wrote, and leaves foreign files alone', async () => {
    const d = join(tmp, 'd');
    await generateSyntheticMRNet({ out: d, ...opts });
    writeFileSync(join(d, 'notes.txt'), 'keep me');
    writeFileSync(join(d, 'train', 'axial', 'mine.npy'), 'keep me too');
    await generateSyntheticMRNet({ out: d, ...opts, train: 4, valid: 4, overwrite: true });
    // No stale exams of the 8/5 dataset are left behind …
    expect(readdirSync(join(d, 'train', 'axial')).sort()).toEqual(['0000.npy', '0001.npy', '0002.npy', '0003.npy', 'mine.npy']);
    expect(readdirSync(join(d, 'valid', 'axial'))).toHaveLength(4);
    expect(readdirSync(join(d, 'lesions', 'valid')).sort()).toEqual(['0004.json', '0005.json', '0006.json', '0007.json']);
    // … and what the generator did not write is untouched.
    expect(readFileSync(join(d, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(readFileSync(join(d, 'train', 'axial', 'mine.npy'), 'utf8')).toBe('keep me too');
    const meta = JSON.parse(readFileSync(join(d, 'dataset.json'), 'utf8')) as { splits: { train: { exams: number } } };
    expect(meta.splits.train.exams).toBe(4);
  });

  it('with overwrite: true refuses a foreign file where the new dataset would write, before changing anything', async () => {
    const e = join(tmp, 'e');
    await generateSyntheticMRNet({ out: e, ...opts, train: 4, valid: 4 });
    writeFileSync(join(e, 'train', 'axial', '0006.npy'), 'not ours');
    const before = treeHash(e);
    const refused = generateSyntheticMRNet({ out: e, ...opts, overwrite: true });
    await expect(refused).rejects.toBeInstanceOf(SyntheticOutputError);
    await expect(refused).rejects.toThrow(join(e, 'train', 'axial', '0006.npy'));
    expect(treeHash(e)).toBe(before);
  });

  it('refuses a non-empty folder that holds something else', async () => {
    const other = join(tmp, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'keep me');
    await expect(generateSyntheticMRNet({ out: other, ...opts })).rejects.toBeInstanceOf(SyntheticOutputError);
    // overwrite replaces only a folder the generator wrote (its dataset.json marker).
    await expect(generateSyntheticMRNet({ out: other, ...opts, overwrite: true })).rejects.toThrow(/holds no synthetic dataset/);
    expect(readdirSync(other)).toEqual(['notes.txt']);
    expect(readFileSync(join(other, 'notes.txt'), 'utf8')).toBe('keep me');
    await expect(generateSyntheticMRNet({ out: other, ...opts, size: 32 })).rejects.toThrow(RangeError);
    await expect(generateSyntheticMRNet({ out: other, ...opts, train: '8' as never })).rejects.toThrow(TypeError);
  });

  it('writes lesion files consistent with the labels; tears span several slices and decode inside their boxes', () => {
    const root = join(tmp, 'a');
    let aclSeen = 0, menSeen = 0;
    for (const split of SPLITS) {
      const labels = Object.fromEntries(
        TASKS.map((t) => [t, new Map(readFileSync(join(root, `${split}-${t}.csv`), 'utf8').trim().split('\n').map((l) => l.split(',').map(Number) as [number, number]))]),
      ) as Record<(typeof TASKS)[number], Map<number, number>>;
      for (const id of labels.acl.keys()) {
        const f = lesionFile(root, split, id);
        expect(f.labels).toEqual({ abnormal: labels.abnormal.get(id), acl: labels.acl.get(id), meniscus: labels.meniscus.get(id) });
        expect(f.findings.includes('aclTear')).toBe(f.labels.acl === 1);
        expect(f.findings.includes('meniscusTear')).toBe(f.labels.meniscus === 1);
        expect(f.findings.length > 0).toBe(f.labels.abnormal === 1);
        for (const plane of PLANES) {
          const [s, h, w] = f.planes[plane].shape;
          for (const [type, lesion] of Object.entries(f.planes[plane].lesions)) {
            expect(f.findings).toContain(type);
            expect(lesion.perSlice.map((p) => p.slice)).toEqual(
              Array.from({ length: lesion.slices[1] - lesion.slices[0] + 1 }, (_, i) => lesion.slices[0] + i),
            );
            expect(lesion.slices[1]).toBeLessThan(s);
            for (const p of lesion.perSlice) {
              const mask = decodeLesionMask(p, h, w);
              let area = 0;
              for (let q = 0; q < mask.length; q++) {
                if (mask[q] === 0) continue;
                area++;
                const r = Math.floor(q / w), c = q % w;
                expect(r >= p.box[0] && r <= p.box[2] && c >= p.box[1] && c <= p.box[3]).toBe(true);
              }
              expect(area).toBe(p.area);
            }
          }
        }
        if (f.labels.acl === 1) {
          aclSeen++;
          // The tear region (gap + oedema) covers ≥ 4 % of the slice on ≥ 3 consecutive sagittal
          // slices, and ≥ 2 slices of the other planes with ≥ 2 % of theirs.
          for (const plane of PLANES) {
            const [, h, w] = f.planes[plane].shape;
            const big = f.planes[plane].lesions.aclTear!.perSlice.filter((p) => p.area >= (plane === 'sagittal' ? 0.04 : 0.02) * h * w).map((p) => p.slice);
            expect(big.length, `${split} ${id} ${plane}`).toBeGreaterThanOrEqual(plane === 'sagittal' ? 3 : 2);
            expect(big[big.length - 1]! - big[0]! + 1).toBe(big.length);
          }
        }
        if (f.labels.meniscus === 1) {
          menSeen++;
          const les = f.planes.sagittal.lesions.meniscusTear!;
          expect(les.slices[1] - les.slices[0] + 1).toBeGreaterThanOrEqual(2);
          // A defect a few pixels wide: on its widest sagittal slice, ≥ 3 rows × ≥ 3 columns.
          const widest = les.perSlice.reduce((a, b) => (b.area > a.area ? b : a));
          expect(widest.box[2] - widest.box[0] + 1).toBeGreaterThanOrEqual(3);
          expect(widest.box[3] - widest.box[1] + 1).toBeGreaterThanOrEqual(3);
        }
      }
    }
    expect(aclSeen).toBeGreaterThanOrEqual(2);
    expect(menSeen).toBeGreaterThanOrEqual(2);
  });

  it('a finding is a visible change exactly inside its recorded mask: bright, or for an ACL tear a bright gap and a dark stump of as many voxels', () => {
    const findings = [
      { acl: true, meniscus: false, other: false },
      { acl: false, meniscus: true, other: false },
      { acl: false, meniscus: false, other: true },
    ];
    for (const [i, f] of findings.entries()) {
      const anatomy = drawKneeAnatomy(createRng(100 + i), f);
      // The oedema around the ACL is in every knee (no finding by itself); only the break in the band is a tear.
      const healthy = { ...anatomy, aclGap: null, meniscusTear: null, effusion: null, boneBruise: null };
      expect(healthy.aclHalo).not.toBeNull();
      for (const plane of PLANES) {
        const size = 96, s = 16;
        const sick = renderPlane(anatomy, plane, s, size, createRng(7));
        const ok = renderPlane(healthy, plane, s, size, createRng(7));
        expect(Object.keys(ok.lesions)).toHaveLength(0);
        const entries = Object.values(sick.lesions).flat();
        expect(entries.length).toBeGreaterThan(0);
        const inside = new Uint8Array(s * size * size);
        let sumSick = 0, n = 0;
        for (const e of entries) {
          const m = decodeLesionMask(e, size, size);
          for (let q = 0; q < m.length; q++) {
            if (m[q] === 0) continue;
            const idx = e.slice * size * size + q;
            inside[idx] = 1;
            sumSick += sick.data[idx]!;
            n++;
          }
        }
        // Changes beyond the speckle (the two renders share it; ±30 grey levels leaves rounding out).
        let up = 0, brighter = 0, down = 0, darker = 0;
        for (let q = 0; q < inside.length; q++) {
          const d = sick.data[q]! - ok.data[q]!;
          if (d !== 0 && inside[q] === 0) throw new Error(`${plane}: change outside the lesion mask at ${q}`);
          if (d > 30) [up, brighter] = [up + d, brighter + 1];
          else if (d < -30) [down, darker] = [down - d, darker + 1];
        }
        expect(brighter).toBeGreaterThan(0);
        if (f.acl) {
          // The gap turns the dark band to fluid; the torn fibres, bunched beside it, turn as many
          // oedema-bright voxels dark: the slice's brightness stays that of an intact knee, which is
          // what keeps an untrained network at chance.
          expect(up / brighter, plane).toBeGreaterThan(150);
          expect(down / darker, plane).toBeGreaterThan(100);
          expect(darker / brighter, plane).toBeGreaterThan(0.75);
          expect(darker / brighter, plane).toBeLessThan(1.33);
        } else {
          // The other findings may lie partly under the oedema, which is already bright.
          expect(darker, `${i} ${plane}`).toBe(0);
          expect(up / brighter, `${i} ${plane}`).toBeGreaterThan(40);
          // Fluid-bright on average, well above soft tissue (85) and fat (140).
          expect(sumSick / n).toBeGreaterThan(180);
        }
      }
    }
  });
});
