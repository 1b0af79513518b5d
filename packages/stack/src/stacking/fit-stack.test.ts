import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLANES, type Plane } from '@mrnet/data';
import { generateSyntheticMRNet } from '@mrnet/data/node';
import { bootstrapAucCi, rocAucScore } from '@mrnet/metrics';
import { createMRNet, initBackend } from '@mrnet/model';
import { saveMRNet } from '@mrnet/model/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planeModelDir, stackedModelPath } from '../extract/layout.js';
import { hashModelDir } from '../extract/model-hash.js';
import { parsePredictionsCsv } from '../extract/predictions-csv.js';
import { LogisticRegression } from '../logistic-regression.js';
import { StackedModel } from '../stacked-model.js';
import { fitStack } from './fit-stack.js';

const root = mkdtempSync(join(tmpdir(), 'mrnet-fitstack-'));
const data = join(root, 'data');
const models = join(root, 'models');

beforeAll(async () => {
  await initBackend('wasm');
  await generateSyntheticMRNet({ out: data, train: 10, valid: 8, slices: 4, size: 64, seed: 5 });
  for (const [i, plane] of PLANES.entries()) {
    await saveMRNet(createMRNet({ seed: 10 + i }), planeModelDir(models, 'acl', plane), { task: 'acl', plane, inputNormalisation: 'imagenet' });
  }
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('fitStack', () => {
  it('fits sklearn-default logistic regression on the train CSV, scores valid with bootstrap CIs, saves stack.json', async () => {
    const report = await fitStack({ data, task: 'acl', modelsDir: models, workers: 0, nResamples: 200, seed: 4 });
    const train = parsePredictionsCsv(readFileSync(join(models, 'predictions', 'acl-train.csv'), 'utf8'));
    const valid = parsePredictionsCsv(readFileSync(join(models, 'predictions', 'acl-valid.csv'), 'utf8'));
    expect(report.counts).toEqual({ train: 10, valid: 8 });

    const lr = new LogisticRegression().fit(train.map((r) => PLANES.map((p) => r[p])), train.map((r) => r.label));
    expect(report.path).toBe(stackedModelPath(models, 'acl'));
    const saved = StackedModel.fromJSON(readFileSync(report.path!, 'utf8'));
    expect([...saved.coef]).toEqual(lr.coef);
    expect(saved.intercept).toBe(lr.intercept);
    expect(saved.task).toBe('acl');
    for (const p of PLANES) expect(saved.planeModelHashes[p]).toBe(await hashModelDir(planeModelDir(models, 'acl', p)));

    const yv = valid.map((r) => r.label);
    for (const p of PLANES as readonly Plane[]) {
      expect(report.planes[p].valid).toEqual(bootstrapAucCi(yv, valid.map((r) => r[p]), { nResamples: 200, seed: 4 }));
      expect(report.planes[p].trainAuc).toBe(rocAucScore(train.map((r) => r.label), train.map((r) => r[p])));
    }
    const stackedScores = valid.map((r) => 1 / (1 + Math.exp(-(lr.intercept + PLANES.reduce((s, p, j) => s + lr.coef[j]! * r[p], 0)))));
    expect(report.stacked.valid.auc).toBeCloseTo(rocAucScore(yv, stackedScores), 12);
  }, 120_000);

  it('does not save when save is false, and rejects bad options', async () => {
    const other = join(root, 'models-copy');
    const r = await fitStack({ data, task: 'acl', modelsDir: models, out: other, workers: 0, nResamples: 10, save: false });
    expect(r.path).toBeNull();
    expect(r.predictions.splits.train!.csv).toBe(join(other, 'predictions', 'acl-train.csv'));
    await expect(fitStack({ data, task: 'acl', modelsDir: models, nResamples: 0 })).rejects.toThrow(RangeError);
    await expect(fitStack({ data, task: 'acl', modelsDir: models, save: 'yes' as never })).rejects.toThrow(TypeError);
  }, 120_000);
});
