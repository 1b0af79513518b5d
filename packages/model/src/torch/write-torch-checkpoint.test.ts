import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMRNetWeights } from '../io/index.js';
import { saveMRNet } from '../io/save-mrnet.js';
import { closedFormWeights } from './closed-form-fixture.test-support.js';
import { mrnetWeightsFromCheckpoint } from './mrnet-weights-from-checkpoint.js';
import { readTorchCheckpoint } from './read-torch-checkpoint.js';
import { FIXTURES, firstDifference, fixture, gz2Fixture } from './torch-fixtures.test-support.js';
import { stateDictFromMRNetWeights, writeTorchCheckpoint } from './write-torch-checkpoint.js';

const tmp = mkdtempSync(join(tmpdir(), 'mrnet-write-pth-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The records of a torch zip archive by name without its folder prefix. */
function records(bytes: Uint8Array): Map<string, Uint8Array> {
  const files = unzipSync(bytes);
  return new Map(Object.entries(files).map(([name, data]) => [name.slice(name.indexOf('/') + 1), data]));
}

const bytesOf = (a: Float32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

describe('writeTorchCheckpoint', () => {
  it("writes the same data.pkl and storages torch wrote for a plain OrderedDict (plain_state_dict.pth)", () => {
    const torchFile = fixture('plain_state_dict.pth');
    const ours = writeTorchCheckpoint(readTorchCheckpoint(torchFile));
    const want = records(torchFile);
    const got = records(ours);
    expect(new TextDecoder().decode(got.get('version'))).toBe(new TextDecoder().decode(want.get('version')));
    expect(equalBytes(got.get('data.pkl')!, want.get('data.pkl')!)).toBe(true);
    for (const [name, data] of want) if (name.startsWith('data/')) expect(equalBytes(got.get(name)!, data), name).toBe(true);
  });

  it('aligns every record to 64 bytes, as torch does', () => {
    const bytes = writeTorchCheckpoint(stateDictFromMRNetWeights(closedFormWeights()));
    const v = new DataView(bytes.buffer, bytes.byteOffset);
    let p = 0;
    let n = 0;
    while (v.getUint32(p, true) === 0x04034b50) {
      const nameLen = v.getUint16(p + 26, true);
      const extraLen = v.getUint16(p + 28, true);
      const data = p + 30 + nameLen + extraLen;
      expect(data % 64).toBe(0);
      p = data + v.getUint32(p + 18, true);
      n++;
    }
    expect(n).toBe(12 + 3);
  });

  it('.pth → TF.js artifacts → .pth gives byte-for-byte the tensor data torch wrote', async () => {
    const original = readTorchCheckpoint(gz2Fixture('mrnet_state_dict.pth.gz.gz'));
    const dir = join(tmp, 'acl-sagittal');
    await saveMRNet(mrnetWeightsFromCheckpoint(gz2Fixture('mrnet_state_dict.pth.gz.gz')), dir, { task: 'acl', plane: 'sagittal' });
    const { weights } = await loadMRNetWeights(dir);
    const back = readTorchCheckpoint(writeTorchCheckpoint(stateDictFromMRNetWeights(weights)));
    const seedKeys = [...original.keys()].filter((k) => k.startsWith('pretrained_model.features.') || k.startsWith('classifer.'));
    expect([...back.keys()]).toEqual(seedKeys);
    for (const key of seedKeys) {
      expect(back.get(key)!.shape, key).toEqual(original.get(key)!.shape);
      expect(equalBytes(bytesOf(back.get(key)!.data), bytesOf(original.get(key)!.data)), key).toBe(true);
    }
  });

  it('matches the committed file our writer made, which PyTorch loads with weights_only=True (scripts/fixtures/check_torch_export.py)', () => {
    const ours = writeTorchCheckpoint(stateDictFromMRNetWeights(closedFormWeights()));
    if (process.env['MRNET_WRITE_FIXTURES'] === '1') {
      writeFileSync(new URL('ours_mrnet_state_dict.pth.gz.gz', FIXTURES), gzipSync(gzipSync(ours, { level: 9, mtime: 0 }), { level: 9, mtime: 0 }));
    }
    const committed = gz2Fixture('ours_mrnet_state_dict.pth.gz.gz');
    expect(equalBytes(ours, committed)).toBe(true);
    // and our reader reads it back to exactly the weights written
    const want = closedFormWeights();
    const got = mrnetWeightsFromCheckpoint(committed, { path: 'ours.pth' });
    got.features.forEach((c, i) => {
      expect(firstDifference(c.kernel, want.features[i]!.kernel), `conv${i + 1}`).toBe(-1);
      expect(firstDifference(c.bias, want.features[i]!.bias), `conv${i + 1} bias`).toBe(-1);
    });
    expect(firstDifference(got.classifier.weight, want.classifier.weight)).toBe(-1);
    expect(got.classifier.bias).toBe(want.classifier.bias);
  });

  it('refuses a tensor whose data does not fill its shape, naming the key', () => {
    expect(() => writeTorchCheckpoint(new Map([['w', { shape: [2, 3], data: new Float32Array(5) }]]))).toThrow(
      new RangeError('writeTorchCheckpoint: w: shape [2, 3] needs 6 float32 values, got 5'),
    );
  });
});
