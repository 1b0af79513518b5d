import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Smoke tests: every script in examples/scripts runs with plain `node` against the built packages
// (dist/, as a user's `npm install` would give), exits 0, and prints what the guides say it prints.
const DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

async function script(name: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [join(DIR, name), ...args], { timeout: 120_000, maxBuffer: 1 << 20 });
  return stdout;
}

describe('examples/scripts', () => {
  it('load-dataset.mjs generates, inspects and opens a dataset and reads an exam', async () => {
    const out = await script('load-dataset.mjs');
    expect(out).toMatch(/^inspect: ok, 8 train \+ 4 valid exams$/m);
    expect(out).toMatch(/^acl train: 8 exams, class weights \[1\.000, \d+\.\d{3}\]$/m);
    expect(out).toMatch(/^exam 0 \(label [01]\): sagittal \d+×64×64 float32$/m);
    expect(out).toMatch(/^all planes, stanford intensity: axial \d+×64×64, coronal \d+×64×64, sagittal \d+×64×64$/m);
  });

  it('train-few-steps.mjs trains an MRNet for 3 steps with finite losses', async () => {
    const out = await script('train-few-steps.mjs', '3');
    const losses = [...out.matchAll(/^step \d: exam \d+ label [01] loss (\S+)$/gm)].map((m) => Number(m[1]));
    expect(losses).toHaveLength(3);
    for (const l of losses) expect(l).toBeGreaterThan(0);
    const p = Number(/P\(abnormal \| exam \d+\) = (\S+);/.exec(out)?.[1]);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  });

  it('import-pytorch.mjs reproduces the logit PyTorch computed for the checkpoint (relative error ≤ 1e-4)', async () => {
    const out = await script('import-pytorch.mjs');
    const rel = Number(/relative difference (\S+)\)/.exec(out)?.[1]);
    expect(rel).toBeLessThanOrEqual(1e-4);
  });

  it('stack-predictions.mjs fits the stacked model, scores it and round-trips it through JSON', async () => {
    const out = await script('stack-predictions.mjs');
    const auc = (name: string): number => Number(new RegExp(`^${name}\\s+val AUC (\\S+)`, 'm').exec(out)?.[1]);
    const planes = ['axial', 'coronal', 'sagittal'].map(auc);
    for (const a of [...planes, auc('stacked')]) expect(a).toBeGreaterThan(0.5);
    expect(auc('stacked')).toBeGreaterThanOrEqual(Math.max(...planes));
    expect(out).toMatch(/^round trip through JSON: identical$/m);
  });
});
