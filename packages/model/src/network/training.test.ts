import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { createMRNet } from './mrnet.js';
import { initMRNetWeights } from './init.js';

function relErr(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.norm(tf.sub(a, b)).dataSync()[0]! / Math.max(1e-12, tf.norm(b).dataSync()[0]!));
}

describe('MRNet training', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });
  afterAll(async () => {
    await initBackend('cpu');
  });

  it('fast conv gradients equal native gradients for every parameter (cpu)', { timeout: 240_000 }, () => {
    const w = initMRNetWeights(8);
    const fast = createMRNet({ weights: w, convGradients: 'fast' });
    const native = createMRNet({ weights: w, convGradients: 'native' });
    const vol = tf.mul(tf.randomUniform([2, 63, 65], 0, 1, 'float32', 3), 255) as tf.Tensor3D;
    const gf = tf.variableGrads(() => fast.forward(vol), fast.variables);
    const gn = tf.variableGrads(() => native.forward(vol), native.variables);
    expect(gf.value.dataSync()[0]).toBeCloseTo(gn.value.dataSync()[0]!, 4);
    fast.variables.forEach((v, i) => {
      const a = gf.grads[v.name]!;
      const b = gn.grads[native.variables[i]!.name]!;
      expect(a.shape).toEqual(v.shape);
      expect(relErr(a, b)).toBeLessThanOrEqual(1e-4);
    });
    tf.dispose([vol, gf.value, gn.value, ...Object.values(gf.grads), ...Object.values(gn.grads)]);
    fast.dispose();
    native.dispose();
  });

  it('keeps tf.memory().numTensors flat across 20 SGD steps (wasm, fast gradients)', async () => {
    await initBackend('wasm');
    const net = createMRNet({ seed: 2 });
    const vol = tf.mul(tf.randomUniform([2, 63, 63], 0, 1, 'float32', 4), 255) as tf.Tensor3D;
    const target = tf.scalar(1);
    const step = (): number =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          const logit = net.forward(vol);
          return tf.mean(tf.sub(tf.relu(logit), tf.add(tf.mul(logit, target), tf.neg(tf.log1p(tf.exp(tf.neg(tf.abs(logit)))))))) as tf.Scalar;
        }, net.variables);
        for (const v of net.variables) v.assign(tf.sub(v, tf.mul(grads[v.name]!, 1e-4)));
        return value.dataSync()[0]!;
      });
    const losses = [step()];
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) losses.push(step());
    expect(tf.memory().numTensors).toBe(before);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[20]).not.toBe(losses[0]); // the update did something
    tf.dispose([vol, target]);
    net.dispose();
  });
});
