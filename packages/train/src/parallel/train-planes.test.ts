import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticMRNet, workerExecArgv } from '@mrnet/data/node';
import { initBackend, type MRNetWeights } from '@mrnet/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainPlaneModel } from '../loop/train-plane-model.js';
import type { TrainEvent } from '../loop/train-events.js';
import { trainPlanes } from './train-planes.js';

let root: string;
let data: string;

beforeAll(async () => {
  await initBackend('wasm');
  root = mkdtempSync(join(tmpdir(), 'mrnet-train-planes-'));
  data = join(root, 'data');
  await generateSyntheticMRNet({ out: data, train: 4, valid: 4, slices: 4, size: 64, seed: 8 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const bytes = (w: MRNetWeights): Buffer =>
  Buffer.concat([...w.features.flatMap((c) => [c.kernel, c.bias]), w.classifier.weight, Float32Array.of(w.classifier.bias)].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));

describe('trainPlanes', () => {
  it('trains planes in worker threads to exactly the weights trainPlaneModel gives on this thread', async () => {
    const common = { dataRoot: data, task: 'meniscus' as const, epochs: 1, lr: 1e-4, pretrained: 'none', seed: 4, workers: 0 };
    const seen = new Map<string, TrainEvent['type'][]>();
    const par = await trainPlanes({
      ...common, planes: ['axial', 'coronal'], backend: 'wasm', modelsDir: join(root, 'p/models'), logdir: join(root, 'p/logs'),
      onProgress: (plane, e) => seen.set(plane, [...(seen.get(plane) ?? []), e.type]),
    });
    expect(Object.keys(par).sort()).toEqual(['axial', 'coronal']);
    for (const plane of ['axial', 'coronal'] as const) {
      const seq = await trainPlaneModel({ ...common, plane, modelsDir: join(root, 's/models'), logdir: join(root, 's/logs') });
      expect(par[plane]!.status).toBe('completed');
      expect(par[plane]!.history.map(({ seconds: _s, ...h }) => h)).toEqual(seq.history.map(({ seconds: _s, ...h }) => h));
      expect(bytes(par[plane]!.weights).equals(bytes(seq.weights))).toBe(true);
      const types = seen.get(plane)!;
      expect(types[0]).toBe('line'); // the plane worker's backend line comes first
      expect(types.find((t) => t !== 'line')).toBe('start');
      expect(types.at(-1)).toBe('end');
      expect(types.filter((t) => t === 'step').length).toBe(8);
    }
  }, 240_000);

  it('interrupts every plane on abort (each writes its resume checkpoint) and revives typed errors by name', async () => {
    const ac = new AbortController();
    const o = { dataRoot: data, task: 'acl' as const, epochs: 3, pretrained: 'none', workers: 0, modelsDir: join(root, 'a/models'), logdir: join(root, 'a/logs') };
    const res = await trainPlanes({
      ...o, planes: ['axial', 'sagittal'], backend: 'wasm', signal: ac.signal,
      onProgress: (_p, e) => e.type === 'step' && ac.abort(),
    });
    for (const plane of ['axial', 'sagittal'] as const) {
      expect(res[plane]!.status).toBe('interrupted');
      expect(existsSync(join(root, 'a/models/acl', `${plane}.resume`))).toBe(true);
    }
    const err = await trainPlanes({ ...o, dataRoot: join(root, 'missing'), planes: ['axial'], backend: 'wasm' }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('DatasetError');
    expect((err as Error).message).toContain('missing');
  }, 240_000);

  it('drops only the @mrnet/source condition from the worker execArgv', () => {
    expect(workerExecArgv(['--conditions', '@mrnet/source', '--conditions', 'node', '-C=@mrnet/source', '--max-old-space-size=100'])).toEqual([
      '--conditions', 'node', '--max-old-space-size=100',
    ]);
  });
});
