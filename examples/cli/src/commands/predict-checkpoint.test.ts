import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.test-support.js';

// PyTorch-made fixtures of @mrnet/model (scripts/fixtures/make_model_fixtures.py): the seed's MRNet
// saved as a state_dict and as a whole pickled module (committed gzip'd twice), one input .npy,
// and the logit torch computed for it after loading each file.
const FIXTURES = join(dirname(createRequire(import.meta.url).resolve('@mrnet/model/package.json')), 'fixtures', 'torch');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'cli.json'), 'utf8')) as { input: string; logit: number; probability: number };
const input = join(FIXTURES, expected.input);

const dir = mkdtempSync(join(tmpdir(), 'mrnet-predict-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const unpack = (name: string): string => {
  const path = join(dir, name.replace(/\.gz\.gz$/, ''));
  writeFileSync(path, gunzipSync(gunzipSync(new Uint8Array(readFileSync(join(FIXTURES, name))))));
  return path;
};

describe('mrnet predict --checkpoint', () => {
  for (const name of ['mrnet_state_dict.pth.gz.gz', 'mrnet_module.pth.gz.gz']) {
    it(`prints PyTorch's logit and probability for ${name.replace(/\.gz\.gz$/, '')} (relative error ≤ 1e-4)`, async () => {
      const ckpt = unpack(name);
      const r = await runCli('predict', '--checkpoint', ckpt, '-p', 'sagittal', '--input', input, '--json', '--backend', 'cpu');
      expect(r.code, r.err).toBe(0);
      const doc = JSON.parse(r.out) as { plane: string; logit: number; probability: number };
      expect(Object.keys(doc)).toEqual(['plane', 'logit', 'probability']);
      expect(doc.plane).toBe('sagittal');
      expect(Math.abs(doc.logit - expected.logit) / Math.abs(expected.logit)).toBeLessThanOrEqual(1e-4);
      expect(Math.abs(doc.probability - expected.probability) / expected.probability).toBeLessThanOrEqual(1e-4);
    });
  }

  it('exits 2 with one line naming the flag and the file for a missing, legacy, float64 or non-MRNet checkpoint, or a bad input', async () => {
    const good = unpack('mrnet_state_dict.pth.gz.gz');
    const cases: [string[], RegExp][] = [
      [['--checkpoint', join(dir, 'nope.pth'), '-p', 'axial', '--input', input], /^mrnet predict: --checkpoint .*nope\.pth: cannot read \(ENOENT\)\n$/],
      [['--checkpoint', join(FIXTURES, 'legacy.pth'), '-p', 'axial', '--input', input], /^mrnet predict: --checkpoint .*legacy\.pth: saved with torch < 1\.6 .*\n$/],
      [['--checkpoint', join(FIXTURES, 'float64.pth'), '-p', 'axial', '--input', input], /^mrnet predict: --checkpoint .*float64\.pth: storage data\/0 holds float64 .*\n$/],
      [['--checkpoint', join(FIXTURES, 'tiny.pth'), '-p', 'axial', '--input', input], /^mrnet predict: --checkpoint .*tiny\.pth: no AlexNet features found .*\n$/],
      [['--checkpoint', good, '-p', 'axial', '--input', join(FIXTURES, 'tiny.json')], /^mrnet predict: --input .*tiny\.json: .*\n$/],
      [['--checkpoint', good, '-p', 'axial', '--input', join(dir, 'missing.npy')], /^mrnet predict: --input .*missing\.npy: cannot read \(ENOENT\)\n$/],
      [['--checkpoint', good, '-p', 'lateral', '--input', input], /^mrnet predict: --plane.*lateral.*\n$/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli('predict', ...argv, '--backend', 'cpu');
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(message);
    }
  });
});
