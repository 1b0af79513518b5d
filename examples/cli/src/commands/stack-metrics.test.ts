import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLANES } from '@mrnet/data';
import { generateSyntheticMRNet } from '@mrnet/data/node';
import { bootstrapThresholdCi, rocAucScore, thresholdMetrics, youdenPoint } from '@mrnet/metrics';
import { createMRNet, initBackend } from '@mrnet/model';
import { saveMRNet } from '@mrnet/model/node';
import { StackedModel, parsePredictionsCsv, planeModelDir, stackedModelPath } from '@mrnet/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../run.js';

const root = mkdtempSync(join(tmpdir(), 'mrnet-cli-stack-metrics-'));
const data = join(root, 'data');
const models = join(root, 'models');
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  await initBackend('wasm');
  await generateSyntheticMRNet({ out: data, train: 10, valid: 8, slices: 4, size: 64, seed: 4 });
  for (const [i, plane] of PLANES.entries()) {
    await saveMRNet(createMRNet({ seed: 50 + i }), planeModelDir(models, 'acl', plane), { task: 'acl', plane, inputNormalisation: 'imagenet' });
  }
}, 120_000);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

interface RateJson { value: number | null; ci95: [number, number] | null }
interface PointJson { rule: string; threshold: number; train: Record<string, unknown>; valid: Record<string, RateJson> & { confusion: Record<string, number> } }
interface Doc {
  counts: { train: number; valid: number };
  reliability: { reliable: boolean; valid: { positives: number; negatives: number; reliable: boolean }; warnings: string[] };
  planes: Record<string, { trainAuc: number; operatingPoints: { fixed: PointJson; youden: PointJson } }>;
  stacked: { trainAuc: number; operatingPoints: { fixed: PointJson; youden: PointJson } };
  predictions: { train: string; valid: string };
}

describe('mrnet stack: operating points', () => {
  it('--json: rates at 0.5 and at the Youden threshold chosen on train, applied to valid, with CIs; small splits flagged', async () => {
    const r = await cli('stack', '--data', data, '-t', 'acl', '--models', models, '--json', '--workers', '0', '--backend', 'wasm', '--seed', '5');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as Doc;
    const train = parsePredictionsCsv(readFileSync(doc.predictions.train, 'utf8'), doc.predictions.train);
    const valid = parsePredictionsCsv(readFileSync(doc.predictions.valid, 'utf8'), doc.predictions.valid);
    const stack = StackedModel.fromJSON(readFileSync(stackedModelPath(models, 'acl'), 'utf8'));
    const scorers = [
      ...PLANES.map((p) => [doc.planes[p]!, (rows: typeof train) => rows.map((x) => x[p])] as const),
      [doc.stacked, (rows: typeof train) => stack.predictMany(rows)] as const,
    ];
    for (const [s, score] of scorers) {
      const yt = train.map((x) => x.label);
      const yv = valid.map((x) => x.label);
      expect(s.trainAuc).toBe(rocAucScore(yt, score(train)));
      const youden = s.operatingPoints.youden;
      expect(youden.rule).toBe('youden-train');
      expect(youden.threshold).toBe(youdenPoint(yt, score(train)).threshold);
      expect(s.operatingPoints.fixed.threshold).toBe(0.5);
      for (const p of [s.operatingPoints.fixed, youden]) {
        const m = thresholdMetrics(yv, score(valid), p.threshold);
        const ci = bootstrapThresholdCi(yv, score(valid), p.threshold, { seed: 5 }).ci;
        expect(p.valid.confusion).toEqual(m.confusion);
        expect(p.valid.sensitivity).toEqual({ value: m.sensitivity, ci95: ci.sensitivity ? [ci.sensitivity.lower, ci.sensitivity.upper] : null });
        expect(p.valid.specificity!.value).toBe(m.specificity);
        expect(p.train['sensitivity']).toBe(thresholdMetrics(yt, score(train), p.threshold).sensitivity);
      }
    }
    const pos = valid.filter((x) => x.label === 1).length;
    expect(doc.reliability.valid).toEqual({ positives: pos, negatives: valid.length - pos, reliable: false });
    expect(doc.reliability.reliable).toBe(false);
    expect(doc.reliability.warnings.join('\n')).toMatch(/^valid has \d+ positives? and \d+ negatives? \(fewer than 10 of a class\): its AUC and confidence intervals are unreliable$/m);

    const text = await cli('stack', '--data', data, '-t', 'acl', '--models', models, '--workers', '0', '--backend', 'wasm', '--seed', '5');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^stacked +Youden\/train +\d\.\d{3} +(\d\.\d{3}|–) \[/m);
    expect(text.out).toMatch(/^sagittal +fixed +0\.500 /m);
    expect(text.out).toMatch(/^warning: valid has .* unreliable$/m);
  }, 180_000);
});
