import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { ModelShapeError } from '../errors.js';
import { createMRNet, type MRNet } from '../network/mrnet.js';
import type { MRNetWeights } from '../network/weights.js';
import { classActivationMaps, type ClassActivationMaps } from './class-activation-maps.js';
import { CamModelError } from './errors.js';

beforeAll(async () => {
  await initBackend('cpu');
});

/** Seeded volume whose slices differ in brightness and texture, so slices win different channels. */
function volumeOf(s: number, h: number, w: number, seed: number): Float32Array {
  return tf.tidy(() => {
    const noise = tf.randomUniform([s, h, w], 0, 255, 'float32', seed);
    const gain = tf.reshape(tf.linspace(0.3, 1, s), [s, 1, 1]);
    return tf.mul(noise, gain).dataSync() as Float32Array;
  });
}

/** Independent features: 3-channel repeat, plain tf.conv2d + bias + relu + maxPool per AlexNet stage. */
function referenceFeatures(wts: MRNetWeights, volume: Float32Array, shape: [number, number, number]): { F: Float32Array; shape: number[] } {
  return tf.tidy(() => {
    let x = tf.tile(tf.expandDims(tf.tensor3d(volume, shape), 3), [1, 1, 1, 3]) as tf.Tensor4D;
    const specs = [[4, 2, true], [1, 2, true], [1, 1, false], [1, 1, false], [1, 1, true]] as const;
    wts.features.forEach((c, i) => {
      const [st, p, pool] = specs[i]!;
      const k = tf.tensor4d(c.kernel, c.kernelShape);
      x = tf.relu(tf.add(tf.conv2d(tf.pad(x, [[0, 0], [p, p], [p, p], [0, 0]]), k, st, 'valid'), tf.tensor1d(c.bias))) as tf.Tensor4D;
      if (pool) x = tf.maxPool(x, 3, 2, 'valid');
    });
    return { F: x.dataSync() as Float32Array, shape: x.shape };
  });
}

/** Bilinear resize with half-pixel centres (PyTorch align_corners=False), one channel, in float64. */
function bilinear(src: Float32Array, h: number, w: number, H: number, W: number): Float64Array {
  const out = new Float64Array(H * W);
  const at = (d: number, n: number, N: number): [number, number, number] => {
    const x = Math.max(0, ((d + 0.5) * n) / N - 0.5);
    const i0 = Math.floor(x);
    return [i0, Math.min(i0 + 1, n - 1), x - i0];
  };
  for (let Y = 0; Y < H; Y++) {
    const [y0, y1, fy] = at(Y, h, H);
    for (let X = 0; X < W; X++) {
      const [x0, x1, fx] = at(X, w, W);
      const top = src[y0 * w + x0]! * (1 - fx) + src[y0 * w + x1]! * fx;
      const bot = src[y1 * w + x0]! * (1 - fx) + src[y1 * w + x1]! * fx;
      out[Y * W + X] = top * (1 - fy) + bot * fy;
    }
  }
  return out;
}

function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 1e-6;
  for (let k = 0; k < b.length; k++) scale = Math.max(scale, Math.abs(b[k]!));
  let e = 0;
  for (let k = 0; k < b.length; k++) e = Math.max(e, Math.abs(a[k]! - b[k]!));
  return e / scale;
}

describe('classActivationMaps on an MRNet', () => {
  const shape: [number, number, number] = [2, 127, 95];
  let net: MRNet;
  let wts: MRNetWeights;
  let vol: Float32Array;
  let ref: { F: Float32Array; shape: number[] };
  let all: ClassActivationMaps;
  let winning: ClassActivationMaps;
  let forward: number;
  let tensorsLeft: number;
  beforeAll(() => {
    net = createMRNet({ seed: 21 });
    wts = net.getWeights();
    vol = volumeOf(...shape, 5);
    ref = referenceFeatures(wts, vol, shape);
    forward = tf.tidy(() => net.forward(tf.tensor3d(vol, shape)).dataSync()[0]!);
    const before = tf.memory().numTensors;
    all = classActivationMaps(net, vol, shape);
    winning = classActivationMaps(net, vol, shape, { channels: 'winning' });
    tensorsLeft = tf.memory().numTensors - before;
  });

  it('rawMaps equal Σ_c w_c·F_{i,c} computed from independent features, and maps are their bilinear upsampling scaled jointly to [0, 1]', () => {
    const cam = all;
    const [s, h, w, C] = ref.shape as [number, number, number, number];
    expect([s, h, w, C]).toEqual([2, 3, 2, 256]);
    expect(cam.rawShape).toEqual([s, h, w]);
    const expected = new Float64Array(s * h * w);
    for (let p = 0; p < s * h * w; p++) {
      for (let c = 0; c < C; c++) expected[p]! += wts.classifier.weight[c]! * ref.F[p * C + c]!;
    }
    expect(maxRelErr(cam.rawMaps, expected)).toBeLessThan(1e-4);

    const up = new Float64Array(s * shape[1] * shape[2]);
    for (let i = 0; i < s; i++) up.set(bilinear(cam.rawMaps.subarray(i * h * w, (i + 1) * h * w), h, w, shape[1], shape[2]), i * shape[1] * shape[2]);
    const lo = Math.min(...up);
    const hi = Math.max(...up);
    expect(cam.range[0]).toBeCloseTo(lo, 4);
    expect(cam.range[1]).toBeCloseTo(hi, 4);
    const scaled = up.map((v) => (v - lo) / (hi - lo));
    expect(maxRelErr(cam.maps, scaled)).toBeLessThan(1e-4);
    expect(Math.min(...cam.maps)).toBe(0);
    expect(Math.max(...cam.maps)).toBe(1);
    expect(cam.maps.length).toBe(s * shape[1] * shape[2]);
  });

  it('logit = b + Σ_c w_c·max_i mean F_{i,c} = b + Σ_i sliceContributions[i] = b + Σ_i mean_{y,x} of the winning-channel CAM, and matches MRNet.forward', () => {
    expect(all.logit).toBeCloseTo(forward, 4);
    expect(all.probability).toBeCloseTo(1 / (1 + Math.exp(-forward)), 5);
    expect(all.bias).toBeCloseTo(wts.classifier.bias, 6);

    // Winners from the independent features.
    const [s, h, w, C] = ref.shape as [number, number, number, number];
    const pooled = new Float64Array(s * C);
    for (let i = 0; i < s; i++) for (let p = 0; p < h * w; p++) for (let c = 0; c < C; c++) pooled[i * C + c]! += ref.F[(i * h * w + p) * C + c]! / (h * w);
    let mismatches = 0;
    for (let c = 0; c < C; c++) {
      let best = 0;
      for (let i = 1; i < s; i++) if (pooled[i * C + c]! > pooled[best * C + c]!) best = i;
      const gap = Math.abs(pooled[best * C + c]! - pooled[all.winningSlicePerChannel[c]! * C + c]!);
      if (best !== all.winningSlicePerChannel[c] && gap > 1e-5 * Math.max(1, Math.abs(pooled[best * C + c]!))) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(Array.from(all.channelsWon).reduce((a, b) => a + b, 0)).toBe(C);
    expect(new Set(all.winningSlicePerChannel).size).toBeGreaterThan(1); // the fixture exercises several winners

    const sum = all.sliceContributions.reduce((a, b) => a + b, 0);
    expect(all.bias + sum).toBeCloseTo(forward, 4);
    const means = Array.from({ length: s }, (_, i) => winning.rawMaps.subarray(i * h * w, (i + 1) * h * w).reduce((a, b) => a + b, 0) / (h * w));
    means.forEach((m, i) => expect(m).toBeCloseTo(all.sliceContributions[i]!, 4));
    expect(all.bias + means.reduce((a, b) => a + b, 0)).toBeCloseTo(forward, 4);

    // decisive slice = largest contribution; ordering is by contribution
    const best = all.sliceContributions.indexOf(Math.max(...all.sliceContributions));
    expect(all.decisiveSlice).toBe(best);
    expect(all.slicesByContribution[0]).toBe(best);
    for (let k = 1; k < s; k++) {
      expect(all.sliceContributions[all.slicesByContribution[k - 1]!]!).toBeGreaterThanOrEqual(all.sliceContributions[all.slicesByContribution[k]!]!);
    }
  });

  it('per-slice normalisation spans [0, 1] in every slice; nearest upsampling only repeats cell values', () => {
    const per = classActivationMaps(net, vol, shape, { normalise: 'per-slice', upsample: 'nearest' });
    const n = shape[1] * shape[2];
    const [, h, w] = per.rawShape;
    for (let i = 0; i < shape[0]; i++) {
      const sl = per.maps.subarray(i * n, (i + 1) * n);
      expect(Math.min(...sl)).toBe(0);
      expect(Math.max(...sl)).toBe(1);
      const [lo, hi] = per.perSliceRange[i]!;
      const cells = Array.from(per.rawMaps.subarray(i * h * w, (i + 1) * h * w), (v) => (v - lo) / (hi - lo));
      for (const v of sl) expect(cells.some((c) => Math.abs(c - v) < 1e-5)).toBe(true);
    }
  });

  it('leaves no tensor behind', () => {
    expect(tensorsLeft).toBe(0);
  });
});

describe('classActivationMaps on a hand-made model', () => {
  // F: 2 slices × 1×2 cells × 2 channels; w = [2, -1], b = 0.5.
  //   slice 0: cell0 = (1, 0), cell1 = (3, 2)  → pooled (2, 1), CAM (2, 4)
  //   slice 1: cell0 = (0, 4), cell1 = (1, 0)  → pooled (0.5, 2), CAM (-4, 2)
  // max over slices: channel 0 won by slice 0 (2 > 0.5), channel 1 by slice 1 (2 > 1)
  // logit = 0.5 + 2·2 + (−1)·2 = 2.5; contributions: slice 0 → 4, slice 1 → −2.
  const F = Float32Array.of(1, 0, 3, 2, 0, 4, 1, 0);
  const model = {
    lastConvFeatures: () => tf.tensor4d(F, [2, 1, 2, 2]),
    getWeights: () => ({ classifier: { weight: Float32Array.of(2, -1), bias: 0.5 } }),
  };
  const shape: [number, number, number] = [2, 63, 64];
  const vol = new Float32Array(2 * 63 * 64);

  it('gives the exact maps, winners, contributions and logit', () => {
    const cam = classActivationMaps(model, vol, shape, { upsample: 'nearest' });
    expect(Array.from(cam.rawMaps)).toEqual([2, 4, -4, 2]);
    expect(Array.from(cam.winningSlicePerChannel)).toEqual([0, 1]);
    expect(Array.from(cam.channelsWon)).toEqual([1, 1]);
    expect(cam.sliceContributions).toEqual([4, -2]);
    expect(cam.logit).toBe(2.5);
    expect(cam.probability).toBeCloseTo(1 / (1 + Math.exp(-2.5)), 12);
    expect(cam.decisiveSlice).toBe(0);
    expect(cam.range).toEqual([-4, 4]);
    // nearest, 2 cells over 64 columns: columns 0–31 from cell 0, 32–63 from cell 1; joint scale (v + 4) / 8
    const at = (i: number, y: number, x: number): number => cam.maps[(i * 63 + y) * 64 + x]!;
    expect([at(0, 10, 0), at(0, 10, 63), at(1, 62, 31), at(1, 0, 32)]).toEqual([0.75, 1, 0, 0.75]);
    const winning = classActivationMaps(model, vol, shape, { channels: 'winning', upsample: 'nearest' });
    expect(Array.from(winning.rawMaps)).toEqual([2, 6, -4, 0]); // slice 0: 2·F0; slice 1: −1·F1
  });

  it('a constant map scales to 0', () => {
    const flat = { lastConvFeatures: () => tf.ones([2, 2, 2, 2]) as tf.Tensor4D, getWeights: model.getWeights };
    const cam = classActivationMaps(flat, vol, shape);
    expect(cam.range).toEqual([1, 1]);
    expect(cam.maps.every((v) => v === 0)).toBe(true);
  });
});

describe('classActivationMaps errors', () => {
  const vol = new Float32Array(2 * 63 * 63);
  const shape: [number, number, number] = [2, 63, 63];
  let net: MRNet;
  beforeAll(() => {
    net = createMRNet({ seed: 2 });
  });

  it('rejects wrong shapes and volumes with ModelShapeError / TypeError naming the problem', () => {
    expect(() => classActivationMaps(net, vol, [2, 63, 64])).toThrow(/needs 8064 values but the volume holds 7938/);
    expect(() => classActivationMaps(net, vol, [2, 63, 64])).toThrow(ModelShapeError);
    expect(() => classActivationMaps(net, vol, [2, 3969] as never)).toThrow(/shape must be \[slices, H, W\]/);
    expect(() => classActivationMaps(net, new Float32Array(2 * 40 * 40), [2, 40, 40])).toThrow(/40×40 are below AlexNet's minimum 63×63/);
    expect(() => classActivationMaps(net, Array.from(vol) as never, shape)).toThrow(TypeError);
    expect(() => classActivationMaps(net, vol, shape, { upsample: 'bicubic' } as never)).toThrow(RangeError);
    expect(() => classActivationMaps(net, vol, shape, { normalise: 1 } as never)).toThrow(TypeError);
  });

  it('rejects a model without a linear head with CamModelError', () => {
    const backbone = { lastConvFeatures: (v: tf.Tensor3D) => net.lastConvFeatures(v) };
    expect(() => classActivationMaps(backbone, vol, shape)).toThrow(CamModelError);
    expect(() => classActivationMaps(backbone, vol, shape)).toThrow(/has no linear head/);
    expect(() => classActivationMaps({ getWeights: () => net.getWeights() } as never, vol, shape)).toThrow(/no lastConvFeatures/);
    expect(() => classActivationMaps(null as never, vol, shape)).toThrow(CamModelError);
    const wrongHead = { lastConvFeatures: backbone.lastConvFeatures, getWeights: () => ({ classifier: { weight: new Float32Array(10), bias: 0 } }) };
    const before = tf.memory().numTensors;
    expect(() => classActivationMaps(wrongHead, vol, shape)).toThrow(/features have 256 channels but the linear head has 10 weights/);
    expect(tf.memory().numTensors).toBe(before);
    const disposed = createMRNet({ seed: 1 });
    disposed.dispose();
    expect(() => classActivationMaps(disposed, vol, shape)).toThrow(/disposed/);
  });
});
