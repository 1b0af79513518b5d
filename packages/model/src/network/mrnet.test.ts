import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { ModelShapeError } from '../errors.js';
import { createMRNet } from './mrnet.js';
import { initMRNetWeights } from './init.js';

/** Bitwise equality of two float arrays (vitest's deep equality is slow on millions of values). */
function same(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

beforeAll(async () => {
  await initBackend('cpu');
});

/** Direct NHWC reference: 3-channel repeat, plain tf.conv2d + relu + maxPool, no fusion or tricks. */
function reference(w: ReturnType<typeof initMRNetWeights>, vol: tf.Tensor3D): number {
  return tf.tidy(() => {
    let x = tf.tile(tf.expandDims(vol, 3), [1, 1, 1, 3]) as tf.Tensor4D;
    const specs = [[4, 2, true], [1, 2, true], [1, 1, false], [1, 1, false], [1, 1, true]] as const;
    w.features.forEach((c, i) => {
      const [s, p, pool] = specs[i]!;
      const k = tf.tensor4d(c.kernel, c.kernelShape);
      x = tf.relu(tf.add(tf.conv2d(tf.pad(x, [[0, 0], [p, p], [p, p], [0, 0]]), k, s, 'valid'), tf.tensor1d(c.bias))) as tf.Tensor4D;
      if (pool) x = tf.maxPool(x, 3, 2, 'valid');
    });
    const pooled = tf.mean(x, [1, 2]);
    const flat = tf.max(pooled, 0);
    return tf.sum(tf.mul(flat, tf.tensor1d(w.classifier.weight))).dataSync()[0]! + w.classifier.bias;
  });
}

describe('MRNet', () => {
  it('matches a plain 3-channel reference for 1..3 slices and odd sizes', () => {
    const w = initMRNetWeights(5);
    const net = createMRNet({ weights: w });
    for (const [s, h, wd] of [[1, 63, 63], [3, 64, 70]] as const) {
      const vol = tf.tidy(() => tf.mul(tf.randomUniform([s, h, wd], 0, 1, 'float32', 11), 255)) as tf.Tensor3D;
      const got = tf.tidy(() => net.forward(vol).dataSync()[0]!);
      const want = reference(w, vol);
      expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(want)));
      const pooled = net.pooledFeatures(vol);
      expect(pooled.shape).toEqual([s, 256]);
      const last = net.lastConvFeatures(vol);
      expect(last.shape[0]).toBe(s);
      expect(last.shape[3]).toBe(256);
      tf.dispose([vol, pooled, last]);
    }
    net.dispose();
  });

  it('initialises like PyTorch: bounds 1/sqrt(fan_in), deterministic per seed', () => {
    const a = initMRNetWeights(1);
    const b = initMRNetWeights(1);
    const c = initMRNetWeights(2);
    expect(same(a.features[2]!.kernel, b.features[2]!.kernel)).toBe(true);
    expect(same(a.features[2]!.kernel, c.features[2]!.kernel)).toBe(false);
    const fanIns = [3 * 121, 64 * 25, 192 * 9, 384 * 9, 256 * 9];
    a.features.forEach((f, i) => {
      const bound = 1 / Math.sqrt(fanIns[i]!);
      const maxAbs = f.kernel.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(maxAbs).toBeLessThanOrEqual(bound);
      expect(maxAbs).toBeGreaterThan(0.99 * bound); // uniform over the whole range
      // variance of U(±b) is b²/3
      const mean2 = f.kernel.reduce((m, v) => m + v * v, 0) / f.kernel.length;
      expect(Math.abs(mean2 / ((bound * bound) / 3) - 1)).toBeLessThan(0.05);
      expect(f.bias.every((v) => Math.abs(v) <= bound)).toBe(true);
    });
    expect(a.classifier.weight.every((v) => Math.abs(v) <= 1 / 16)).toBe(true);
  });

  it('round-trips weights and accepts a features-only backbone', () => {
    const net = createMRNet({ seed: 3 });
    const w = net.getWeights();
    const other = createMRNet({ weights: { features: w.features }, seed: 9 });
    expect(same(other.getWeights().features[4]!.kernel, w.features[4]!.kernel)).toBe(true);
    expect(same(other.getWeights().classifier.weight, w.classifier.weight)).toBe(false);
    other.setWeights(w);
    const back = other.getWeights();
    back.features.forEach((f, i) => {
      expect(same(f.kernel, w.features[i]!.kernel)).toBe(true);
      expect(same(f.bias, w.features[i]!.bias)).toBe(true);
      expect(f.kernelShape).toEqual(w.features[i]!.kernelShape);
    });
    expect(same(back.classifier.weight, w.classifier.weight)).toBe(true);
    expect(back.classifier.bias).toBe(w.classifier.bias);
    expect(net.variables).toHaveLength(12);
    net.dispose();
    other.dispose();
  });

  it('rejects bad shapes and options with clear errors', () => {
    const net = createMRNet({ seed: 1 });
    expect(() => net.forward(tf.zeros([2, 62, 64]) as tf.Tensor3D)).toThrow(ModelShapeError);
    expect(() => net.forward(tf.zeros([2, 64, 64]) as tf.Tensor3D)).not.toThrow();
    expect(() => net.forward(tf.zeros([64, 64]) as unknown as tf.Tensor3D)).toThrow(/rank 3/);
    expect(() => net.predict(new Float32Array(10), [1, 64, 64])).toThrow(ModelShapeError);
    expect(() => createMRNet({ seed: -1 })).toThrow(RangeError);
    expect(() => createMRNet({ seed: 'a' as never })).toThrow(TypeError);
    const w = net.getWeights();
    w.features[1]!.kernelShape = [5, 5, 64, 191];
    expect(() => net.setWeights(w)).toThrow(/conv2 kernelShape/);
    net.dispose();
  });

  it('predict gives the logit and its sigmoid', () => {
    const net = createMRNet({ seed: 4 });
    const vol = new Float32Array(2 * 63 * 63).map((_, i) => (i * 37) % 255);
    const r = net.predict(vol, [2, 63, 63]);
    const want = tf.tidy(() => net.forward(tf.tensor3d(vol, [2, 63, 63])).dataSync()[0]!);
    expect(r.logit).toBe(want);
    expect(r.probability).toBeCloseTo(1 / (1 + Math.exp(-want)), 12);
    net.dispose();
  });
});
