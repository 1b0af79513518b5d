import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { createMRNet, type MRNet } from '../network/index.js';
import { closedFormInput, closedFormWeights } from './closed-form-fixture.test-support.js';

/** What scripts/fixtures/make_model_fixtures.py computed with PyTorch for one input. */
interface ParityCase {
  name: string;
  seed: number;
  slices: number;
  size: number;
  label: number;
  weight: number;
  logit: number;
  loss: number;
  pooled: number[][];
  grads: Record<string, { shape: number[]; sum: number; norm: number; values?: number[]; samples?: [number, number][] }>;
}
const parity = JSON.parse(readFileSync(new URL('../../fixtures/torch/parity.json', import.meta.url), 'utf8')) as { cases: ParityCase[] };

/** PyTorch parameter names in the order of `MRNet.variables`. */
const TORCH_NAMES = [0, 3, 6, 8, 10].flatMap((i) => [`pretrained_model.features.${i}.weight`, `pretrained_model.features.${i}.bias`]).concat(['classifer.weight', 'classifer.bias']);

/** `F.binary_cross_entropy_with_logits(x, y, weight=w)`, in the stable form max(x,0) − x·y + log(1 + e^−|x|). */
function weightedBce(logit: tf.Scalar, label: number, weight: number): tf.Scalar {
  return tf.tidy(() => tf.mul(weight, tf.add(tf.sub(tf.relu(logit), tf.mul(logit, label)), tf.log1p(tf.exp(tf.neg(tf.abs(logit)))))) as tf.Scalar);
}

const l2 = (a: ArrayLike<number>): number => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));
const relL2 = (got: ArrayLike<number>, want: ArrayLike<number>): number => l2(Array.from(got, (v, i) => v - want[i]!)) / l2(want);
const relMax = (got: ArrayLike<number>, want: ArrayLike<number>): number =>
  Math.max(...Array.from(got, (v, i) => Math.abs(v - want[i]!))) / Math.max(...Array.from(want, Math.abs));

/** Flat OIHW index of a PyTorch conv weight → flat HWIO index of the TensorFlow.js kernel. */
function oihwToHwioIndex(i: number, [o, c, h, w]: number[]): number {
  const ww = i % w!;
  const hh = Math.floor(i / w!) % h!;
  const cc = Math.floor(i / (w! * h!)) % c!;
  const oo = Math.floor(i / (w! * h! * c!));
  return ((hh * w! + ww) * c! + cc) * o! + oo;
}

/**
 * Gradients are checked for every case on wasm (the fast custom conv gradients) and for the smallest
 * case on cpu (tfjs's own gradients, naive loops: a 3-slice case takes over a minute there).
 */
const GRADIENT_CASES: Record<'cpu' | 'wasm', (c: ParityCase) => boolean> = { cpu: (c) => c.name === 's1_63', wasm: () => true };

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`MRNet parity with PyTorch (${backend} backend)`, () => {
    let net: MRNet;
    beforeAll(async () => {
      await initBackend(backend);
      net = createMRNet({ weights: closedFormWeights() });
    });
    afterAll(() => net.dispose());

    for (const c of parity.cases) {
      const volume = (): tf.Tensor3D => tf.tensor3d(closedFormInput(c.seed, c.slices, c.size), [c.slices, c.size, c.size]);

      it(`${c.name}: ${c.slices}×${c.size}×${c.size} — logit and pooled features (relative error ≤ 1e-4)`, () => {
        const before = tf.memory().numTensors;
        const vol = volume();
        const pooled = net.pooledFeatures(vol);
        expect(pooled.shape).toEqual([c.slices, 256]);
        expect(relMax(pooled.dataSync(), c.pooled.flat())).toBeLessThanOrEqual(1e-4);
        const logit = tf.tidy(() => net.forward(vol).dataSync()[0]!);
        expect(Math.abs(logit - c.logit) / Math.abs(c.logit)).toBeLessThanOrEqual(1e-4);
        tf.dispose([vol, pooled]);
        expect(tf.memory().numTensors).toBe(before);
      });

      it.runIf(GRADIENT_CASES[backend](c))(`${c.name}: weighted-BCE loss (≤ 1e-4) and its gradient for every parameter (≤ 1e-3)`, () => {
        const before = tf.memory().numTensors;
        const vol = volume();
        const { value, grads } = tf.variableGrads(() => weightedBce(net.forward(vol), c.label, c.weight), net.variables);
        expect(Math.abs(value.dataSync()[0]! - c.loss) / c.loss).toBeLessThanOrEqual(1e-4);
        net.variables.forEach((v, n) => {
          const name = TORCH_NAMES[n]!;
          const want = c.grads[name]!;
          const g = grads[v.name]!.dataSync() as Float32Array;
          const sum = g.reduce((s, x) => s + x, 0);
          expect(Math.abs(l2(g) - want.norm) / want.norm, `${name} norm`).toBeLessThanOrEqual(1e-3);
          expect(Math.abs(sum - want.sum) / Math.max(Math.abs(want.sum), want.norm), `${name} sum`).toBeLessThanOrEqual(1e-3);
          if (want.values) {
            expect(g.length, name).toBe(want.values.length);
            expect(relL2(g, want.values), `${name} values`).toBeLessThanOrEqual(1e-3);
          } else {
            const got = want.samples!.map(([i]) => g[oihwToHwioIndex(i, want.shape)]!);
            expect(relL2(got, want.samples!.map(([, x]) => x)), `${name} samples`).toBeLessThanOrEqual(1e-3);
          }
        });
        tf.dispose([vol, value, ...Object.values(grads)]);
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  });
}
