import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { weightedBceWithLogits } from './weighted-bce-with-logits.js';

type Nested = number | Nested[];
interface Case { name: string; logits: Nested; labels: Nested; weights: Nested | null; loss: number; loss32: number; grad: Nested }
const cases = (JSON.parse(readFileSync(new URL('../../fixtures/bce_cases.json', import.meta.url), 'utf8')) as { data: Case[] }).data;
const flat = (v: Nested): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('weightedBceWithLogits', () => {
  it('has fixture cases with |logit| = 50 and 100', () => {
    const all = cases.flatMap((c) => flat(c.logits).map(Math.abs));
    expect(all).toContain(50);
    expect(all).toContain(100);
  });

  it.each(cases.map((c) => [c.name, c] as const))('equals torch loss and gradient: %s', (_, c) => {
    const x = tf.tensor(c.logits as number[]);
    const y = tf.tensor(c.labels as number[]);
    const w = c.weights === null ? undefined : tf.tensor(c.weights as number[]);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.valueAndGrads((xx: tf.Tensor) => weightedBceWithLogits(xx, y, w))([x]);
    const loss = value.dataSync()[0]!;
    expect(Number.isFinite(loss)).toBe(true);
    expect(Math.abs(loss - c.loss)).toBeLessThanOrEqual(2e-6 * Math.abs(c.loss) + 1e-7);
    expect(Math.abs(loss - c.loss32)).toBeLessThanOrEqual(1e-6 * Math.abs(c.loss32) + 1e-7);
    const g = Array.from(grads[0]!.dataSync());
    flat(c.grad).forEach((e, i) => expect(Math.abs(g[i]! - e)).toBeLessThanOrEqual(1e-6 * Math.abs(e) + 1e-8));
    tf.dispose([value, ...grads]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y, ...(w ? [w] : [])]);
  });

  it('accepts flat arrays for labels and weights', () => {
    const c = cases.find((k) => k.name === 'soft_labels')!;
    const x = tf.tensor(c.logits as number[]);
    const loss = weightedBceWithLogits(x, flat(c.labels), Float32Array.from(flat(c.weights!)));
    expect(Math.abs(loss.dataSync()[0]! - c.loss)).toBeLessThanOrEqual(1e-6 * c.loss);
    tf.dispose([x, loss]);
  });

  it('has gradient sigmoid(0) − y = 0.5 − y at x = 0, where max(x,0) and |x| are not differentiable', () => {
    const g = tf.grad((x: tf.Tensor) => weightedBceWithLogits(x, [1, 0], [1, 3]))(tf.zeros([2]));
    expect(Array.from(g.dataSync())).toEqual([(0.5 - 1) / 2, (3 * 0.5) / 2]);
  });

  it('passes gradients to the weights (the per-element loss / n) and labels (−w·x / n)', () => {
    const x = tf.tensor1d([0.5, -1]);
    const [gy, gw] = tf.grads((y: tf.Tensor, w: tf.Tensor) => weightedBceWithLogits(x, y, w))([tf.tensor1d([1, 0]), tf.tensor1d([2, 0])]);
    const l0 = Math.log1p(Math.exp(-0.5));
    const l1 = Math.log1p(Math.exp(-1));
    expect(Array.from(gw!.dataSync()).map((v) => +v.toFixed(6))).toEqual([+(l0 / 2).toFixed(6), +(l1 / 2).toFixed(6)]);
    expect(Array.from(gy!.dataSync())).toEqual([-(2 * 0.5) / 2, 0]);
  });

  it('rejects mismatched shapes and bad values', () => {
    const x = tf.tensor1d([0.1, 0.2]);
    expect(() => weightedBceWithLogits(x, tf.tensor1d([1]))).toThrow(/labels has shape \[1\] but logits have \[2\]/);
    expect(() => weightedBceWithLogits(x, [1, 0], [1])).toThrow(RangeError);
    expect(() => weightedBceWithLogits(x, [1, Number.NaN])).toThrow(/labels\[1\] = NaN/);
    expect(() => weightedBceWithLogits([0.1] as unknown as tf.Tensor, [1])).toThrow(TypeError);
    expect(() => weightedBceWithLogits(tf.tensor1d([]), [])).toThrow(RangeError);
  });
});
