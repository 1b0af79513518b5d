import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { workerExecArgv } from '@mrnet/data/node';
import type { MRNetWeights } from '@mrnet/model';
import { describe, expect, it } from 'vitest';
import { trainPlaneModel } from '../loop/train-plane-model.js';
import type { TrainEvent } from '../loop/train-events.js';
import { trainPlanes } from './train-planes.js';
import { useSyntheticDataset, weightArrays } from '../synthetic-dataset.test-support.js';

const fx = useSyntheticDataset('mrnet-train-planes-', { train: 4, valid: 4, seed: 8 });

const bytes = (w: MRNetWeights): Buffer =>
  Buffer.concat(weightArrays(w).map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));

describe('trainPlanes', () => {
  it('trains planes in worker threads to exactly the weights trainPlaneModel gives on this thread', async () => {
    const common = { dataRoot: fx.data, task: 'meniscus' as const, epochs: 1, lr: 1e-4, pretrained: 'none', seed: 4, workers: 0 };
    const seen = new Map<string, TrainEvent['type'][]>();
    const par = await trainPlanes({
      ...common, planes: ['axial', 'coronal'], backend: 'wasm', modelsDir: join(fx.root, 'p/models'), logdir: join(fx.root, 'p/logs'),
      onProgress: (plane, e) => seen.set(plane, [...(seen.get(plane) ?? []), e.type]),
    });
    expect(Object.keys(par).sort()).toEqual(['axial', 'coronal']);
    for (const plane of ['axial', 'coronal'] as const) {
      const seq = await trainPlaneModel({ ...common, plane, modelsDir: join(fx.root, 's/models'), logdir: join(fx.root, 's/logs') });
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
    const o = { dataRoot: fx.data, task: 'acl' as const, epochs: 3, pretrained: 'none', workers: 0, modelsDir: join(fx.root, 'a/models'), logdir: join(fx.root, 'a/logs') };
    const res = await trainPlanes({
      ...o, planes: ['axial', 'sagittal'], backend: 'wasm', signal: ac.signal,
      onProgress: (_p, e) => e.type === 'step' && ac.abort(),
    });
    for (const plane of ['axial', 'sagittal'] as const) {
      expect(res[plane]!.status).toBe('interrupted');
      expect(existsSync(join(fx.root, 'a/models/acl', `${plane}.resume`))).toBe(true);
    }
    const err = await trainPlanes({ ...o, dataRoot: join(fx.root, 'missing'), planes: ['axial'], backend: 'wasm' }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('DatasetError');
    expect((err as Error).message).toContain('missing');
  }, 240_000);

  it('drops only the @mrnet/source condition from the worker execArgv', () => {
    expect(workerExecArgv(['--conditions', '@mrnet/source', '--conditions', 'node', '-C=@mrnet/source', '--max-old-space-size=100'])).toEqual([
      '--conditions', 'node', '--max-old-space-size=100',
    ]);
  });
});
