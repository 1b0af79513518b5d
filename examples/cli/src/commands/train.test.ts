import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMRNetWeights } from '@mrnet/model';
import { MetricsLog } from '@mrnet/train';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.test-support.js';

let root: string;
let data: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mrnet-cli-train-'));
  data = join(root, 'data');
  const r = await runCli('synth', '--out', data, '--train', '4', '--valid', '4', '--slices', '4', '--size', '64', '--seed', '2');
  expect(r.code).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('mrnet train', () => {
  it('exits 2 with one line for bad flags and bad data, writing nothing', async () => {
    const out = join(root, 'bad');
    const noPretrained = ['-t', 'acl', '--models', join(out, 'models'), '--logdir', join(out, 'logs'), '--backend', 'wasm'];
    const flags = [...noPretrained, '--pretrained', 'none'];
    const common = ['--data', data, ...flags];
    const cases: [string[], RegExp][] = [
      [[...common, '-p', 'front'], /^mrnet train: --plane: .*front/],
      [[...common, '-p', 'axial', '--lr', '0'], /^mrnet train: --lr: must be a positive number/],
      [[...common, '-p', 'axial', '--augment', '2'], /^mrnet train: --augment: /],
      [['-t', 'acl', '-p', 'axial'], /^mrnet train: --data: required/],
      [[...flags, '-p', 'axial', '--data', join(root, 'nope')], /^mrnet train: .*nope.*no such folder/],
      [['--data', data, ...noPretrained, '-p', 'axial', '--pretrained', join(root, 'missing.pth')], /^mrnet train: .*missing\.pth/],
      [[...common, '-p', 'axial', '--resume'], /^mrnet train: .*no resume checkpoint at .*axial\.resume/],
      [[...flags, '--data', join(root, 'nope'), '-p', 'all'], /^mrnet train: .*nope.*no such folder/],
    ];
    for (const [argv, re] of cases) {
      const r = await runCli('train', ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      const lines = r.err.trim().split('\n').filter((l) => !l.startsWith('mrnet train: backend') && !l.startsWith('mrnet train: axial, coronal'));
      expect(lines.length, r.err).toBe(1);
      expect(lines[0]).toMatch(re);
      expect(existsSync(out), argv.join(' ')).toBe(false);
    }
  });

  it('trains one plane: seed-style lines on stderr, a summary on stdout, the best model and logs on disk', async () => {
    const out = join(root, 'one');
    const r = await runCli('train', '--data', data, '-t', 'meniscus', '-p', 'coronal', '--epochs', '2', '--lr', '1e-4', '--pretrained', 'none',
      '--models', join(out, 'models'), '--logdir', join(out, 'logs'), '--backend', 'wasm', '--log_every', '2', '--workers', '1');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/\[Epoch: 1 \/ 2 \|Single batch number : 2 \/ 4 \]\| avg train loss [\d.]+ \| train auc : [\d.]+ \| lr : 0\.0001/);
    expect(r.err.match(/^epoch \d+\/\d+ \| train loss : [\d.]+ \| train auc [\d.]+ \| val loss [\d.]+ \| val auc [\d.]+ \| elapsed time [\d.]+ s$/gm)?.length).toBe(2);
    expect(r.out).toMatch(/^meniscus coronal: completed after 2 epochs \(1 worker\), best val auc [\d.]+ at epoch [12]; model .*models\/meniscus\/coronal; logs .*logs\/meniscus\/coronal\/\d{8}-\d{6}\n$/);
    const { metadata } = await loadMRNetWeights(join(out, 'models', 'meniscus', 'coronal'));
    expect(metadata).toMatchObject({ task: 'meniscus', plane: 'coronal' });
    const [run1] = readdirSync(join(out, 'logs', 'meniscus', 'coronal'));
    const recs = MetricsLog.read(join(out, 'logs', 'meniscus', 'coronal', run1!, 'metrics.jsonl'));
    expect(recs.filter((x) => x['type'] === 'epoch').length).toBe(2);
  });

  it('-p all trains the three planes in worker threads, one summary line each', async () => {
    const out = join(root, 'all');
    const r = await runCli('train', '--data', data, '-t', 'acl', '-p', 'all', '--epochs', '1', '--pretrained', 'none',
      '--models', join(out, 'models'), '--logdir', join(out, 'logs'), '--backend', 'wasm', '--workers', '1');
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['acl axial', 'acl coronal', 'acl sagittal']);
    for (const plane of ['axial', 'coronal', 'sagittal']) {
      expect(r.err).toMatch(new RegExp(`^\\[${plane}\\] epoch \\d+/\\d+ \\| train loss : `, 'm'));
      expect(readdirSync(join(out, 'logs', 'acl', plane)).length).toBe(1);
    }
  });
});
