#!/usr/bin/env node
// @mrnet/train benchmark: seconds per epoch of `mrnet train -t acl` on a synthetic dataset
// (default: mrnet synth --train 30 --valid 15 --slices 16 --size 128), training the three planes
// at the same time in worker threads (`-p all`, trainPlanes, one core each) against one after another
// on the main thread (trainPlaneModel ×3), each plane on its own wasm engine, and one after another
// with every core splitting each exam's slices (sliceWorkers = cores). Imports the built packages (dist/).
// Standalone: node tools/bench-train.mjs [--data DIR] [--epochs 1] [--backend wasm] [--train 60 --valid 30 --slices 16 --size 128] [--json]
// (also run by tools/bench.mjs as the `train` section). Wall times depend on what else runs on
// the machine: the load average before and after is reported with the figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PLANES } from '../packages/data/dist/index.js';
import { generateSyntheticMRNet } from '../packages/data/dist/node/index.js';
import { initBackend } from '../packages/model/dist/index.js';
import { trainPlaneModel, trainPlanes } from '../packages/train/dist/index.js';

const DEFAULTS = { epochs: 1, backend: 'wasm', train: 30, valid: 15, slices: 16, size: 128 };

const load = () => loadavg().map((x) => Number(x.toFixed(2)));

export default async function benchTrain(opts = {}) {
  const o = { ...DEFAULTS, ...opts };
  const tmp = mkdtempSync(join(tmpdir(), 'mrnet-bench-train-'));
  try {
    let data = o.data;
    if (!data) {
      data = join(tmp, 'data');
      await generateSyntheticMRNet({ out: data, train: o.train, valid: o.valid, slices: o.slices, size: o.size, seed: 0 });
    }
    const common = { dataRoot: data, task: 'acl', epochs: o.epochs, pretrained: 'none', seed: 0, workers: 1, patience: 1000 };
    const loadBefore = load();
    const choice = await initBackend(o.backend);

    const t0 = performance.now();
    const seqHistory = {};
    for (const plane of PLANES) {
      const r = await trainPlaneModel({ ...common, plane, modelsDir: join(tmp, 'seq/models'), logdir: join(tmp, 'seq/logs') });
      seqHistory[plane] = r.history.map((h) => h.seconds);
    }
    const sequential = (performance.now() - t0) / 1000;

    const tS = performance.now();
    for (const plane of PLANES) {
      await trainPlaneModel({ ...common, plane, sliceWorkers: availableParallelism(), modelsDir: join(tmp, 'slices/models'), logdir: join(tmp, 'slices/logs') });
    }
    const slicesAll = (performance.now() - tS) / 1000;

    const t1 = performance.now();
    const par = await trainPlanes({ ...common, planes: [...PLANES], backend: o.backend, modelsDir: join(tmp, 'par/models'), logdir: join(tmp, 'par/logs') });
    const parallel = (performance.now() - t1) / 1000;

    const result = {
      dataset: o.data ?? `synthetic ${o.train} train / ${o.valid} valid, ${o.slices} slices of ${o.size}²`,
      backend: choice.backend,
      cores: availableParallelism(),
      epochs: o.epochs,
      sequentialSecondsPerEpoch: Number((sequential / o.epochs).toFixed(1)),
      parallelSecondsPerEpoch: Number((parallel / o.epochs).toFixed(1)),
      sliceWorkersSecondsPerEpoch: Number((slicesAll / o.epochs).toFixed(1)),
      ratio: Number((parallel / sequential).toFixed(3)),
      target: '≤ 0.6',
      perPlaneEpochSeconds: { sequential: seqHistory, parallel: Object.fromEntries(PLANES.map((p) => [p, par[p].history.map((h) => h.seconds)])) },
      loadBefore,
      loadAfter: load(),
    };
    console.log(
      `train (${result.backend}, ${result.cores} cores, ${result.dataset}): ${result.sequentialSecondsPerEpoch} s/epoch for the three planes one after another, ` +
        `${result.parallelSecondsPerEpoch} s/epoch with -p all → ratio ${result.ratio} (target ≤ 0.6); ` +
        `${result.sliceWorkersSecondsPerEpoch} s/epoch one after another with ${result.cores} slice workers each; load average ${loadBefore.join(' ')} → ${result.loadAfter.join(' ')}`,
    );
    return result;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' }, epochs: { type: 'string' }, backend: { type: 'string' }, train: { type: 'string' }, valid: { type: 'string' },
      slices: { type: 'string' }, size: { type: 'string' }, json: { type: 'boolean', default: false },
    },
    strict: false, // tools/bench.mjs forwards its arguments to every section
  });
  const opts = {};
  for (const k of ['epochs', 'train', 'valid', 'slices', 'size']) if (values[k] !== undefined) opts[k] = Number(values[k]);
  if (values.data) opts.data = values.data;
  if (values.backend) opts.backend = values.backend;
  const results = await benchTrain(opts);
  if (values.json) console.log(JSON.stringify({ train: results }, null, 2));
}
