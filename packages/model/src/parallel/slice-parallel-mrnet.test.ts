import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { classActivationMaps } from '../cam/class-activation-maps.js';
import { createMRNet, type MRNet } from '../network/mrnet.js';
import { SliceWorkerError } from './errors.js';
import { shardRanges } from './layout.js';
import { SliceParallelMRNet, type ExamVolume } from './slice-parallel-mrnet.js';

// A class-weighted logistic loss, as the training loop's, without depending on @mrnet/train.
const loss = (z: tf.Scalar): tf.Scalar => tf.mul(tf.softplus(tf.neg(z)), 2.5) as tf.Scalar;

function volumeOf(slices: number, size: number, seed: number): ExamVolume {
  const data = new Float32Array(slices * size * size);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = (s >>> 8) / (1 << 24) * 255;
  }
  return { data, shape: [slices, size, size] };
}

/** max |a − b| / max |b|: the summation order is the only difference allowed. */
function relDiff(a: Float32Array | Int32Array | Uint8Array, b: Float32Array | Int32Array | Uint8Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  return den === 0 ? num : num / den;
}

function reference(net: MRNet, v: ExamVolume): { loss: number; logit: number; grads: Float32Array[] } {
  return tf.tidy(() => {
    let logit = NaN;
    const { value, grads } = tf.variableGrads(() => {
      const z = net.forward(tf.tensor3d(v.data, [...v.shape] as [number, number, number]));
      logit = z.dataSync()[0]!;
      return loss(z);
    }, net.variables);
    return { loss: value.dataSync()[0]!, logit, grads: net.variables.map((x) => grads[x.name]!.dataSync() as Float32Array) };
  });
}

describe('SliceParallelMRNet', () => {
  let net: MRNet;
  beforeAll(async () => {
    await initBackend('wasm');
    net = createMRNet({ seed: 3 });
  });
  afterAll(() => net.dispose());

  it('splits slices into balanced contiguous shards', () => {
    expect(shardRanges(5, 2)).toEqual([[0, 3], [3, 5]]);
    expect(shardRanges(2, 3)).toEqual([[0, 1], [1, 2], [2, 2]]);
  });

  // One pool for the numeric checks: worker start-up (a TensorFlow.js engine each) dominates.
  it('with 3 workers gives the single-thread loss, logit and every gradient (1e-5 relative), also with an empty shard', async () => {
    const pool = await SliceParallelMRNet.create(net, { workers: 3 });
    try {
      for (const v of [volumeOf(5, 64, 11), volumeOf(2, 64, 12)]) {
        const ref = reference(net, v);
        const before = tf.memory().numTensors;
        const r = await pool.trainStep(v, loss, 'exam-a');
        expect(Math.abs(r.loss - ref.loss)).toBeLessThanOrEqual(1e-5 * Math.abs(ref.loss));
        expect(Math.abs(r.logit - ref.logit)).toBeLessThanOrEqual(1e-5 * Math.abs(ref.logit));
        expect(r.grads.map((g) => g.shape)).toEqual(net.variables.map((x) => x.shape));
        r.grads.forEach((g, i) => expect(relDiff(g.dataSync() as Float32Array, ref.grads[i]!), net.variables[i]!.name).toBeLessThanOrEqual(1e-5));
        tf.dispose(r.grads);
        expect(Math.abs((await pool.forward(v)) - ref.logit)).toBeLessThanOrEqual(1e-5 * Math.abs(ref.logit));
        expect(tf.memory().numTensors).toBe(before);
      }
    } finally {
      await pool.dispose();
    }
  }, 600_000);

  it("sends the master's weights again after invalidate(), and computes the last conv features and class activation maps", async () => {
    const copy = createMRNet({ weights: net.getWeights() });
    const pool = await SliceParallelMRNet.create(copy, { workers: 2 });
    try {
      const v = volumeOf(3, 64, 5);
      const first = copy.predict(v.data, [3, 64, 64]).logit;
      expect(Math.abs((await pool.forward(v)) - first)).toBeLessThanOrEqual(1e-5 * Math.abs(first));
      tf.tidy(() => copy.variables[0]!.assign(tf.mul(copy.variables[0]!, 1.5)));
      pool.invalidate();
      const again = copy.predict(v.data, [3, 64, 64]).logit;
      expect(again).not.toBe(first);
      expect(Math.abs((await pool.forward(v)) - again)).toBeLessThanOrEqual(1e-5 * Math.abs(again));
      const f = await pool.lastConvFeatures(v);
      const fRef = copy.lastConvFeatures(tf.tensor3d(v.data, [3, 64, 64]));
      expect(f.shape).toEqual(fRef.shape);
      expect(relDiff(f.dataSync() as Float32Array, fRef.dataSync() as Float32Array)).toBeLessThanOrEqual(1e-6);
      tf.dispose([f, fRef]);
      const cm = await pool.camModel(v);
      const cam = classActivationMaps(cm, v.data, [3, 64, 64]);
      cm.dispose();
      const camRef = classActivationMaps(copy, v.data, [3, 64, 64]);
      expect(cam.decisiveSlice).toBe(camRef.decisiveSlice);
      expect(Math.abs(cam.logit - camRef.logit)).toBeLessThanOrEqual(1e-5 * Math.abs(camRef.logit));
      expect(relDiff(cam.maps, camRef.maps)).toBeLessThanOrEqual(1e-5);
    } finally {
      await pool.dispose();
      copy.dispose();
    }
  }, 600_000);

  it('a worker killed mid-step (after its forward pass, while the other waits inside its gradient scope) fails the step with SliceWorkerError naming it and the exam, leaking nothing', async () => {
    const pool = await SliceParallelMRNet.create(net, { workers: 2 });
    const before = tf.memory().numTensors;
    const weights = net.getWeights();
    pool.crashWorker(1, 'forward');
    const err = await pool.trainStep(volumeOf(4, 64, 2), loss, '0042').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SliceWorkerError);
    expect((err as SliceWorkerError).worker).toBe(1);
    expect((err as SliceWorkerError).exam).toBe('0042');
    expect((err as Error).message).toMatch(/slice worker 1 failed on exam 0042: exited with code 70/);
    expect(tf.memory().numTensors).toBe(before);
    expect(net.getWeights()).toEqual(weights);
    await expect(pool.forward(volumeOf(2, 64, 1))).rejects.toBeInstanceOf(SliceWorkerError);
    await pool.dispose();
  }, 600_000);
});
