#!/usr/bin/env node
// Benchmark of @mrnet/model: one SLICES×SIZE×SIZE exam (default 32×256×256) on the active backend
// (wasm by default; --backend auto|tensorflow|wasm|cpu): inference seconds, training-step seconds
// (forward + backward + Adam update), peak RSS — on this thread (1 worker) and split over the
// slices by SliceParallelMRNet with all cores (--workers N to choose); and, when /usr/bin/python3
// has torch, the same for PyTorch (2 threads, scripts/bench/torch_model_bench.py) with the ratios.
// Last, the peak RSS of training a 60-slice exam with 2 slice workers (a child process).
// Usage: node tools/bench-model.mjs [--backend wasm] [--slices 32] [--size 256] [--repeats 3] [--workers N]
//        node tools/bench-model.mjs --rss-run --slices 60 --workers 2   (the child: prints max RSS)
import { execFile, execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    slices: { type: 'string', default: '32' },
    size: { type: 'string', default: '256' },
    repeats: { type: 'string', default: '3' },
    'no-torch': { type: 'boolean', default: false },
    workers: { type: 'string' },
    'rss-run': { type: 'boolean', default: false },
    'solo-run': { type: 'boolean', default: false },
  },
  strict: false,
});
const slices = Number(values.slices);
const size = Number(values.size);
const repeats = Number(values.repeats);

const cores = availableParallelism();
const allWorkers = Number(values.workers ?? cores);
const { initBackend, createMRNet } = await import(join(root, 'packages/model/dist/index.js'));
const { SliceParallelMRNet } = await import(join(root, 'packages/model/dist/node/index.js'));
const choice = await initBackend(values.backend);

let peakRss = process.memoryUsage().rss;
const sample = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };
const sampler = setInterval(sample, 20);

const net = createMRNet({ seed: 0 });
const vol = tf.tidy(() => tf.mul(tf.randomUniform([slices, size, size], 0, 1, 'float32', 1), 255));
const target = tf.scalar(1);

// A plain tf-ops Adam (PyTorch semantics: L2 added to the gradient).
const lr = 1e-5, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.1;
const m = net.variables.map((v) => tf.variable(tf.zerosLike(v), false));
const s2 = net.variables.map((v) => tf.variable(tf.zerosLike(v), false));
let t = 0;
function bce(logit) {
  // max(x, 0) − x·y + log(1 + exp(−|x|))
  return tf.add(tf.sub(tf.relu(logit), tf.mul(logit, target)), tf.log1p(tf.exp(tf.neg(tf.abs(logit)))));
}
function adamUpdate(gradOf) {
  t++;
  tf.tidy(() => net.variables.forEach((v, i) => {
    const g = tf.add(gradOf(v, i), tf.mul(v, wd));
    m[i].assign(tf.add(tf.mul(m[i], b1), tf.mul(g, 1 - b1)));
    s2[i].assign(tf.add(tf.mul(s2[i], b2), tf.mul(tf.square(g), 1 - b2)));
    const mh = tf.div(m[i], 1 - b1 ** t);
    const vh = tf.div(s2[i], 1 - b2 ** t);
    v.assign(tf.sub(v, tf.mul(tf.div(mh, tf.add(tf.sqrt(vh), eps)), lr)));
  }));
}
async function trainStep() {
  const loss = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => bce(net.forward(vol)), net.variables);
    adamUpdate((v) => grads[v.name]);
    return value;
  });
  await loss.data();
  loss.dispose();
}
const volData = { data: vol.dataSync(), shape: vol.shape };
let pool = null;
async function poolStep() {
  const r = await pool.trainStep(volData, bce, 'bench');
  adamUpdate((_v, i) => r.grads[i]);
  tf.dispose(r.grads);
  pool.invalidate();
}
async function poolInfer() {
  await pool.forward(volData, 'bench');
}
async function infer() {
  const y = tf.tidy(() => net.forward(vol));
  await y.data();
  y.dispose();
}
async function timed(fn) {
  await fn();
  const ts = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    sample();
    ts.push((performance.now() - t0) / 1000);
  }
  return ts.sort((a, b) => a - b)[Math.floor(ts.length / 2)];
}

const fmt = (x) => x.toFixed(3);
if (values['rss-run']) {
  // Child mode: two training steps of this exam with --workers slice workers; print the peak RSS.
  pool = await SliceParallelMRNet.create(net, { workers: allWorkers });
  for (let i = 0; i < 2; i++) await poolStep();
  await pool.dispose();
  console.log(JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}
if (values['solo-run']) {
  // Child mode: this exam (a shard) on one engine, no coordination; print the median times.
  console.log(JSON.stringify({ inference: await timed(infer), step: await timed(trainStep) }));
  process.exit(0);
}
const loadBefore = loadavg().map((x) => x.toFixed(2));
const inference = await timed(infer);
const step = await timed(trainStep);
let par = null;
let solo = null;
const threaded = [];
if (allWorkers > 1 && ['wasm', 'cpu'].includes(choice.backend)) {
  pool = await SliceParallelMRNet.create(net, { workers: allWorkers });
  par = { inference: await timed(poolInfer), step: await timed(poolStep) };
  await pool.dispose();
  // How much engines slow each other on this machine: as many independent processes as workers,
  // each with its shard of the slices, all at once (no messages, no gradient sum, no weight
  // broadcast). Inference above 1/K of the 1-worker time here is the machine's (shared caches,
  // memory bandwidth, clocks), not the slice workers'.
  const shard = Math.ceil(slices / allWorkers);
  const runs = await Promise.all(Array.from({ length: allWorkers }, () => new Promise((done, fail) => {
    execFile(process.execPath, [fileURLToPath(import.meta.url), '--solo-run', '--slices', String(shard), '--size', String(size), '--repeats', String(repeats), '--backend', values.backend], { encoding: 'utf8' }, (err, out) => (err ? fail(err) : done(JSON.parse(out.trim().split('\n').pop()))));
  })));
  solo = { inference: Math.max(...runs.map((r) => r.inference)), step: Math.max(...runs.map((r) => r.step)) };
  if (choice.backend === 'wasm' && allWorkers % 2 === 0) {
    // The same cores as XNNPACK threads inside fewer slice workers: half the workers × 2 threads,
    // and (on 2 cores) 1 worker × 2 threads.
    for (const workers of [...new Set([allWorkers / 2, 1])]) {
      pool = await SliceParallelMRNet.create(net, { workers, wasmThreads: 2 });
      threaded.push({ workers, threads: 2, inference: await timed(poolInfer), step: await timed(poolStep) });
      await pool.dispose();
    }
  }
}
clearInterval(sampler);
sample();
console.log(`model: ${slices}×${size}×${size} exam, backend ${choice.backend}${choice.reasons.length ? ` (skipped: ${choice.reasons.join(' | ')})` : ''}, ${cores} cores, load average ${loadBefore.join(' ')} → ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`  tfjs 1 worker    inference ${fmt(inference)} s   train step ${fmt(step)} s`);
if (par) {
  console.log(`  tfjs ${String(allWorkers).padEnd(2)} workers  inference ${fmt(par.inference)} s   train step ${fmt(par.step)} s   (${(par.inference / inference).toFixed(2)}× / ${(par.step / step).toFixed(2)}× the 1-worker time; target ≤ 0.6× on 2 cores)`);
  console.log(`  contention: ${allWorkers} independent processes, ${Math.ceil(slices / allWorkers)} slices each, at once  inference ${fmt(solo.inference)} s   train step ${fmt(solo.step)} s   (${(solo.inference / inference).toFixed(2)}× / ${(solo.step / step).toFixed(2)}× the 1-worker time; each process also runs its own Adam update)`);
} else {
  console.log(`  tfjs all cores: ${cores} core(s)${['wasm', 'cpu'].includes(choice.backend) ? '' : `, backend ${choice.backend} is not split over slice workers`}; not measured`);
}
for (const r of threaded) {
  console.log(`  tfjs ${r.workers} worker${r.workers === 1 ? ' ' : 's'} × ${r.threads} wasm threads  inference ${fmt(r.inference)} s   train step ${fmt(r.step)} s`);
}
if (par && threaded.length) {
  const best = threaded.reduce((a, b) => (a.step < b.step ? a : b));
  console.log(best.step < par.step
    ? `  threaded wasm: ${best.workers} worker(s) × ${best.threads} threads train faster than ${allWorkers} slice workers alone (${fmt(best.step)} vs ${fmt(par.step)} s): pass wasmThreads to SliceParallelMRNet`
    : `  threaded wasm: ${allWorkers} slice workers alone are faster (${fmt(par.step)} s vs ${fmt(best.step)} s with threads): kept as the default (wasmThreads 1)`);
} else if (par) {
  console.log('  threaded wasm: not measured (needs the wasm backend and an even core count)');
}
console.log(`  peak RSS of this process ${(peakRss / 2 ** 20).toFixed(0)} MB`);

const py = '/usr/bin/python3';
if (!values['no-torch'] && existsSync(py)) {
  let hasTorch = false;
  try {
    execFileSync(py, ['-c', 'import torch, torchvision'], { stdio: 'ignore' });
    hasTorch = true;
  } catch {
    console.log('  pytorch: /usr/bin/python3 has no torch/torchvision; skipped');
  }
  if (hasTorch) {
    const out = execFileSync(py, [join(root, 'scripts/bench/torch_model_bench.py'), String(slices), String(size), String(repeats)], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop());
    console.log(`  pytorch inference ${fmt(r.inferenceSeconds)} s   train step ${fmt(r.trainStepSeconds)} s   peak RSS ${r.peakRssMB.toFixed(0)} MB (torch ${r.torch}, ${r.threads} threads)`);
    console.log(`  ratio to pytorch, 1 worker   inference ${(inference / r.inferenceSeconds).toFixed(2)}×   train step ${(step / r.trainStepSeconds).toFixed(2)}×`);
    if (par) console.log(`  ratio to pytorch, ${allWorkers} workers  inference ${(par.inference / r.inferenceSeconds).toFixed(2)}×   train step ${(par.step / r.trainStepSeconds).toFixed(2)}×`);
  }
}
tf.dispose([vol, target, ...m, ...s2]);
net.dispose();

// Peak RSS of a 60-slice exam (same size) training with 2 slice workers, in a fresh process.
const rssOut = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--rss-run', '--slices', '60', '--size', String(size), '--workers', '2', '--backend', values.backend], { encoding: 'utf8' });
const rss = JSON.parse(rssOut.trim().split('\n').pop());
console.log(`  peak RSS, 60×${size}×${size} exam training with 2 slice workers: ${rss.maxRssMB.toFixed(0)} MB (target ≤ 2560 MB)`);
