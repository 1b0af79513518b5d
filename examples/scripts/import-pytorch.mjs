#!/usr/bin/env node
// Import a model trained with the seed's PyTorch code: read its checkpoint (a state_dict written by
// torch.save), predict on one series, and compare with the logit PyTorch computed for the same file
// and input. Uses the small PyTorch-made fixture of @mrnet/model (scripts/fixtures/make_model_fixtures.py).
// Usage: node examples/scripts/import-pytorch.mjs [FILE.pth FILE.npy]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'fflate';
import { readNpy, toVolume } from '@mrnet/data';
import { createMRNet, initBackend, mrnetWeightsFromCheckpoint } from '@mrnet/model';

const fixtures = join(dirname(createRequire(import.meta.url).resolve('@mrnet/model/package.json')), 'fixtures', 'torch');
const expected = JSON.parse(readFileSync(join(fixtures, 'cli.json'), 'utf8'));
const [ckptArg, inputArg] = process.argv.slice(2);

// The fixture is committed gzip'd twice; a real checkpoint is read as is.
const ckptPath = ckptArg ?? join(fixtures, 'mrnet_state_dict.pth.gz.gz');
const bytes = ckptArg ? new Uint8Array(readFileSync(ckptPath)) : gunzipSync(gunzipSync(new Uint8Array(readFileSync(ckptPath))));
const inputPath = inputArg ?? join(fixtures, expected.input);

await initBackend('auto');
const net = createMRNet({ weights: mrnetWeightsFromCheckpoint(bytes, { path: ckptPath }) });
const volume = toVolume(readNpy(new Uint8Array(readFileSync(inputPath)), { path: inputPath }), { path: inputPath });
const { logit, probability } = net.predict(volume.data, volume.shape);
net.dispose();
console.log(`input ${volume.shape.join('×')}: logit ${logit.toFixed(6)}, probability ${probability.toFixed(6)}`);

if (!ckptArg) {
  const rel = Math.abs(logit - expected.logit) / Math.abs(expected.logit);
  console.log(`PyTorch: logit ${expected.logit.toFixed(6)}, probability ${expected.probability.toFixed(6)} (relative difference ${rel.toExponential(2)})`);
  if (!(rel <= 1e-4)) {
    console.error('import-pytorch: the imported model does not reproduce PyTorch’s logit');
    process.exit(1);
  }
}
