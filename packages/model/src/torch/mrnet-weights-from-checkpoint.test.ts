import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readNpy } from '@mrnet/data';
import { closedFormInput, closedFormWeights, CLOSED_FORM } from './closed-form-fixture.test-support.js';
import { AlexNetOnlyCheckpointError, TorchCheckpointError } from './errors.js';
import { backboneWeightsFromCheckpoint, locateStateDict, mrnetWeightsFromCheckpoint, mrnetWeightsFromStateDict } from './mrnet-weights-from-checkpoint.js';
import { readTorchCheckpoint } from './read-torch-checkpoint.js';
import { FIXTURES, firstDifference, fixture, gz2Fixture } from './torch-fixtures.test-support.js';

describe('mrnetWeightsFromCheckpoint', () => {
  const want = closedFormWeights();

  it('matches the fixture constants', () => {
    const parity = JSON.parse(readFileSync(new URL('parity.json', FIXTURES), 'utf8')) as { closedForm: Record<string, unknown> };
    expect(parity.closedForm).toMatchObject(CLOSED_FORM);
  });

  for (const name of ['mrnet_state_dict.pth.gz.gz', 'mrnet_module.pth.gz.gz']) {
    it(`converts ${name} (OIHW → HWIO, [1,256] → 256) to exactly the weights torch held`, () => {
      const got = mrnetWeightsFromCheckpoint(gz2Fixture(name), { path: name });
      got.features.forEach((c, i) => {
        expect(c.kernelShape, `conv${i + 1}`).toEqual(want.features[i]!.kernelShape);
        expect(firstDifference(c.kernel, want.features[i]!.kernel), `conv${i + 1} kernel`).toBe(-1);
        expect(firstDifference(c.bias, want.features[i]!.bias), `conv${i + 1} bias`).toBe(-1);
      });
      expect(firstDifference(got.classifier.weight, want.classifier.weight)).toBe(-1);
      expect(got.classifier.bias).toBe(want.classifier.bias);
    });
  }

  // Checkpoints as training scripts save them (scripts/fixtures/make_model_fixtures.py wrappers).
  for (const [name, wrapperKey, dataParallel] of [
    ['wrapped_model.pth.gz.gz', 'model', false],
    ['wrapped_state_dict.pth.gz.gz', 'state_dict', true],
    ['wrapped_model_state_dict.pth.gz.gz', 'model_state_dict', false],
  ] as const) {
    it(`reads the state_dict nested under '${wrapperKey}'${dataParallel ? ' with module. prefixes' : ''} (${name}) and says where it was`, () => {
      const sd = readTorchCheckpoint(gz2Fixture(name), { path: name });
      expect(locateStateDict(sd)).toMatchObject({ wrapperKey, dataParallel });
      const got = mrnetWeightsFromStateDict(sd, name);
      got.features.forEach((c, i) => expect(firstDifference(c.kernel, want.features[i]!.kernel), `conv${i + 1}`).toBe(-1));
      expect(firstDifference(got.classifier.weight, want.classifier.weight)).toBe(-1);
      expect(got.classifier.bias).toBe(want.classifier.bias);
    });
  }

  it('says a bare state dict is not wrapped', () => {
    expect(locateStateDict(readTorchCheckpoint(gz2Fixture('mrnet_state_dict.pth.gz.gz')))).toMatchObject({ wrapperKey: undefined, dataParallel: false });
    expect(locateStateDict(readTorchCheckpoint(fixture('tiny.pth')))).toBeUndefined();
  });

  it('takes the backbone of a torchvision AlexNet state_dict and ignores its classifier', () => {
    const features = backboneWeightsFromCheckpoint(gz2Fixture('alexnet_state_dict.pth.gz.gz'), { path: 'alexnet.pth' });
    expect(features.map((c) => c.kernelShape)).toEqual(want.features.map((c) => c.kernelShape));
    features.forEach((c, i) => expect(firstDifference(c.kernel, want.features[i]!.kernel)).toBe(-1));
    expect(() => mrnetWeightsFromCheckpoint(gz2Fixture('alexnet_state_dict.pth.gz.gz'), { path: 'alexnet.pth' })).toThrow(
      /alexnet\.pth: no MRNet head \(classifer\.weight/,
    );
    expect(() => mrnetWeightsFromCheckpoint(gz2Fixture('alexnet_state_dict.pth.gz.gz'), { path: 'alexnet.pth' })).toThrow(AlexNetOnlyCheckpointError);
  });

  it('names the file and the key of a missing or misshapen tensor', () => {
    const sd = readTorchCheckpoint(gz2Fixture('mrnet_state_dict.pth.gz.gz'));
    const bad = new Map(sd);
    bad.set('pretrained_model.features.6.weight', { shape: [384, 192, 3, 2], data: new Float32Array(384 * 192 * 6) });
    expect(() => mrnetWeightsFromStateDict(bad, 'm.pth')).toThrow(new TorchCheckpointError('m.pth', 'pretrained_model.features.6.weight has shape [384, 192, 3, 2], expected [384, 192, 3, 3]'));
    bad.delete('pretrained_model.features.6.weight');
    expect(() => mrnetWeightsFromStateDict(bad, 'm.pth')).toThrow(/m\.pth: missing tensor pretrained_model\.features\.6\.weight/);
    expect(() => mrnetWeightsFromCheckpoint(fixture('tiny.pth'), { path: 'tiny.pth' })).toThrow(/tiny\.pth: no AlexNet features found/);
  });

  it('reproduces the fixture input volume (checked against the .npy torch wrote)', () => {
    const cli = JSON.parse(readFileSync(new URL('cli.json', FIXTURES), 'utf8')) as { seed: number };
    const npy = readNpy(fixture('input_3x64x64.npy'));
    expect(npy.shape).toEqual([3, 64, 64]);
    expect(Array.from(closedFormInput(cli.seed, 3, 64))).toEqual(Array.from(npy.data as Uint8Array));
  });
});
