import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DatasetError } from '../errors.js';
import { writeNpy } from '../npy/index.js';
import { PLANES, SPLITS, TASKS, type Split, type Task } from '../types.js';
import { inspectDataset } from './inspect-dataset.js';
import { openMRNetDataset } from './open-dataset.js';
import { readExam, readExamPlane } from './read-exam.js';

const made: string[] = [];
afterAll(async () => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

/** Labels per split and task; ids are 0..n-1 (valid starts at 10). CSVs use unpadded ids. */
const LABELS: Record<Split, Record<Task, number[]>> = {
  train: { abnormal: [1, 1, 0, 1], acl: [0, 1, 0, 0], meniscus: [1, 0, 0, 1] },
  valid: { abnormal: [1, 0], acl: [1, 0], meniscus: [0, 1] },
};
const firstId = (split: Split): number => (split === 'train' ? 0 : 10);
/** Slices of exam `id` in `plane`: varies so the summary's range is checkable. */
const slicesOf = (id: number, plane: number): number => 1 + ((id + plane) % 3);

async function makeDataset(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'mrnet-ds-'));
  made.push(root);
  for (const split of SPLITS) {
    for (const task of TASKS) {
      const rows = LABELS[split][task].map((l, k) => `${firstId(split) + k},${l}`);
      await writeFile(join(root, `${split}-${task}.csv`), rows.join('\n') + '\n');
    }
    for (const [p, plane] of PLANES.entries()) {
      await mkdir(join(root, split, plane), { recursive: true });
      for (let k = 0; k < LABELS[split].acl.length; k++) {
        const id = firstId(split) + k;
        const s = slicesOf(id, p);
        const data = new Uint8Array(s * 63 * 64).map((_, i) => (i * 3 + id + p) % 256);
        await writeFile(join(root, split, plane, `${String(id).padStart(4, '0')}.npy`), writeNpy(data, [s, 63, 64]));
      }
    }
  }
  return root;
}

async function catchDatasetError(p: Promise<unknown>): Promise<DatasetError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DatasetError);
  return e as DatasetError;
}

let root = '';
beforeEach(async () => {
  root = await makeDataset();
});

describe('openMRNetDataset', () => {
  it('lists the split’s exams with labels, seed-style class weights and per-item weights', async () => {
    const ds = await openMRNetDataset(root, { split: 'train', task: 'acl' });
    expect(ds.items.map((i) => [i.id, i.label])).toEqual([[0, 0], [1, 1], [2, 0], [3, 0]]);
    expect(ds.classWeights).toEqual([1, 3]);
    expect(ds.items.map((i) => i.weight)).toEqual([1, 3, 1, 1]);
    expect([ds.positives, ds.negatives]).toEqual([1, 3]);
    expect(ds.items[1]!.paths).toEqual({
      axial: join(root, 'train', 'axial', '0001.npy'),
      coronal: join(root, 'train', 'coronal', '0001.npy'),
      sagittal: join(root, 'train', 'sagittal', '0001.npy'),
    });
  });

  it('computes validation weights from validation labels, or uses the given weights', async () => {
    expect((await openMRNetDataset(root, { split: 'valid', task: 'abnormal' })).classWeights).toEqual([1, 1]);
    const ds = await openMRNetDataset(root, { split: 'train', task: 'abnormal', weights: [2, 0.5] });
    expect(ds.items.map((i) => i.weight)).toEqual([0.5, 0.5, 2, 0.5]);
  });

  it('reads exams per plane and as all three planes', async () => {
    const ds = await openMRNetDataset(root, { split: 'valid', task: 'acl' });
    const item = ds.items[1]!; // id 11
    const sag = await readExamPlane(item, 'sagittal');
    expect(sag.shape).toEqual([slicesOf(11, 2), 63, 64]);
    expect(Array.from(sag.data.subarray(0, 3))).toEqual([13, 16, 19]);
    const exam = await readExam(item, { intensity: 'imagenet' });
    expect(Object.keys(exam)).toEqual([...PLANES]);
    expect(exam.axial.shape).toEqual([slicesOf(11, 0), 63, 64]);
    expect(exam.axial.data[0]).toBe(Math.fround((11 / 255 - 0.449) / 0.226));
  });

  it('lists every problem in one DatasetError, naming file:line', async () => {
    await writeFile(join(root, 'train-acl.csv'), '0,0\n1,2\n0002,0\n2,1\n99,1\n');
    await rm(join(root, 'train', 'coronal', '0000.npy'));
    const err = await catchDatasetError(openMRNetDataset(root, { split: 'train', task: 'acl' }));
    const csv = join(root, 'train-acl.csv');
    expect(err.problems).toEqual([
      `${csv}:2: the label is not 0 or 1: label "2"`,
      `${csv}:4: duplicate id 2 (first on line 3)`,
      `${join(root, 'train', 'coronal', '0000.npy')}: missing (exam 0 is listed in ${csv}:1)`,
      `${join(root, 'train', 'axial', '0099.npy')}: missing (exam 99 is listed in ${csv}:5)`,
      `${join(root, 'train', 'coronal', '0099.npy')}: missing (exam 99 is listed in ${csv}:5)`,
      `${join(root, 'train', 'sagittal', '0099.npy')}: missing (exam 99 is listed in ${csv}:5)`,
    ]);
    expect(err.message).toBe(`openMRNetDataset: ${root}: 6 problems in the train split for acl: ${err.problems[0]} (and 5 more)`);
    expect(err.path).toBe(root);
  });

  it('reports a missing CSV, folder, root, and a split without positives', async () => {
    await rm(join(root, 'valid-acl.csv'));
    expect((await catchDatasetError(openMRNetDataset(root, { split: 'valid', task: 'acl' }))).problems).toEqual([
      `${join(root, 'valid-acl.csv')}: missing label file`,
    ]);
    await rm(join(root, 'valid', 'axial'), { recursive: true });
    expect((await catchDatasetError(openMRNetDataset(root, { split: 'valid', task: 'abnormal' }))).problems).toEqual([
      `${join(root, 'valid', 'axial')}: missing folder`,
    ]);
    await writeFile(join(root, 'train-meniscus.csv'), '0,0\n1,0\n');
    expect((await catchDatasetError(openMRNetDataset(root, { split: 'train', task: 'meniscus' }))).problems).toEqual([
      `${join(root, 'train-meniscus.csv')}: 2 negative and 0 positive labels: class weights [1, neg/pos] need both classes (pass weights)`,
    ]);
    expect((await openMRNetDataset(root, { split: 'train', task: 'meniscus', weights: [1, 1] })).items).toHaveLength(2);
    expect((await catchDatasetError(openMRNetDataset(join(root, 'nope'), { split: 'train', task: 'acl' }))).problems).toEqual([
      `${join(root, 'nope')}: no such folder`,
    ]);
  });

  it('rejects bad options with TypeError / RangeError', async () => {
    await expect(openMRNetDataset(root, { split: 'test' as Split, task: 'acl' })).rejects.toThrow(RangeError);
    await expect(openMRNetDataset(root, { split: 'train', task: 'acl', weights: [1, -1] })).rejects.toThrow(/weights\.1/);
    await expect(openMRNetDataset(root, { split: 'train', task: 'acl', weights: [1, '2'] as unknown as [number, number] })).rejects.toThrow(TypeError);
    await expect(openMRNetDataset(root, undefined as never)).rejects.toThrow(TypeError);
  });
});

describe('inspectDataset', () => {
  it('summarises every split × task and plane', async () => {
    const r = await inspectDataset(root);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    const train = r.summary.splits.train;
    expect(train.exams).toBe(4);
    expect(train.tasks.acl).toEqual({ positives: 1, negatives: 3, prevalence: 0.25 });
    expect(train.tasks.abnormal).toEqual({ positives: 3, negatives: 1, prevalence: 0.75 });
    // ids 0..3, plane 0: slices 1 + (id % 3) → 1, 2, 3, 1
    expect(train.planes.axial).toEqual({ files: 4, slices: { min: 1, max: 3 }, sizes: ['63×64'], dtypes: ['u1'] });
    const valid = r.summary.splits.valid;
    expect(valid.exams).toBe(2);
    // ids 10, 11, plane 2: 1 + (12 % 3) = 1, 1 + (13 % 3) = 2
    expect(valid.planes.sagittal.slices).toEqual({ min: 1, max: 2 });
  });

  it('lists every problem in the folder at once', async () => {
    const a = (split: string, plane: string, id: string): string => join(root, split, plane, `${id}.npy`);
    await writeFile(a('train', 'axial', '0001'), writeNpy(new Uint8Array(2 * 63 * 64), [2, 63, 64]).subarray(0, 500));
    await writeFile(a('train', 'coronal', '0002'), new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    await writeFile(a('train', 'sagittal', '0003'), writeNpy(new Uint8Array(62 * 62), [1, 62, 62]));
    await rm(a('valid', 'axial', '0010'));
    await rm(join(root, 'valid-meniscus.csv'));
    await writeFile(join(root, 'train-abnormal.csv'), '0,1\n1,1\n2,0\n2,1\n3,7\n');
    const r = await inspectDataset(root);
    expect(r.ok).toBe(false);
    const csv = join(root, 'train-abnormal.csv');
    expect(r.problems).toEqual([
      `${csv}:4: duplicate id 2 (first on line 3)`,
      `${csv}:5: the label is not 0 or 1: label "7"`,
      `${csv}: lacks exam ids that other train label files list: 3`,
      `${a('train', 'axial', '0001')}: header declares 2×63×64 |u1 (8,064 data bytes) but holds 428 bytes (truncated)`,
      `${a('train', 'coronal', '0002')}: not an .npy file (bad magic bytes; expected \\x93NUMPY)`,
      `${a('train', 'sagittal', '0003')}: expected an s×H×W volume with s ≥ 1 and H, W ≥ 63, got shape 1×62×62`,
      `${join(root, 'valid-meniscus.csv')}: missing label file`,
      `${a('valid', 'axial', '0010')}: missing (exam 10 is listed in ${join(root, 'valid-abnormal.csv')}:1)`,
    ]);
    expect(r.summary.splits.train.planes.axial.files).toBe(3);
    expect(r.summary.splits.valid.tasks.meniscus).toBeNull();
  });

  it('reports a missing root and missing plane folders', async () => {
    const r = await inspectDataset(join(root, 'absent'));
    expect(r).toMatchObject({ ok: false, problems: [`${join(root, 'absent')}: no such folder`] });
    await rm(join(root, 'train', 'sagittal'), { recursive: true });
    expect((await inspectDataset(root)).problems).toEqual([
      `${join(root, 'train', 'sagittal')}: missing folder (4 exams listed in the train label files)`,
    ]);
  });
});
