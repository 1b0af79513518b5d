#!/usr/bin/env node
// Measures what a randomly initialised MRNet "knows" about the synthetic ACL labels before any
// training: the validation AUC of untrained networks (one per initialisation seed) on each plane.
// A demo only shows learning if this sits near 0.5 (the issue's bar: [0.35, 0.65] for 5 seeds ×
// 3 planes) while the trained models are well above it.
//
// The validation set must be large for this: with the demo's 30 exams (~7 positives) the AUC of a
// scorer that knows nothing has a standard deviation of ~0.13, so 15 measurements of a perfectly
// uninformative network would often leave [0.35, 0.65]; with 200 exams (~47 positives) it is ~0.045.
//
// Usage: npm run build && node tools/measure-baseline.mjs [--data DIR] [--valid 200] [--slices 8]
//        [--size 64] [--seed 0] [--seeds 0,1,2,3,4] [--planes axial,coronal,sagittal] [--intensity imagenet] [--backend wasm] [--json FILE]
// The dataset (generator of this checkout, train split of 4 exams: only validation is scored) is
// made in --data unless it is there with the same generator version.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: a } = parseArgs({
  options: {
    data: { type: 'string', default: 'baseline-measure/data' },
    valid: { type: 'string', default: '200' },
    slices: { type: 'string', default: '8' },
    size: { type: 'string', default: '64' },
    seed: { type: 'string', default: '0' },
    seeds: { type: 'string', default: '0,1,2,3,4' },
    planes: { type: 'string', default: 'axial,coronal,sagittal' },
    intensity: { type: 'string', default: 'imagenet' },
    backend: { type: 'string', default: 'wasm' },
    json: { type: 'string' },
  },
  strict: true,
});
const log = (s) => process.stderr.write(`measure-baseline: ${s}\n`);
const dataNode = await import(join(root, 'packages', 'data', 'dist', 'node', 'index.js'));
const model = await import(join(root, 'packages', 'model', 'dist', 'index.js'));
const { untrainedAuc } = await import(join(root, 'examples', 'cli', 'dist', 'commands', 'demo-baseline.js'));

const meta = join(a.data, 'dataset.json');
const version = existsSync(meta) ? JSON.parse(readFileSync(meta, 'utf8')).version : null;
if (version !== dataNode.SYNTHETIC_GENERATOR_VERSION) {
  if (version !== null) rmSync(a.data, { recursive: true, force: true });
  log(`generating ${a.valid} validation exams (${a.slices} slices, ${a.size} px, generator v${dataNode.SYNTHETIC_GENERATOR_VERSION}) in ${a.data}`);
  await dataNode.generateSyntheticMRNet({ out: a.data, train: 4, valid: Number(a.valid), slices: Number(a.slices), size: Number(a.size), seed: Number(a.seed) });
}
const backend = await model.initBackend(a.backend);
const seeds = a.seeds.split(',').map(Number);
const t0 = performance.now();
const auc = await untrainedAuc({ data: a.data, seeds, intensity: a.intensity, planes: a.planes.split(',') });
const ds = await dataNode.openMRNetDataset(a.data, { split: 'valid', task: 'acl' });
console.log(`untrained MRNet, validation ACL AUC (${ds.items.length} exams, ${ds.positives} positive; ${a.intensity} normalisation, backend ${backend.backend}, ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
console.log(`plane     ${seeds.map((s) => `seed ${s}`.padStart(7)).join(' ')}   min    max    in [0.35, 0.65]`);
let all = true;
for (const [plane, v] of Object.entries(auc)) {
  const ok = v.every((x) => x >= 0.35 && x <= 0.65);
  all &&= ok;
  console.log(`${plane.padEnd(9)} ${v.map((x) => x.toFixed(3).padStart(7)).join(' ')}  ${Math.min(...v).toFixed(3)}  ${Math.max(...v).toFixed(3)}  ${ok ? 'yes' : 'NO'}`);
}
console.log(all ? 'all at chance' : 'NOT at chance');
if (a.json) await writeFile(a.json, JSON.stringify({ args: a, generator: dataNode.SYNTHETIC_GENERATOR_VERSION, exams: ds.items.length, positives: ds.positives, auc }, null, 1) + '\n');
