import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLANES, writeNpy } from '@mrnet/data';
import { bootstrapThresholdCi, rocAucScore, thresholdMetrics, youdenPoint } from '@mrnet/metrics';
import { generateSyntheticMRNet } from '@mrnet/data/node';
import { createMRNet, initBackend } from '@mrnet/model';
import { saveMRNet } from '@mrnet/model/node';
import { StackedModel, parsePredictionsCsv, planeModelDir, predictExam, resolveExamFiles, stackedModelPath } from '@mrnet/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.test-support.js';

const root = mkdtempSync(join(tmpdir(), 'mrnet-cli-stack-'));
const data = join(root, 'data');
const models = join(root, 'models');
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  await initBackend('wasm');
  await generateSyntheticMRNet({ out: data, train: 8, valid: 6, slices: 4, size: 64, seed: 1 });
  for (const [i, plane] of PLANES.entries()) {
    await saveMRNet(createMRNet({ seed: 30 + i }), planeModelDir(models, 'acl', plane), { task: 'acl', plane, inputNormalisation: 'imagenet' });
  }
}, 120_000);

interface RateJson { value: number | null; ci95: [number, number] | null }
interface PointJson { rule: string; threshold: number; train: Record<string, unknown>; valid: Record<string, RateJson> & { confusion: Record<string, number> } }
interface Doc {
  counts: { train: number; valid: number };
  reliability: { reliable: boolean; valid: { positives: number; negatives: number; reliable: boolean }; warnings: string[] };
  planes: Record<string, { trainAuc: number; operatingPoints: { fixed: PointJson; youden: PointJson } }>;
  stacked: { trainAuc: number; operatingPoints: { fixed: PointJson; youden: PointJson } };
  predictions: { train: string; valid: string };
}

describe('mrnet stack', () => {
  it('--json prints one document: per-plane and stacked AUCs with CIs, the saved coefficients', async () => {
    const r = await runCli('stack', '--data', data, '-t', 'acl', '--models', models, '--json', '--workers', '1', '--backend', 'wasm');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as {
      task: string;
      counts: { train: number; valid: number };
      planes: Record<string, { valAuc: number; valCi95: [number, number] }>;
      stacked: { valAuc: number; valCi95: [number, number] };
      coefficients: Record<string, number>;
      stackPath: string;
    };
    expect(doc.task).toBe('acl');
    expect(doc.counts).toEqual({ train: 8, valid: 6 });
    const saved = StackedModel.fromJSON(readFileSync(stackedModelPath(models, 'acl'), 'utf8'));
    expect(doc.stackPath).toBe(stackedModelPath(models, 'acl'));
    expect(doc.coefficients).toEqual({ axial: saved.coef[0], coronal: saved.coef[1], sagittal: saved.coef[2], intercept: saved.intercept });
    for (const s of [...PLANES.map((p) => doc.planes[p]!), doc.stacked]) {
      expect(s.valCi95[0]).toBeLessThanOrEqual(s.valAuc);
      expect(s.valCi95[1]).toBeGreaterThanOrEqual(s.valAuc);
    }
    expect(r.err).toContain('wrote ');

    const text = await runCli('stack', '--data', data, '-t', 'acl', '--models', models, '--workers', '1', '--backend', 'wasm');
    expect(text.code, text.err).toBe(0);
    expect(text.err).toContain('reusing');
    expect(text.out).toMatch(/^stacked +\d\.\d{3} +\d\.\d{3} +\[\d\.\d{3}, \d\.\d{3}\]$/m);
    expect(text.out).toContain(`coefficients: axial ${saved.coef[0].toFixed(4)}`);
  }, 120_000);

  it('--json: rates at 0.5 and at the Youden threshold chosen on train, applied to valid, with CIs; small splits flagged', async () => {
    const r = await runCli('stack', '--data', data, '-t', 'acl', '--models', models, '--json', '--workers', '1', '--backend', 'wasm', '--seed', '5');
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

    const text = await runCli('stack', '--data', data, '-t', 'acl', '--models', models, '--workers', '1', '--backend', 'wasm', '--seed', '5');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^stacked +Youden\/train +\d\.\d{3} +(\d\.\d{3}|–) \[/m);
    expect(text.out).toMatch(/^sagittal +fixed +0\.500 /m);
    expect(text.out).toMatch(/^warning: valid has .* unreliable$/m);
  }, 180_000);

  it('exits 2 naming the missing plane model or the bad dataset', async () => {
    const r = await runCli('stack', '--data', data, '-t', 'meniscus', '--models', models, '--workers', '1', '--backend', 'wasm');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `mrnet stack: --models ${models}: no meniscus/axial model (${join(models, 'meniscus', 'axial')} does not exist); make it with: mrnet train --data DATA -t meniscus -p axial --models ${models}\n`,
    );
    const d = await runCli('stack', '--data', join(root, 'nope'), '-t', 'acl', '--models', models);
    expect(d.code).toBe(2);
    expect(d.err).toContain(join(root, 'nope'));
  });
});

describe('mrnet predict --models', () => {
  it('prints the plane and stacked probabilities of an exam as one JSON document', async () => {
    const r = await runCli('predict', '--models', models, '--exam', join(data, 'valid'), '--id', '9', '--json', '--backend', 'wasm');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { exam: Record<string, string>; tasks: { task: string; planes: Record<string, number>; stacked: number | null; stale: boolean }[] };
    const files = await resolveExamFiles(join(data, 'valid'), 9);
    expect(doc.exam).toEqual(files);
    const expected = await predictExam({ modelsDir: models, files });
    expect(doc.tasks).toEqual(expected.map((t) => ({ task: t.task, planes: t.planes, stacked: t.stacked, stale: t.stale })));
    expect(doc.tasks[0]!.stacked).not.toBeNull();

    const folder = join(root, 'exam');
    mkdirSync(folder);
    for (const p of PLANES) writeFileSync(join(folder, `${p}.npy`), readFileSync(files[p]));
    const t = await runCli('predict', '--models', models, '--exam', folder, '-t', 'acl', '--backend', 'wasm');
    expect(t.code, t.err).toBe(0);
    expect(t.out).toMatch(new RegExp(`^acl +${expected[0]!.planes.axial.toFixed(4)} +${expected[0]!.planes.coronal.toFixed(4)} +${expected[0]!.planes.sagittal.toFixed(4)} +${expected[0]!.stacked!.toFixed(4)}$`, 'm'));
  }, 120_000);

  it('exits 2 with a one-line message naming the file for a missing plane, a wrong shape or an unreadable file', async () => {
    const bad = join(root, 'bad');
    mkdirSync(bad);
    const good = await resolveExamFiles(join(data, 'valid'), 9);
    const copy = (plane: string): void => writeFileSync(join(bad, `${plane}.npy`), readFileSync(good[plane as 'axial']));
    copy('axial');
    copy('sagittal');
    const missing = await runCli('predict', '--models', models, '--exam', bad, '--backend', 'wasm');
    expect(missing).toEqual({ code: 2, out: '', err: `mrnet predict: ${join(bad, 'coronal.npy')}: missing (an exam needs all three planes: axial, coronal, sagittal)\n` });

    writeFileSync(join(bad, 'coronal.npy'), writeNpy(new Uint8Array(4 * 64), [4, 64]));
    const shape = await runCli('predict', '--models', models, '--exam', bad, '--backend', 'wasm');
    expect(shape.code).toBe(2);
    expect(shape.err).toMatch(new RegExp(`^mrnet predict: .*${join(bad, 'coronal.npy')}.*\\n$`));
    expect(shape.err.split('\n')).toHaveLength(2);

    writeFileSync(join(bad, 'coronal.npy'), 'garbage');
    const junk = await runCli('predict', '--models', models, '--exam', bad, '--backend', 'wasm');
    expect(junk.code).toBe(2);
    expect(junk.err).toContain(join(bad, 'coronal.npy'));

    const noId = await runCli('predict', '--models', models, '--exam', join(data, 'valid'), '--id', '4242', '--backend', 'wasm');
    expect(noId.code).toBe(2);
    expect(noId.err).toContain(join(data, 'valid', 'axial', '4242.npy'));
  });

  it('exits 2 for mixed or missing modes, and for a task without models', async () => {
    expect((await runCli('predict', '--exam', data)).err).toMatch(/^mrnet predict: give --models DIR --exam DIR .* or --checkpoint FILE\.pth/);
    const mixed = await runCli('predict', '--models', models, '--exam', data, '--input', 'x.npy');
    expect(mixed).toEqual({ code: 2, out: '', err: 'mrnet predict: --input: not used with --models (it belongs to --checkpoint mode) (see mrnet predict --help)\n' });
    expect((await runCli('predict', '--models', models)).err).toBe('mrnet predict: --exam: required with --models (see mrnet predict --help)\n');
    expect((await runCli('predict', '--checkpoint', 'm.pth', '--models', models)).err).toMatch(/--models: not used with --checkpoint/);
    const t = await runCli('predict', '--models', models, '--exam', join(data, 'valid'), '--id', '9', '-t', 'meniscus', '--backend', 'wasm');
    expect(t.code).toBe(2);
    expect(t.err).toContain(join(models, 'meniscus', 'axial', 'model.json'));
  });
});
