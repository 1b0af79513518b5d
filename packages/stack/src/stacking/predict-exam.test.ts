import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLANES, writeNpy, type Plane } from '@mrnet/data';
import { generateSyntheticMRNet, readVolumeFile } from '@mrnet/data/node';
import { createMRNet, initBackend, loadMRNet } from '@mrnet/model';
import { saveMRNet } from '@mrnet/model/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planeModelDir, stackedModelPath } from '../extract/layout.js';
import { hashModelDir } from '../extract/model-hash.js';
import { PredictionError } from '../extract/prediction-error.js';
import { StackedModel } from '../stacked-model.js';
import { resolveExamFiles } from './exam-files.js';
import { predictExam } from './predict-exam.js';

const root = mkdtempSync(join(tmpdir(), 'mrnet-predict-'));
const data = join(root, 'data');
const models = join(root, 'models');
let stack: StackedModel;

beforeAll(async () => {
  await initBackend('wasm');
  await generateSyntheticMRNet({ out: data, train: 4, valid: 4, slices: 4, size: 64, seed: 2 });
  for (const [i, plane] of PLANES.entries()) {
    await saveMRNet(createMRNet({ seed: 20 + i }), planeModelDir(models, 'acl', plane), { task: 'acl', plane, inputNormalisation: 'imagenet' });
  }
  const hashes = { axial: '', coronal: '', sagittal: '' };
  for (const p of PLANES) hashes[p] = await hashModelDir(planeModelDir(models, 'acl', p));
  stack = StackedModel.fit([[0.1, 0.2, 0.3], [0.9, 0.4, 0.8], [0.3, 0.3, 0.1], [0.7, 0.9, 0.6]], [0, 1, 0, 1], { task: 'acl', planeModelHashes: hashes });
  writeFileSync(stackedModelPath(models, 'acl'), JSON.stringify(stack));
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function direct(files: Record<Plane, string>): Promise<Record<Plane, number>> {
  const out = { axial: 0, coronal: 0, sagittal: 0 };
  for (const p of PLANES) {
    const { model } = await loadMRNet(planeModelDir(models, 'acl', p));
    const v = await readVolumeFile(files[p], { intensity: 'imagenet' });
    out[p] = model.predict(v.data, v.shape).probability;
    model.dispose();
  }
  return out;
}

describe('predictExam', () => {
  it('gives each plane model’s probability and the stacked one, for every task with models', async () => {
    const files = await resolveExamFiles(join(data, 'valid'), 5);
    const [acl, ...rest] = await predictExam({ modelsDir: models, files });
    expect(rest).toEqual([]);
    expect(acl!.task).toBe('acl');
    expect(acl!.planes).toEqual(await direct(files));
    expect(acl!.stacked).toBe(stack.predict(acl!.planes));
    expect(acl!.stackPath).toBe(stackedModelPath(models, 'acl'));
    expect(acl!.stale).toBe(false);

    const folder = join(root, 'exam-5');
    mkdirSync(folder);
    for (const p of PLANES) copyFileSync(files[p], join(folder, `${p}.npy`));
    const [fromFolder] = await predictExam({ modelsDir: models, files: await resolveExamFiles(folder), task: 'acl' });
    expect(fromFolder).toEqual(acl);
  });

  it('flags a stale stack once a plane model changed, and has no stacked value without stack.json', async () => {
    const files = await resolveExamFiles(join(data, 'valid'), 4);
    const other = join(root, 'models2');
    for (const [i, plane] of PLANES.entries()) await saveMRNet(createMRNet({ seed: 20 + i + (plane === 'axial' ? 100 : 0) }), planeModelDir(other, 'acl', plane), { inputNormalisation: 'imagenet' });
    const [noStack] = await predictExam({ modelsDir: other, files });
    expect(noStack!.stacked).toBeNull();
    expect(noStack!.stackPath).toBeNull();
    copyFileSync(stackedModelPath(models, 'acl'), stackedModelPath(other, 'acl'));
    const [stale] = await predictExam({ modelsDir: other, files });
    expect(stale!.stale).toBe(true);
    expect(stale!.stacked).toBe(stack.predict(stale!.planes));
  });

  it('names the missing model of an asked task, or says no task has models', async () => {
    const files = await resolveExamFiles(join(data, 'valid'), 4);
    await expect(predictExam({ modelsDir: models, files, task: 'meniscus' })).rejects.toThrow(/models\/meniscus\/axial\/model\.json: missing \(no axial model for task meniscus\)/);
    await expect(predictExam({ modelsDir: join(root, 'empty'), files })).rejects.toThrow(/empty: no task has all three plane models/);
  });

  it('rejects a wrong-shaped, malformed or missing series naming the file, before loading models', async () => {
    const bad = join(root, 'bad');
    mkdirSync(bad);
    const good = await resolveExamFiles(join(data, 'valid'), 4);
    writeFileSync(join(bad, 'flat.npy'), writeNpy(new Uint8Array(64 * 64), [64, 64]));
    writeFileSync(join(bad, 'tiny.npy'), writeNpy(new Uint8Array(2 * 32 * 32), [2, 32, 32]));
    writeFileSync(join(bad, 'junk.npy'), 'not a numpy file');
    for (const [name, message] of [
      ['flat.npy', /flat\.npy.*(3-D|shape|dimensions)/i],
      ['tiny.npy', /tiny\.npy.*63/],
      ['junk.npy', /junk\.npy/],
      ['gone.npy', /gone\.npy: no such file/],
    ] as const) {
      const err = await predictExam({ modelsDir: join(root, 'no-models-needed'), files: { ...good, coronal: join(bad, name) } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PredictionError);
      expect((err as PredictionError).path).toBe(join(bad, name));
      expect((err as Error).message).toMatch(message);
    }
  });
});
