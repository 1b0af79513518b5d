import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { fastConv2d } from './fast-conv2d.js';

beforeAll(async () => {
  await initBackend('cpu');
});

function relErr(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.norm(tf.sub(a, b)).dataSync()[0]! / Math.max(1e-12, tf.norm(b).dataSync()[0]!));
}

/** AlexNet's conv shapes (channels cut down so the cpu backend stays fast) at odd sizes. */
const CASES = [
  // [name, H, W, cin, cout, k, stride, pad]
  ['conv1 63px', 63, 63, 3, 8, 11, 4, 2],
  ['conv1 64px', 64, 64, 3, 8, 11, 4, 2],
  ['conv1 70px', 70, 66, 1, 8, 11, 4, 2],
  ['conv2', 15, 15, 8, 12, 5, 1, 2],
  ['conv2 even', 16, 14, 8, 12, 5, 1, 2],
  ['conv3-5', 7, 7, 12, 16, 3, 1, 1],
  ['conv3-5 odd', 3, 5, 16, 8, 3, 1, 1],
  ['stride 2 k3 p0', 9, 10, 4, 4, 3, 2, 0],
] as const;

describe('fastConv2d gradients equal tfjs native gradients (cpu backend)', () => {
  it.each(CASES)('%s', (_name, h, w, cin, cout, k, stride, pad) => {
    tf.tidy(() => {
      const x = tf.randomNormal([2, h, w, cin], 0, 1, 'float32', 1) as tf.Tensor4D;
      const f = tf.randomNormal([k, k, cin, cout], 0, 0.2, 'float32', 2) as tf.Tensor4D;
      const b = tf.randomNormal([cout], 0, 0.1, 'float32', 3) as tf.Tensor1D;
      const probe = tf.randomNormal(
        [2, Math.floor((h + 2 * pad - k) / stride) + 1, Math.floor((w + 2 * pad - k) / stride) + 1, cout], 0, 1, 'float32', 4);
      const p: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [pad, pad], [pad, pad], [0, 0]];
      const native = tf.grads((xi: tf.Tensor, fi: tf.Tensor, bi: tf.Tensor) =>
        tf.sum(tf.mul(tf.relu(tf.add(tf.conv2d(xi as tf.Tensor4D, fi as tf.Tensor4D, stride, p), bi)), probe)));
      const fast = tf.grads((xi: tf.Tensor, fi: tf.Tensor, bi: tf.Tensor) =>
        tf.sum(tf.mul(fastConv2d(xi as tf.Tensor4D, fi as tf.Tensor4D, bi as tf.Tensor1D, { stride, padding: pad }), probe)));
      const [gx, gf, gb] = native([x, f, b]);
      const [fx, ff, fb] = fast([x, f, b]);
      expect(relErr(ff!, gf!)).toBeLessThanOrEqual(1e-4);
      expect(relErr(fb!, gb!)).toBeLessThanOrEqual(1e-4);
      expect(relErr(fx!, gx!)).toBeLessThanOrEqual(1e-4);
      // value equals the unfused op
      const y = fastConv2d(x, f, b, { stride, padding: pad });
      expect(relErr(y, tf.relu(tf.add(tf.conv2d(x, f, stride, p), b)))).toBeLessThanOrEqual(1e-6);
      // inputGradient: false returns zeros for x but the same filter gradient
      const [zx, zf] = tf.grads((xi: tf.Tensor, fi: tf.Tensor, bi: tf.Tensor) =>
        tf.sum(tf.mul(fastConv2d(xi as tf.Tensor4D, fi as tf.Tensor4D, bi as tf.Tensor1D, { stride, padding: pad, inputGradient: false }), probe)))([x, f, b]);
      expect(tf.max(tf.abs(zx!)).dataSync()[0]).toBe(0);
      expect(relErr(zf!, gf!)).toBeLessThanOrEqual(1e-4);
    });
  });

  it('gives zero gradient to the far input rows that no window reaches (k 11, stride 4, 64 px)', () => {
    tf.tidy(() => {
      // (64 − 11) % 4 = 1 → input row 63 is in no window
      const x = tf.randomNormal([1, 64, 64, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
      const f = tf.randomNormal([11, 11, 1, 2], 0, 1, 'float32', 6) as tf.Tensor4D;
      const b = tf.zeros([2]) as tf.Tensor1D;
      const gx = tf.grad((xi: tf.Tensor) => tf.sum(fastConv2d(xi as tf.Tensor4D, f, b, { stride: 4, padding: 0, relu: false })))(x);
      const lastRow = tf.slice(gx, [0, 63, 0, 0], [1, 1, 64, 1]);
      expect(tf.max(tf.abs(lastRow)).dataSync()[0]).toBe(0);
      expect(tf.max(tf.abs(tf.slice(gx, [0, 62, 0, 0], [1, 1, 64, 1]))).dataSync()[0]).toBeGreaterThan(0);
    });
  });
});
