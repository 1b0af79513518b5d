import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { fastMaxPool } from './fast-max-pool.js';

beforeAll(async () => {
  await initBackend('cpu');
});

function nativeGrad(x: tf.Tensor4D, probe: tf.Tensor): tf.Tensor {
  return tf.grad((xi: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(xi as tf.Tensor4D, 3, 2, 'valid'), probe)))(x);
}
function fastGrad(x: tf.Tensor4D, probe: tf.Tensor): tf.Tensor {
  return tf.grad((xi: tf.Tensor) => tf.sum(tf.mul(fastMaxPool(xi as tf.Tensor4D, 3, 2), probe)))(x);
}
const out = (n: number): number => Math.floor((n - 3) / 2) + 1;

/** AlexNet's pools (3×3, stride 2) at the conv1/conv2/conv5 output sizes of 63, 64 and 70 px inputs, channels cut down. */
const SHAPES: [number, number, number][] = [[15, 15, 4], [16, 14, 3], [7, 7, 5], [3, 3, 2], [63, 63, 2], [31, 30, 3]];

describe('fastMaxPool', () => {
  it.each(SHAPES)('value and gradient equal tfjs maxPool at %i×%i×%i (distinct positive values)', (h, w, c) => {
    tf.tidy(() => {
      const x = tf.add(tf.abs(tf.randomNormal([2, h, w, c], 0, 1, 'float32', 11)), 0.01) as tf.Tensor4D;
      const probe = tf.randomNormal([2, out(h), out(w), c], 0, 1, 'float32', 12);
      expect(tf.max(tf.abs(tf.sub(fastMaxPool(x, 3, 2), tf.maxPool(x, 3, 2, 'valid')))).dataSync()[0]).toBe(0);
      const g = nativeGrad(x, probe);
      const f = fastGrad(x, probe);
      expect(f.shape).toEqual(x.shape);
      expect(tf.max(tf.abs(tf.sub(f, g))).dataSync()[0]).toBeLessThanOrEqual(1e-6);
      expect(tf.sum(tf.abs(f)).dataSync()[0]).toBeGreaterThan(0);
    });
  });

  it('routes tied positive maxima to the same position as tfjs (overlapping windows accumulate)', () => {
    tf.tidy(() => {
      // small integers 1..3 → many ties inside each 3×3 window
      const x = tf.add(tf.floor(tf.randomUniform([2, 9, 11, 2], 0, 3, 'float32', 13)), 1) as tf.Tensor4D;
      const probe = tf.randomNormal([2, 4, 5, 2], 0, 1, 'float32', 14);
      expect(tf.max(tf.abs(tf.sub(fastGrad(x, probe), nativeGrad(x, probe)))).dataSync()[0]).toBeLessThanOrEqual(1e-6);
    });
  });

  it('after a ReLU (ties of zeros), the gradient through relu ∘ pool equals tfjs', () => {
    tf.tidy(() => {
      const z = tf.randomNormal([2, 15, 15, 3], 0, 1, 'float32', 15) as tf.Tensor4D;
      const probe = tf.randomNormal([2, 7, 7, 3], 0, 1, 'float32', 16);
      const g = tf.grad((zi: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(tf.relu(zi) as tf.Tensor4D, 3, 2, 'valid'), probe)))(z);
      const f = tf.grad((zi: tf.Tensor) => tf.sum(tf.mul(fastMaxPool(tf.relu(zi) as tf.Tensor4D, 3, 2), probe)))(z);
      expect(tf.max(tf.abs(tf.sub(f, g))).dataSync()[0]).toBeLessThanOrEqual(1e-6);
    });
  });

  it.each([
    [[2, 63, 63, 8], 31],
    // batch 1, 192 channels: some windows are all zeros, where wasm's MaxPoolWithArgmax returns index 0
    [[1, 7, 7, 192], 3],
    [[1, 15, 15, 64], 7],
  ] as [[number, number, number, number], number][])('on wasm (MaxPoolWithArgmax + ScatterNd kernels), relu ∘ pool at %j equals tfjs cpu gradients', async (shape, o) => {
    const probeShape: [number, number, number, number] = [shape[0], o, o, shape[3]];
    const [zData, pData, want] = tf.tidy(() => {
      const z = tf.randomNormal(shape, 0, 1, 'float32', 17);
      const probe = tf.randomNormal(probeShape, 0, 1, 'float32', 18);
      const g = tf.grad((zi: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(tf.relu(zi) as tf.Tensor4D, 3, 2, 'valid'), probe)))(z);
      return [z.dataSync(), probe.dataSync(), g.dataSync()];
    });
    await initBackend('wasm');
    try {
      const got = tf.tidy(() => {
        const z = tf.tensor4d(zData, shape);
        const probe = tf.tensor4d(pData, probeShape);
        return tf.grad((zi: tf.Tensor) => tf.sum(tf.mul(fastMaxPool(tf.relu(zi) as tf.Tensor4D, 3, 2), probe)))(z).dataSync();
      });
      let maxDiff = 0;
      for (let i = 0; i < want.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i]! - want[i]!));
      expect(maxDiff).toBeLessThanOrEqual(1e-6);
    } finally {
      await initBackend('cpu');
    }
  });
});
