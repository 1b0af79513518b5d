import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { SliceWorkerError } from '@mrnet/model';
import { afterEach, describe, expect, it } from 'vitest';
import { trainPlaneModel } from '../loop/train-plane-model.js';
import { useSyntheticDataset, weightArrays } from '../synthetic-dataset.test-support.js';

const fx = useSyntheticDataset('mrnet-slice-train-', { train: 4, valid: 3, seed: 21 });
afterEach(() => {
  delete process.env['MRNET_TEST_SLICE_CRASH'];
});

/** The seed's learning rate (train.py's default), passed explicitly: the element bound below is one step of it. */
const LR = 1e-5;

/** ‖a − b‖₂ / ‖a‖₂ over one parameter tensor, and the largest element difference. */
function diff(a: Float32Array, b: Float32Array): { rel: number; maxAbs: number } {
  let num = 0;
  let den = 0;
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    num += d * d;
    den += a[i]! * a[i]!;
    maxAbs = Math.max(maxAbs, Math.abs(d));
  }
  return { rel: den === 0 ? Math.sqrt(num) : Math.sqrt(num / den), maxAbs };
}

describe('trainPlaneModel with slice workers', () => {
  it('a seeded 3-epoch run with 2 slice workers ends with the weights of 1 (1e-4) and the same best epoch', async () => {
    // The seed's lr and weight decay. (With a large lr, Adam turns the rounding noise of gradients
    // that are ~0 into full ±lr steps, so no tolerance on the weights would hold there.)
    const o = { dataRoot: fx.data, task: 'acl' as const, plane: 'sagittal' as const, epochs: 3, pretrained: 'none', seed: 5, workers: 0, lr: LR };
    const one = await trainPlaneModel({ ...o, modelsDir: join(fx.root, 'k1/models'), logdir: join(fx.root, 'k1/logs') });
    const before = tf.memory().numTensors;
    const two = await trainPlaneModel({ ...o, sliceWorkers: 2, modelsDir: join(fx.root, 'k2/models'), logdir: join(fx.root, 'k2/logs') });
    expect(tf.memory().numTensors).toBe(before);
    expect([one.sliceWorkers, two.sliceWorkers]).toEqual([1, 2]);
    expect(two.bestEpoch).toBe(one.bestEpoch);
    // Each tensor within 1e-4 relative as a whole, and no element more than one Adam step (lr) apart:
    // where a gradient element is itself at rounding level, Adam's normalised step turns the
    // summation-order difference into up to ±lr for that element (seen: 4e-6 on one of conv2's
    // 307,200 weights after 12 steps, 1.6e-4 of the tensor's largest weight), while the tensor
    // as a whole agrees to ~1e-6.
    const b = weightArrays(two.weights);
    weightArrays(one.weights).forEach((a, i) => {
      const d = diff(a, b[i]!);
      expect(d.rel, `tensor ${i}`).toBeLessThanOrEqual(1e-4);
      expect(d.maxAbs, `tensor ${i}`).toBeLessThanOrEqual(LR);
    });
    two.history.forEach((h, i) => {
      const { seconds: _a, ...rest } = h;
      const { seconds: _b, ...want } = one.history[i]!;
      expect(rest).toEqual(want); // losses and AUCs rounded to 4 decimals, as the seed logs them
    });
  }, 900_000);

  it('a slice worker killed mid-step fails the run with SliceWorkerError naming it and the exam; the resume checkpoint stays valid', async () => {
    const o = { dataRoot: fx.data, task: 'acl' as const, plane: 'sagittal' as const, epochs: 2, pretrained: 'none', seed: 5, workers: 0, sliceWorkers: 2, modelsDir: join(fx.root, 'c/models'), logdir: join(fx.root, 'c/logs') };
    process.env['MRNET_TEST_SLICE_CRASH'] = '1:6'; // worker 1, 2nd training step of epoch 2
    const before = tf.memory().numTensors;
    const err = await trainPlaneModel(o).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SliceWorkerError);
    expect((err as SliceWorkerError).worker).toBe(1);
    expect((err as SliceWorkerError).exam).toMatch(/train[/\\]sagittal[/\\]\d{4}\.npy$/);
    expect(tf.memory().numTensors).toBe(before);
    expect(existsSync(join(fx.root, 'c/models/acl/sagittal.resume'))).toBe(true);
    delete process.env['MRNET_TEST_SLICE_CRASH'];
    const resumed = await trainPlaneModel({ ...o, resume: true });
    expect(resumed.status).toBe('completed');
    expect(resumed.history.map((h) => h.epoch)).toEqual([1, 2]);
  }, 900_000);
});
