import * as fsp from 'node:fs/promises';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { StateFormatError } from '@mrnet/options';
import { ModelArtifactsError } from '../errors.js';
import { initMRNetWeights } from '../network/init.js';
import type { MRNetWeights } from '../network/weights.js';
import { loadMRNet, loadMRNetWeights } from './load-mrnet.js';
import { saveMRNet } from './save-mrnet.js';

let root: string;
beforeAll(async () => {
  await initBackend('cpu');
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'mrnet-artifacts-'));
});
afterAll(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

function same(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
function sameWeights(a: MRNetWeights, b: MRNetWeights): boolean {
  return (
    a.features.every((f, i) => same(f.kernel, b.features[i]!.kernel) && same(f.bias, b.features[i]!.bias)) &&
    same(a.classifier.weight, b.classifier.weight) &&
    a.classifier.bias === b.classifier.bias
  );
}

const META = { task: 'acl', plane: 'sagittal', inputNormalisation: 'none' as const, bestEpoch: 3, trainAuc: 0.8, valAuc: 0.75, trainLoss: 0.5, valLoss: 0.6 };

describe('saveMRNet / loadMRNet', () => {
  it('round-trips weights exactly, with tfjs artifacts layout and metadata', async () => {
    const w = initMRNetWeights(21);
    const dir = path.join(root, 'rt');
    await saveMRNet(w, dir, META);
    const files = (await fsp.readdir(dir)).sort();
    const json = JSON.parse(await fsp.readFile(path.join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('mrnet-tfjs');
    expect(json.weightsManifest[0].paths).toEqual(files.filter((f) => f.endsWith('.bin')));
    expect(json.metadata).toEqual({ ...META, packageVersion: '0.1.0' });
    const total = (await Promise.all(files.filter((f) => f.endsWith('.bin')).map((f) => fsp.stat(path.join(dir, f))))).reduce((n, s) => n + s.size, 0);
    expect(total).toBe(4 * (w.features.reduce((n, f) => n + f.kernel.length + f.bias.length, 0) + 257));
    for (const src of [dir, pathToFileURL(dir).href, path.join(dir, 'model.json')]) {
      const back = await loadMRNetWeights(src);
      expect(sameWeights(back.weights, w)).toBe(true);
    }
    const { model, metadata } = await loadMRNet(dir);
    expect(sameWeights(model.getWeights(), w)).toBe(true);
    expect(metadata.valAuc).toBe(0.75);
    model.dispose();
    expect((await fsp.readdir(root)).filter((f) => f.startsWith('.'))).toEqual([]); // no temp folders left
  });

  it('loads over http(s) with fetch', async () => {
    const dir = path.join(root, 'served');
    const w = initMRNetWeights(5);
    await saveMRNet(w, dir, META);
    const server = http.createServer((req, res) => {
      fsp.readFile(path.join(dir, path.basename(req.url ?? ''))).then(
        (body) => res.end(body),
        () => {
          res.statusCode = 404;
          res.end();
        },
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const back = await loadMRNetWeights(`http://127.0.0.1:${port}/m/`);
      expect(sameWeights(back.weights, w)).toBe(true);
      expect(back.metadata.plane).toBe('sagittal');
      await expect(loadMRNetWeights(`http://127.0.0.1:${port}/nothing/x.json`)).rejects.toThrow(/HTTP 404/);
    } finally {
      server.close();
    }
  });

  it('a crash mid-write leaves the previous model intact and no half-written folder', async () => {
    const dir = path.join(root, 'best');
    const first = initMRNetWeights(1);
    await saveMRNet(first, dir, { ...META, bestEpoch: 1 });
    let writes = 0;
    const crashing = {
      writeFile: (async (file: string, data: Uint8Array) => {
        writes++;
        if (writes === 1) {
          await fsp.writeFile(file, data.subarray(0, 100)); // half a shard, then "crash"
          throw new Error('simulated crash');
        }
        return fsp.writeFile(file, data);
      }) as typeof fsp.writeFile,
    };
    await expect(saveMRNet(initMRNetWeights(2), dir, { ...META, bestEpoch: 2 }, { fs: crashing })).rejects.toThrow(ModelArtifactsError);
    const back = await loadMRNetWeights(dir);
    expect(sameWeights(back.weights, first)).toBe(true);
    expect(back.metadata.bestEpoch).toBe(1);
    expect((await fsp.readdir(root)).filter((f) => f.startsWith('.'))).toEqual([]);
    // a failing final rename also keeps the previous model
    const failingRename = {
      rename: (async (from: string, to: string) => {
        if (to === dir) throw Object.assign(new Error('EIO'), { code: 'EIO' });
        return fsp.rename(from, to);
      }) as typeof fsp.rename,
    };
    await expect(saveMRNet(initMRNetWeights(3), dir, META, { fs: failingRename })).rejects.toThrow(/cannot move the new model/);
    expect(sameWeights((await loadMRNetWeights(dir)).weights, first)).toBe(true);
    // and a successful save replaces it
    const third = initMRNetWeights(3);
    await saveMRNet(third, dir, META);
    expect(sameWeights((await loadMRNetWeights(dir)).weights, third)).toBe(true);
  });

  it('rejects missing or malformed folders with the path', async () => {
    await expect(loadMRNetWeights(path.join(root, 'nope'))).rejects.toThrow(/nope.*model\.json/);
    const bad = path.join(root, 'bad');
    await saveMRNet(initMRNetWeights(4), bad, META);
    const json = JSON.parse(await fsp.readFile(path.join(bad, 'model.json'), 'utf8'));
    await fsp.writeFile(path.join(bad, json.weightsManifest[0].paths[0]), new Uint8Array(10));
    await expect(loadMRNetWeights(bad)).rejects.toThrow(/weight shards hold \d+ bytes, expected 9879812/);
    json.format = 'layers-model';
    await fsp.writeFile(path.join(bad, 'model.json'), JSON.stringify(json));
    await expect(loadMRNetWeights(bad)).rejects.toThrow(StateFormatError);
    json.format = 'mrnet-tfjs';
    json.version = 2;
    await fsp.writeFile(path.join(bad, 'model.json'), JSON.stringify(json));
    await expect(loadMRNetWeights(bad)).rejects.toThrow(/version 2 is newer than this release reads \(1\)/);
  });
});

describe('input normalisation travels with the weights', () => {
  async function saveWith(name: string, metadata: Record<string, unknown>): Promise<string> {
    const dir = path.join(root, name);
    await saveMRNet(initMRNetWeights(5), dir, metadata);
    return dir;
  }

  it('is validated once by loadMRNet and exposed on the loaded model', async () => {
    const dir = await saveWith('stanford', { ...META, inputNormalisation: 'stanford' });
    const loaded = await loadMRNet(dir);
    expect(loaded.inputNormalisation).toBe('stanford');
    expect(loaded.metadata.inputNormalisation).toBe('stanford');
    loaded.model.dispose();
  });

  it("reads a model without it as 'none' only when our trainer did not write it", async () => {
    const converted = await saveWith('converted', { convertedFrom: 'seed.pth' });
    expect((await loadMRNetWeights(converted)).metadata.inputNormalisation).toBe('none');
    const trained = await saveWith('trained-no-norm', { task: 'acl', trainPackageVersion: '0.1.0' });
    await expect(loadMRNetWeights(trained)).rejects.toThrow(/has no inputNormalisation, but the model was trained by @mrnet\/train "0\.1\.0"/);
  });

  it('refuses an unknown value with the folder named', async () => {
    const dir = await saveWith('weird', { ...META, inputNormalisation: 'zscore' });
    const e = await loadMRNetWeights(dir).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ModelArtifactsError);
    expect((e as Error).message).toContain(`metadata.inputNormalisation "zscore" is not one of none, stanford, imagenet`);
  });
});
