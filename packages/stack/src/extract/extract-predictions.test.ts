import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLANES, type Plane } from '@mrnet/data';
import { generateSyntheticMRNet, openMRNetDataset, readVolumeFile } from '@mrnet/data/node';
import { createMRNet, initBackend, loadMRNet } from '@mrnet/model';
import { saveMRNet } from '@mrnet/model/node';
import { InputError } from '@mrnet/options';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPredictions, type ExtractProgress } from './extract-predictions.js';
import { planeModelDir, predictionsPaths } from './layout.js';
import { hashModelDir, MissingModelError } from './model-hash.js';
import { parsePredictionsCsv } from './predictions-csv.js';

const root = mkdtempSync(join(tmpdir(), 'mrnet-extract-'));
const data = join(root, 'data');
const models = join(root, 'models');
const SEEDS: Record<Plane, number> = { axial: 1, coronal: 2, sagittal: 3 };

/** What the plane model gives each exam of a split, computed directly with loadMRNet + readVolumeFile. */
async function direct(plane: Plane, split: 'train' | 'valid'): Promise<number[]> {
  const { model } = await loadMRNet(planeModelDir(models, 'acl', plane));
  const { items } = await openMRNetDataset(data, { split, task: 'acl' });
  const out: number[] = [];
  for (const it of items) {
    const v = await readVolumeFile(it.paths[plane], { intensity: 'imagenet' });
    out.push(model.predict(v.data, v.shape).probability);
  }
  model.dispose();
  return out;
}

beforeAll(async () => {
  await initBackend('wasm');
  await generateSyntheticMRNet({ out: data, train: 8, valid: 6, slices: 4, size: 64, seed: 3 });
  for (const plane of PLANES) {
    await saveMRNet(createMRNet({ seed: SEEDS[plane] }), planeModelDir(models, 'acl', plane), { task: 'acl', plane, inputNormalisation: 'imagenet' });
  }
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('extractPredictions', () => {
  it('writes each split CSV with every plane model’s probability (inline), in dataset order', async () => {
    const events: ExtractProgress[] = [];
    const r = await extractPredictions({ data, task: 'acl', modelsDir: models, workers: 0, onProgress: (e) => events.push(e) });
    for (const split of ['train', 'valid'] as const) {
      const { items } = await openMRNetDataset(data, { split, task: 'acl' });
      const s = r.splits[split]!;
      expect(s.reused).toBe(false);
      expect(s.csv).toBe(predictionsPaths(models, 'acl', split).csv);
      const rows = parsePredictionsCsv(readFileSync(s.csv, 'utf8'), s.csv);
      expect(rows).toEqual(s.rows);
      expect(rows.map((x) => [x.id, x.label])).toEqual(items.map((it) => [it.id, it.label]));
      for (const plane of PLANES) expect(rows.map((x) => x[plane])).toEqual(await direct(plane, split));
    }
    for (const plane of PLANES) expect(r.planeModelHashes[plane]).toBe(await hashModelDir(planeModelDir(models, 'acl', plane)));
    expect(events.filter((e) => e.type === 'series' && e.done === e.total)).toHaveLength(6);
    expect(events.filter((e) => e.type === 'written').map((e) => e.split)).toEqual(['train', 'valid']);
  }, 60_000);

  it('reuses the CSVs while the models are unchanged, recomputes after a model changes', async () => {
    const again = await extractPredictions({ data, task: 'acl', modelsDir: models, workers: 0 });
    expect(again.splits.train!.reused).toBe(true);
    expect(again.splits.valid!.reused).toBe(true);
    await saveMRNet(createMRNet({ seed: 99 }), planeModelDir(models, 'acl', 'coronal'), { task: 'acl', plane: 'coronal', inputNormalisation: 'imagenet' });
    const after = await extractPredictions({ data, task: 'acl', modelsDir: models, workers: 0, split: 'valid' });
    expect(after.splits.valid!.reused).toBe(false);
    expect(after.planeModelHashes.coronal).not.toBe(again.planeModelHashes.coronal);
    expect(after.planeModelHashes.axial).toBe(again.planeModelHashes.axial);
    expect(after.splits.valid!.rows.map((x) => x.coronal)).toEqual(await direct('coronal', 'valid'));
  }, 60_000);

  it('gives the same probabilities from three worker threads (one engine each)', async () => {
    const inline = await extractPredictions({ data, task: 'acl', modelsDir: models, workers: 0, out: join(root, 'inline') });
    const threaded = await extractPredictions({ data, task: 'acl', modelsDir: models, workers: 3, backend: 'wasm', out: join(root, 'threads') });
    expect(threaded.splits.train!.reused).toBe(false);
    expect(threaded.splits.train!.rows).toEqual(inline.splits.train!.rows);
    expect(threaded.splits.valid!.rows).toEqual(inline.splits.valid!.rows);
  }, 60_000);

  it('names the missing plane model folder, also from a worker', async () => {
    const empty = join(root, 'no-models');
    await expect(extractPredictions({ data, task: 'acl', modelsDir: empty, workers: 0 })).rejects.toThrow(
      new MissingModelError(empty, 'acl', 'axial'),
    );
    await expect(extractPredictions({ data, task: 'meniscus', modelsDir: models, workers: 0 })).rejects.toThrow(/no meniscus\/axial model: .*models\/meniscus\/axial does not exist; train it first/);
    const broken = join(root, 'broken');
    for (const plane of PLANES) {
      mkdirSync(planeModelDir(broken, 'acl', plane), { recursive: true });
      writeFileSync(join(planeModelDir(broken, 'acl', plane), 'model.json'), plane === 'sagittal' ? 'not json' : '{}');
    }
    const err = (await extractPredictions({ data, task: 'acl', modelsDir: broken, workers: 3, backend: 'wasm' }).catch((e: unknown) => e)) as Error;
    // Revived in this thread as the same typed input error (a '{}' model.json has no format envelope).
    expect(err).toBeInstanceOf(InputError);
    expect(['ModelArtifactsError', 'StateFormatError']).toContain(err.name);
    expect(err.message).toMatch(/broken\/acl\/(axial|coronal|sagittal)\/model\.json: (model\.json is not valid JSON|format is undefined)/);
  });

  it('rejects bad options with TypeError / RangeError', async () => {
    await expect(extractPredictions({ data, task: 'acl', modelsDir: models, workers: -1 })).rejects.toThrow(RangeError);
    await expect(extractPredictions({ data, task: 'knee' as never, modelsDir: models })).rejects.toThrow(RangeError);
    await expect(extractPredictions({ data: 3 as never, task: 'acl', modelsDir: models })).rejects.toThrow(TypeError);
  });
});
