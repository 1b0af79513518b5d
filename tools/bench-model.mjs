#!/usr/bin/env node
// Benchmark of @mrnet/model: one SLICES×SIZE×SIZE exam (default 32×256×256) on the active backend
// (wasm by default; --backend auto|tensorflow|wasm|cpu): inference seconds, training-step seconds
// (forward + backward + Adam update), peak RSS; and, when /usr/bin/python3 has torch, the same for
// PyTorch (2 threads, scripts/bench/torch_model_bench.py) with the ratios.
// Usage: node tools/bench-model.mjs [--backend wasm] [--slices 32] [--size 256] [--repeats 3]
import { execFileSync } from 'node:child_process';
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
  },
  strict: false,
});
const slices = Number(values.slices);
const size = Number(values.size);
const repeats = Number(values.repeats);

const { initBackend, createMRNet } = await import(join(root, 'packages/model/dist/index.js'));
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
async function trainStep() {
  t++;
  const loss = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => bce(net.forward(vol)), net.variables);
    net.variables.forEach((v, i) => {
      const g = tf.add(grads[v.name], tf.mul(v, wd));
      m[i].assign(tf.add(tf.mul(m[i], b1), tf.mul(g, 1 - b1)));
      s2[i].assign(tf.add(tf.mul(s2[i], b2), tf.mul(tf.square(g), 1 - b2)));
      const mh = tf.div(m[i], 1 - b1 ** t);
      const vh = tf.div(s2[i], 1 - b2 ** t);
      v.assign(tf.sub(v, tf.mul(tf.div(mh, tf.add(tf.sqrt(vh), eps)), lr)));
    });
    return value;
  });
  await loss.data();
  loss.dispose();
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

const inference = await timed(infer);
const step = await timed(trainStep);
clearInterval(sampler);
sample();
const fmt = (x) => x.toFixed(3);
console.log(`model: ${slices}×${size}×${size} exam, backend ${choice.backend}${choice.reasons.length ? ` (skipped: ${choice.reasons.join(' | ')})` : ''}`);
console.log(`  tfjs    inference ${fmt(inference)} s   train step ${fmt(step)} s   peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);

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
    console.log(`  ratio   inference ${(inference / r.inferenceSeconds).toFixed(2)}×   train step ${(step / r.trainStepSeconds).toFixed(2)}×   (targets on wasm: ≤ 5×, ≤ 6×)`);
  }
}
tf.dispose([vol, target, ...m, ...s2]);
net.dispose();
