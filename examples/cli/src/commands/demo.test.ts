import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PLANES } from '@mrnet/data';
import { SYNTHETIC_GENERATOR_VERSION, openMRNetDataset } from '@mrnet/data/node';
import { loadMRNetWeights } from '@mrnet/model';
import { StackedModel, hashModelDir, parsePredictionsCsv, planeModelDir, stackedModelPath } from '@mrnet/stack';
import { readEventFile } from '@mrnet/train';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.test-support.js';
import { demoDatasetDir, ensureDemoDataset } from './demo-dataset.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

const TINY = ['--train', '8', '--valid', '6', '--slices', '4', '--size', '64', '--epochs', '1', '--backend', 'wasm', '--seed', '2'];

describe('mrnet demo', () => {
  it('runs the whole job on a tiny dataset and leaves every artefact, parseable', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mrnet-demo-'));
    made.push(out);
    const r = await runCli('demo', '--out', out, ...TINY);
    expect(r.code, r.err).toBe(0);

    // The printed table: one row per plane (with its untrained baseline) and the stack, val AUC and
    // CI, wall time, report path.
    for (const name of [...PLANES, 'stacked']) {
      const untrained = name === 'stacked' ? '–' : '\\d\\.\\d{3}';
      expect(r.out).toMatch(new RegExp(`^${name} +(1|final|–) +${untrained} +\\d\\.\\d{3} +\\d\\.\\d{3}  \\[\\d\\.\\d{3}, \\d\\.\\d{3}\\]$`, 'm'));
    }
    expect(r.out).toMatch(/^wall time .+ \(data .+, training .+, predictions \+ baseline \+ stacking .+\)$/m);
    expect(r.out).toContain(`report: ${join(out, 'report.md')}`);

    // The dataset, in its cache folder.
    const data = demoDatasetDir(out, { train: 8, valid: 6, slices: 4, size: 64, seed: 2 });
    const valid = await openMRNetDataset(data, { split: 'valid', task: 'acl' });
    expect(valid.items).toHaveLength(6);

    // Plane models load; predictions parse and cover every exam; the stack names their hashes.
    const models = join(out, 'models');
    for (const p of PLANES) {
      const { weights, metadata } = await loadMRNetWeights(planeModelDir(models, 'acl', p));
      expect(metadata).toMatchObject({ task: 'acl', plane: p, inputNormalisation: 'imagenet' });
      expect([0, 1]).toContain(metadata.bestEpoch); // 0: no epoch beat val AUC 0, the final weights were kept
      expect(weights.features).toHaveLength(5);
    }
    const rows = parsePredictionsCsv(readFileSync(join(models, 'predictions', 'acl-valid.csv'), 'utf8'));
    expect(rows.map((x) => x.id)).toEqual(valid.items.map((it) => it.id));
    expect(parsePredictionsCsv(readFileSync(join(models, 'predictions', 'acl-train.csv'), 'utf8'))).toHaveLength(8);
    const stack = StackedModel.fromJSON(readFileSync(stackedModelPath(models, 'acl'), 'utf8'));
    for (const p of PLANES) expect(stack.planeModelHashes[p]).toBe(await hashModelDir(planeModelDir(models, 'acl', p)));

    // results.json agrees with the printed table.
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { stacked: { valAuc: number }; planes: Record<string, { valAuc: number; untrainedValAuc: number }> };
    expect(r.out).toMatch(new RegExp(`^stacked +– +– +\\d\\.\\d{3} +${results.stacked.valAuc.toFixed(3)} `, 'm'));
    for (const p of PLANES) expect(r.out).toMatch(new RegExp(`^${p} +(1|final) +${results.planes[p]!.untrainedValAuc.toFixed(3)} `, 'm'));

    // report.md: every link resolves; every PNG decodes; every TensorBoard event file reads.
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    const links = [...report.matchAll(/\]\(([^)]+)\)/g)].map((m) => decodeURI(m[1]!));
    expect(links.length).toBeGreaterThanOrEqual(15);
    for (const l of links) expect(existsSync(resolve(out, l)), l).toBe(true);
    const pngs = links.filter((l) => l.endsWith('.png'));
    expect(new Set(pngs).size).toBe(4); // ROC + one curves figure per plane
    for (const png of pngs) {
      const img = PNG.sync.read(readFileSync(resolve(out, png)));
      expect(img.width).toBeGreaterThan(100);
    }
    const events = links.filter((l) => l.includes('events.out.tfevents.'));
    expect(events).toHaveLength(3);
    for (const ev of events) {
      const tags = new Set(readEventFile(resolve(out, ev)).flatMap((e) => (e.scalars ?? []).map((v) => v.tag)));
      expect(tags.has('Val/AUC_epoch'), ev).toBe(true);
      expect(dirname(resolve(out, ev)).startsWith(join(out, 'logs', 'acl'))).toBe(true);
    }
  }, 600_000);

  it('makes its dataset once in a folder named by its sizes and seed, and reuses it after', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mrnet-demo-'));
    made.push(out);
    const spec = { train: 4, valid: 4, slices: 4, size: 63, seed: 5 };
    const lines: string[] = [];
    const first = await ensureDemoDataset(out, spec, (l) => lines.push(l));
    expect(first).toMatchObject({ dir: join(out, 'data', 'train4-valid4-slices4-px63-seed5'), reused: false });
    expect(first.inspection.ok).toBe(true);
    const stamp = statSync(join(first.dir, 'train-acl.csv')).mtimeMs;
    const second = await ensureDemoDataset(out, spec, (l) => lines.push(l));
    expect(second).toMatchObject({ dir: first.dir, reused: true });
    expect(statSync(join(first.dir, 'train-acl.csv')).mtimeMs).toBe(stamp);
    expect(lines).toEqual([`writing 4 train + 4 valid exams to ${first.dir}`, `reusing the dataset in ${first.dir}`]);
    // A dataset of an older generator version (different images for the same seed) is regenerated.
    const metaPath = join(first.dir, 'dataset.json');
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { version: number };
    writeFileSync(metaPath, JSON.stringify({ ...meta, version: SYNTHETIC_GENERATOR_VERSION - 1 }));
    const third = await ensureDemoDataset(out, spec, (l) => lines.push(l));
    expect(third).toMatchObject({ dir: first.dir, reused: false });
    expect(lines[2]).toBe(`${first.dir} holds a dataset of synthetic generator v${SYNTHETIC_GENERATOR_VERSION - 1}; regenerating it with v${SYNTHETIC_GENERATOR_VERSION}`);
    expect((JSON.parse(readFileSync(metaPath, 'utf8')) as { version: number }).version).toBe(SYNTHETIC_GENERATOR_VERSION);
    const other = await ensureDemoDataset(out, { ...spec, seed: 6 }, () => undefined);
    expect(other.reused).toBe(false);
    expect(readdirSync(join(out, 'data')).sort()).toEqual(['train4-valid4-slices4-px63-seed5', 'train4-valid4-slices4-px63-seed6']);
  });

  it('refuses an invalid folder where its dataset would be, without touching it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mrnet-demo-'));
    made.push(out);
    const data = demoDatasetDir(out, { train: 8, valid: 6, slices: 4, size: 64, seed: 2 });
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'notes.txt'), 'mine');
    const r = await runCli('demo', '--out', out, ...TINY);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^mrnet demo: --out: ${data} exists but is not a valid MRNet dataset`));
    expect(readdirSync(data)).toEqual(['notes.txt']);
  });

  it('rejects a non-positive learning rate', async () => {
    const r = await runCli('demo', '--lr', '0');
    expect(r).toEqual({ code: 2, out: '', err: 'mrnet demo: --lr: must be a positive number (got 0) (see mrnet demo --help)\n' });
  });
});
