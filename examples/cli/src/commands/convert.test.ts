import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readNpy } from '@mrnet/data';
import { initBackend, loadMRNet, mrnetWeightsFromCheckpoint } from '@mrnet/model';
import { gunzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../run.js';

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

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

describe('mrnet convert', () => {
  it('writes a tfjs artifacts folder holding the checkpoint\'s weights, which predicts PyTorch\'s logit', async () => {
    const out = join(dir, 'acl-sagittal');
    const r = await cli('convert', '--from', checkpoint, '--out', out, '-t', 'acl', '-p', 'sagittal');
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
    expect((await cli('convert', '--from', checkpoint, '--out', out)).code).toBe(0);
  });

  it('exits 2 naming the flag for a bad checkpoint or an --out folder that is not a saved model', async () => {
    const busy = join(dir, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'keep me');
    const r1 = await cli('convert', '--from', checkpoint, '--out', busy);
    expect(r1).toMatchObject({ code: 2, out: '' });
    expect(r1.err).toMatch(/^mrnet convert: --out .*busy: folder exists and is not a saved model; choose a new folder \(nothing was changed\)\n$/);
    expect(readdirSync(busy)).toEqual(['notes.txt']);
    const r2 = await cli('convert', '--from', join(FIXTURES, 'legacy.pth'), '--out', join(dir, 'x'));
    expect(r2).toMatchObject({ code: 2, out: '' });
    expect(r2.err).toMatch(/^mrnet convert: --from .*legacy\.pth: saved with torch < 1\.6/);
    const r3 = await cli('convert', '--out', join(dir, 'x'));
    expect(r3.code).toBe(2);
    expect(r3.err).toMatch(/--from: required/);
  });
});
