import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readNpy } from '@mrnet/data';
import { initBackend, loadMRNet, loadMRNetWeights, mrnetWeightsFromCheckpoint, readTorchCheckpoint } from '@mrnet/model';
import { gunzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.test-support.js';

// PyTorch-made fixtures of @mrnet/model (scripts/fixtures/make_model_fixtures.py).
const FIXTURES = join(dirname(createRequire(import.meta.url).resolve('@mrnet/model/package.json')), 'fixtures', 'torch');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'cli.json'), 'utf8')) as { input: string; logit: number };

const dir = mkdtempSync(join(tmpdir(), 'mrnet-convert-'));
const checkpoint = join(dir, 'mrnet_module.pth');
beforeAll(async () => {
  writeFileSync(checkpoint, gunzipSync(gunzipSync(new Uint8Array(readFileSync(join(FIXTURES, 'mrnet_module.pth.gz.gz'))))));
  await initBackend('cpu');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mrnet convert', () => {
  it('writes a tfjs artifacts folder holding the checkpoint\'s weights, which predicts PyTorch\'s logit', async () => {
    const out = join(dir, 'acl-sagittal');
    const r = await runCli('convert', '--from', checkpoint, '--out', out, '-t', 'acl', '-p', 'sagittal');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`${out}\n`);
    expect(readdirSync(out)).toContain('model.json');
    const { model, metadata } = await loadMRNet(out);
    expect(metadata).toMatchObject({ task: 'acl', plane: 'sagittal', inputNormalisation: 'none', convertedFrom: checkpoint });
    const want = mrnetWeightsFromCheckpoint(readFileSync(checkpoint));
    const got = model.getWeights();
    got.features.forEach((c, i) => {
      const w = want.features[i]!;
      expect(c.kernel.length).toBe(w.kernel.length);
      expect(c.kernel.every((v, j) => v === w.kernel[j])).toBe(true);
      expect(Array.from(c.bias)).toEqual(Array.from(w.bias));
    });
    expect(got.classifier.bias).toBe(want.classifier.bias);
    const npy = readNpy(new Uint8Array(readFileSync(join(FIXTURES, expected.input))));
    const { logit } = model.predict(Float32Array.from(npy.data as Uint8Array), npy.shape as [number, number, number]);
    expect(Math.abs(logit - expected.logit) / Math.abs(expected.logit)).toBeLessThanOrEqual(1e-4);
    model.dispose();
    // converting again replaces the saved model
    expect((await runCli('convert', '--from', checkpoint, '--out', out, '-t', 'acl', '-p', 'sagittal')).code).toBe(0);
  });

  it('exits 2 naming the flag for a bad checkpoint or an --out folder that is not a saved model', async () => {
    const busy = join(dir, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'keep me');
    const r1 = await runCli('convert', '--from', checkpoint, '--out', busy, '-t', 'acl', '-p', 'axial');
    expect(r1).toMatchObject({ code: 2, out: '' });
    expect(r1.err).toMatch(/^mrnet convert: --out .*busy: folder exists and is not a saved model; choose a new folder \(nothing was changed\)\n$/);
    expect(readdirSync(busy)).toEqual(['notes.txt']);
    const r2 = await runCli('convert', '--from', join(FIXTURES, 'legacy.pth'), '--out', join(dir, 'x'), '-t', 'acl', '-p', 'axial');
    expect(r2).toMatchObject({ code: 2, out: '' });
    expect(r2.err).toMatch(/^mrnet convert: --from .*legacy\.pth: saved with torch < 1\.6/);
    const r3 = await runCli('convert', '--out', join(dir, 'x'));
    expect(r3.code).toBe(2);
    expect(r3.err).toMatch(/--from: required/);
  });

  it('takes task and plane from a MODELS/TASK/PLANE --out, refuses a contradiction, and needs -t/-p otherwise', async () => {
    const inTree = join(dir, 'models', 'meniscus', 'coronal');
    const r = await runCli('convert', '--from', checkpoint, '--out', inTree);
    expect(r.code, r.err).toBe(0);
    expect((await loadMRNet(inTree)).metadata).toMatchObject({ task: 'meniscus', plane: 'coronal' });

    const wrong = join(dir, 'models', 'acl', 'sagittal');
    const r2 = await runCli('convert', '--from', checkpoint, '--out', wrong, '-t', 'meniscus', '-p', 'axial');
    expect(r2).toMatchObject({ code: 2, out: '' });
    expect(r2.err).toBe(
      `mrnet convert: -t meniscus -p axial: --out ${wrong} is the acl/sagittal folder of a models tree; write to MODELS/meniscus/axial or drop -t/-p (nothing was changed)\n`,
    );
    expect(existsSync(wrong)).toBe(false);
    expect((await runCli('convert', '--from', checkpoint, '--out', wrong, '-p', 'axial')).code).toBe(2);

    const flat = join(dir, 'flat');
    const r3 = await runCli('convert', '--from', checkpoint, '--out', flat, '-t', 'acl');
    expect(r3.code).toBe(2);
    expect(r3.err).toMatch(/^mrnet convert: -p\/--plane: required unless --out is a MODELS\/TASK\/PLANE folder/);
    expect(existsSync(flat)).toBe(false);
  });

  it('reads a state_dict saved under a wrapper key and names the key on stderr and in the metadata', async () => {
    const wrapped = join(dir, 'wrapped.pth');
    writeFileSync(wrapped, gunzipSync(gunzipSync(new Uint8Array(readFileSync(join(FIXTURES, 'wrapped_model_state_dict.pth.gz.gz'))))));
    const out = join(dir, 'wrapped', 'acl', 'axial');
    const r = await runCli('convert', '--from', wrapped, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe(`mrnet convert: ${wrapped}: read the state_dict under 'model_state_dict'\n`);
    expect((await loadMRNet(out)).metadata).toMatchObject({ task: 'acl', plane: 'axial', checkpointKey: 'model_state_dict' });
  });

  it('points an AlexNet-only checkpoint to mrnet train --pretrained', async () => {
    const alexnet = join(dir, 'alexnet.pth');
    writeFileSync(alexnet, gunzipSync(gunzipSync(new Uint8Array(readFileSync(join(FIXTURES, 'alexnet_state_dict.pth.gz.gz'))))));
    const r = await runCli('convert', '--from', alexnet, '--out', join(dir, 'm', 'acl', 'axial'));
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toBe(
      `mrnet convert: --from ${alexnet}: an AlexNet-only checkpoint (no MRNet head classifer.weight/classifer.bias); to train MRNet from it, use mrnet train --pretrained ${alexnet}\n`,
    );
  });

  it('--to writes a saved model back as the seed\'s state_dict, never over an existing file', async () => {
    const model = join(dir, 'back', 'acl', 'sagittal');
    expect((await runCli('convert', '--from', checkpoint, '--out', model)).code).toBe(0);
    const pth = join(dir, 'back.pth');
    const r = await runCli('convert', '--from', model, '--to', pth);
    expect(r, r.err).toMatchObject({ code: 0, out: `${pth}\n`, err: '' });
    const sd = readTorchCheckpoint(new Uint8Array(readFileSync(pth)));
    expect([...sd.keys()]).toEqual([0, 3, 6, 8, 10].flatMap((n) => [`pretrained_model.features.${n}.weight`, `pretrained_model.features.${n}.bias`]).concat(['classifer.weight', 'classifer.bias']));
    const { weights } = await loadMRNetWeights(model);
    const again = mrnetWeightsFromCheckpoint(new Uint8Array(readFileSync(pth)));
    expect(again.features.every((c, i) => c.kernel.every((v, j) => v === weights.features[i]!.kernel[j]))).toBe(true);
    expect(again.classifier.bias).toBe(weights.classifier.bias);

    const before = readFileSync(pth);
    const r2 = await runCli('convert', '--from', model, '--to', pth);
    expect(r2).toMatchObject({ code: 2, out: '', err: `mrnet convert: --to ${pth}: file exists; choose a new file (nothing was changed)\n` });
    expect(readFileSync(pth).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const r3 = await runCli('convert', '--from', dir, '--to', join(dir, 'x.pth'));
    expect(r3.code).toBe(2);
    expect(r3.err).toMatch(/--from .*: not a saved model folder \(no model\.json\)/);
    expect((await runCli('convert', '--from', model, '--to', join(dir, 'y.pth'), '--out', join(dir, 'y'))).code).toBe(2);
  });
});
