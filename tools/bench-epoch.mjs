#!/usr/bin/env node
// One epoch of `mrnet train` (its defaults: augmentation, Adam 1e-5 with weight decay 0.1, every
// core as slice workers; --pretrained none as no download is possible) on a small synthetic 256²
// dataset, against the seed's train.py loop in PyTorch (2 threads, the same exams:
// scripts/bench/torch_seed_epoch.py). Both are timed as whole processes (start-up included).
// Standalone: node tools/bench-epoch.mjs [--train 8] [--valid 4] [--slices 24] [--size 256] [--workers N]
// (also run by tools/bench.mjs). Needs the built CLI (npm run build).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateSyntheticMRNet } from '../packages/data/dist/node/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { train: { type: 'string', default: '8' }, valid: { type: 'string', default: '4' }, slices: { type: 'string', default: '24' }, size: { type: 'string', default: '256' }, workers: { type: 'string' } },
  strict: false, // tools/bench.mjs forwards its arguments to every section
});
const o = { train: Number(values.train), valid: Number(values.valid), slices: Number(values.slices), size: Number(values.size) };
const workers = values.workers ?? String(availableParallelism());
const tmp = mkdtempSync(join(tmpdir(), 'mrnet-bench-epoch-'));
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
try {
  const data = join(tmp, 'data');
  await generateSyntheticMRNet({ out: data, train: o.train, valid: o.valid, slices: o.slices, size: o.size, seed: 0 });
  const loadBefore = load();
  const t0 = performance.now();
  const out = execFileSync(process.execPath, [
    join(root, 'examples/cli/dist/main.js'), 'train', '--data', data, '-t', 'acl', '-p', 'sagittal', '--epochs', '1', '--pretrained', 'none',
    '--workers', workers, '--models', join(tmp, 'models'), '--logdir', join(tmp, 'logs'), '--backend', 'wasm',
  ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const ours = (performance.now() - t0) / 1000;
  const what = `${o.train} train + ${o.valid} valid exams, ~${o.slices}×${o.size}² sagittal`;
  console.log(`epoch: ${what}, ${availableParallelism()} cores`);
  console.log(`  mrnet train (wasm, --workers ${workers}): ${ours.toFixed(1)} s   [${out.trim()}]`);
  const py = '/usr/bin/python3';
  let torchOk = existsSync(py);
  try {
    execFileSync(py, ['-c', 'import torch, torchvision, sklearn'], { stdio: 'ignore' });
  } catch {
    torchOk = false;
  }
  if (!torchOk) console.log('  pytorch: /usr/bin/python3 has no torch/torchvision/sklearn; skipped');
  else {
    const t1 = performance.now();
    const r = JSON.parse(execFileSync(py, [join(root, 'scripts/bench/torch_seed_epoch.py'), data, 'acl', 'sagittal', '2'], { encoding: 'utf8' }).trim().split('\n').pop());
    const theirs = (performance.now() - t1) / 1000;
    console.log(`  pytorch seed loop (torch ${r.torch}, ${r.threads} threads): ${theirs.toFixed(1)} s (epoch alone ${r.seconds.toFixed(1)} s)`);
    console.log(`  ratio ${(ours / theirs).toFixed(2)}× (targets: ≤ 6× with AVX-512, ≤ 3× with AVX2); load average ${loadBefore} → ${load()}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
