import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticMRNet } from '@mrnet/data/node';
import { initBackend, type MRNetWeights } from '@mrnet/model';
import { afterAll, beforeAll } from 'vitest';
import type { TrainPlaneOptions } from './loop/train-options.js';

/** A test file's temporary folder (`root`) and the synthetic dataset in it (`data`); set once its `beforeAll` has run. */
export interface SyntheticDataset {
  readonly root: string;
  readonly data: string;
}

/**
 * For the calling test file: before its tests, the wasm backend and a small synthetic MRNet-v1.0
 * dataset (4 slices of 64 px) in a fresh temporary folder; after them, the folder removed.
 */
export function useSyntheticDataset(prefix: string, spec: { train: number; valid: number; seed: number }): SyntheticDataset {
  const fx = { root: '', data: '' };
  beforeAll(async () => {
    await initBackend('wasm');
    fx.root = mkdtempSync(join(tmpdir(), prefix));
    fx.data = join(fx.root, 'data');
    await generateSyntheticMRNet({ out: fx.data, slices: 4, size: 64, ...spec });
  });
  afterAll(() => rmSync(fx.root, { recursive: true, force: true }));
  return fx;
}

/** Options of one training run on the dataset, each call in a folder of its own (`root/runN/{models,logs}`). */
export function runOptions(fx: SyntheticDataset, defaults: Partial<TrainPlaneOptions>): (extra?: Partial<TrainPlaneOptions>) => TrainPlaneOptions & { modelsDir: string; logdir: string } {
  let runId = 0;
  return (extra = {}) => {
    const dir = join(fx.root, `run${runId++}`);
    return { dataRoot: fx.data, task: 'acl', plane: 'sagittal', pretrained: 'none', workers: 0, modelsDir: join(dir, 'models'), logdir: join(dir, 'logs'), ...defaults, ...extra };
  };
}

/** The weights' arrays in saved order: each conv's kernel and bias, then the classifier's weight and bias. */
export function weightArrays(w: MRNetWeights): Float32Array[] {
  return [...w.features.flatMap((c) => [c.kernel, c.bias]), w.classifier.weight, Float32Array.of(w.classifier.bias)];
}
