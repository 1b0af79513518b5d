import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { TorchCheckpointError } from './errors.js';
import { readTorchCheckpoint } from './read-torch-checkpoint.js';
import { FIXTURES, firstDifference, fixture, gz2Fixture } from './torch-fixtures.test-support.js';

describe('readTorchCheckpoint', () => {
  it('reads contiguous, transposed, offset, strided, shared, 0-d, Parameter and empty tensors as torch wrote them', () => {
    const expected = JSON.parse(readFileSync(new URL('tiny.json', FIXTURES), 'utf8')) as Record<string, { shape: number[]; values: number[] }>;
    const sd = readTorchCheckpoint(fixture('tiny.pth'), { path: 'tiny.pth' });
    expect([...sd.keys()]).toEqual(Object.keys(expected));
    for (const [name, want] of Object.entries(expected)) {
      const t = sd.get(name)!;
      expect(t.shape, name).toEqual(want.shape);
      expect(Array.from(t.data), name).toEqual(want.values.map(Math.fround));
    }
  });

  it('reads the seed-shaped MRNet state_dict, the whole pickled module and an AlexNet state_dict with the same tensors', () => {
    const sd = readTorchCheckpoint(gz2Fixture('mrnet_state_dict.pth.gz.gz'), { path: 'mrnet_state_dict.pth' });
    const mod = readTorchCheckpoint(gz2Fixture('mrnet_module.pth.gz.gz'), { path: 'mrnet_module.pth' });
    const alex = readTorchCheckpoint(gz2Fixture('alexnet_state_dict.pth.gz.gz'), { path: 'alexnet_state_dict.pth' });
    expect(sd.get('pretrained_model.features.0.weight')!.shape).toEqual([64, 3, 11, 11]);
    expect(sd.get('classifer.weight')!.shape).toEqual([1, 256]);
    expect([...mod.keys()]).toEqual([...sd.keys()]);
    for (const [k, t] of sd) expect(firstDifference(mod.get(k)!.data, t.data), k).toBe(-1);
    expect([...alex.keys()]).toEqual([...sd.keys()].filter((k) => k.startsWith('pretrained_model.')).map((k) => k.slice('pretrained_model.'.length)));
    expect(firstDifference(alex.get('features.3.weight')!.data, sd.get('pretrained_model.features.3.weight')!.data)).toBe(-1);
  });

  it('refuses a legacy (pre-1.6, non-zip) file and says how to re-save it', () => {
    expect(() => readTorchCheckpoint(fixture('legacy.pth'), { path: 'legacy.pth' })).toThrow(
      /legacy\.pth: saved with torch < 1\.6 or with _use_new_zipfile_serialization=False.*re-save it with torch >= 1\.6/,
    );
  });

  it('refuses a float64 storage, naming the dtype and the file', () => {
    const err = (() => {
      try {
        readTorchCheckpoint(fixture('float64.pth'), { path: 'float64.pth' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(TorchCheckpointError);
    expect((err as TorchCheckpointError).path).toBe('float64.pth');
    expect((err as Error).message).toMatch(/^float64\.pth: storage data\/0 holds float64 \(torch\.DoubleStorage\)/);
  });

  it('refuses bytes that are not a checkpoint, and a zip without data.pkl', () => {
    expect(() => readTorchCheckpoint(new TextEncoder().encode('hello world'), { path: 'x.txt' })).toThrow(/x\.txt: not a PyTorch checkpoint/);
    expect(() => readTorchCheckpoint(new Uint8Array(0))).toThrow(/<bytes>: not a PyTorch checkpoint/);
    const zip = zipSync({ 'a/readme.txt': new TextEncoder().encode('hi') });
    expect(() => readTorchCheckpoint(zip, { path: 'r.zip' })).toThrow(/r\.zip: zip archive has 0 data\.pkl records/);
  });

  it('reports a storage record missing from the archive', () => {
    const files = unzipSync(fixture('tiny.pth'));
    const name = Object.keys(files).find((n) => n.endsWith('/data/0'))!;
    delete files[name];
    expect(() => readTorchCheckpoint(zipSync(files, { level: 0 }), { path: 't.pth' })).toThrow(/t\.pth: storage record data\/0 is missing/);
  });

  it('rejects options of the wrong type', () => {
    expect(() => readTorchCheckpoint(fixture('tiny.pth'), { path: 3 } as never)).toThrow(TypeError);
    expect(() => readTorchCheckpoint('tiny.pth' as never)).toThrow(TypeError);
  });
});
