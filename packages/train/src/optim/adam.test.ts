import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { Adam } from './adam.js';
import { StateFormatError } from '@mrnet/options';
import { weightedBceWithLogits } from '../loss/weighted-bce-with-logits.js';

type Nested = number | Nested[];
type Named = Record<'w' | 'b' | 'M', Nested>;
interface Step { loss: number; grads: Named; params: Named }
interface Case {
  name: string;
  options: { lr: number; weight_decay: number; betas?: [number, number]; eps?: number };
  lrChange: [number, number] | null;
  steps: Step[];
}
interface Problem { X: number[][]; y: number[]; T: number[][]; S: number[][]; w0: number[]; b0: number[]; M0: number[][] }
const fixture = (JSON.parse(readFileSync(new URL('../../fixtures/adam_cases.json', import.meta.url), 'utf8')) as {
  data: { problem: Problem; cases: Case[] };
}).data;
const flat = (v: Nested): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);
const NAMES = ['w', 'b', 'M'] as const;

let counter = 0;
function makeVariables(): tf.Variable[] {
  const p = fixture.problem;
  counter += 1;
  // The optimiser matches gradients by variable name; tfjs names must be globally unique.
  return [
    tf.variable(tf.tensor(p.w0), true, `w#${counter}`),
    tf.variable(tf.tensor(p.b0), true, `b#${counter}`),
    tf.variable(tf.tensor(p.M0), true, `M#${counter}`),
  ];
}

function adamFor(c: Case, vars: tf.Variable[]): Adam {
  return new Adam(vars, {
    lr: c.options.lr,
    weightDecay: c.options.weight_decay,
    ...(c.options.betas ? { betas: c.options.betas } : {}),
    ...(c.options.eps !== undefined ? { eps: c.options.eps } : {}),
  });
}

/** |got − torch| ≤ 1e-5 · max(|torch|, floor), element-wise. */
function expectParamsClose(vars: tf.Variable[], expected: Named, where: string, floor: number): void {
  NAMES.forEach((n, i) => {
    const got = vars[i]!.dataSync();
    flat(expected[n]).forEach((e, k) => {
      const err = Math.abs(got[k]! - e) / Math.max(Math.abs(e), floor);
      if (err > 1e-5) throw new Error(`${where}: ${n}[${k}] = ${got[k]} vs torch ${e} (rel ${err.toExponential(2)})`);
    });
  });
}

/** The fixture's loss, in tfjs: mean BCE-with-logits(X·w + b, y) + ½ Σ S ⊙ (M − T)². */
function problemLoss(vars: tf.Variable[]): tf.Scalar {
  const p = fixture.problem;
  const [w, b, M] = vars as [tf.Variable, tf.Variable, tf.Variable];
  const logits = tf.add(tf.reshape(tf.matMul(tf.tensor2d(p.X), tf.reshape(w, [4, 1])), [6]), b);
  const quad = tf.mul(0.5, tf.sum(tf.mul(tf.tensor2d(p.S), tf.square(tf.sub(M, tf.tensor2d(p.T))))));
  return tf.add(weightedBceWithLogits(logits, p.y), quad) as tf.Scalar;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let live: Array<tf.Variable | Adam> = [];
afterEach(() => {
  for (const x of live) x.dispose();
  live = [];
});

describe('Adam (torch 1.13 semantics)', () => {
  it('covers weight_decay 0.1 with lr 1e-2 and 1e-5 over 50 steps', () => {
    const lrs = fixture.cases.filter((c) => c.options.weight_decay === 0.1).map((c) => c.options.lr);
    expect(lrs).toEqual(expect.arrayContaining([1e-2, 1e-5]));
    expect(fixture.cases.every((c) => c.steps.length === 50)).toBe(true);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('replays torch gradients → torch parameters: %s', (_, c) => {
    const vars = makeVariables();
    const adam = adamFor(c, vars);
    live.push(...vars, adam);
    c.steps.forEach((s, t) => {
      if (c.lrChange !== null && t === c.lrChange[0]) adam.lr = c.lrChange[1];
      const grads = NAMES.map((n, i) => tf.tensor(flat(s.grads[n]), vars[i]!.shape));
      adam.step(grads);
      tf.dispose(grads);
      expectParamsClose(vars, s.params, `${c.name} step ${t + 1}`, 1e-3);
    });
    expect(adam.stepCount(vars[0]!.name)).toBe(50);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('trains with tfjs gradients → torch parameters: %s', (_, c) => {
    const vars = makeVariables();
    const adam = adamFor(c, vars);
    live.push(...vars, adam);
    let afterFirst = 0;
    c.steps.forEach((s, t) => {
      if (c.lrChange !== null && t === c.lrChange[0]) adam.lr = c.lrChange[1];
      const { value, grads } = tf.variableGrads(() => problemLoss(vars), vars);
      expect(Math.abs(value.dataSync()[0]! - s.loss)).toBeLessThanOrEqual(1e-5 * Math.abs(s.loss));
      adam.step(grads);
      tf.dispose([value, ...Object.values(grads)]);
      // Gradients differ from torch's by float32 rounding; a parameter crossing zero (b near
      // step 19) sees that as an absolute error, hence the 1e-2 floor (parameters are O(1)).
      expectParamsClose(vars, s.params, `${c.name} step ${t + 1}`, 1e-2);
      // State appears at the first step (two tensors per variable), and nothing after.
      if (t === 0) afterFirst = tf.memory().numTensors;
      else expect(tf.memory().numTensors).toBe(afterFirst);
    });
  });

  it('resumes from toJSON() exactly as an uninterrupted run', () => {
    const c = fixture.cases[0]!;
    const runA = makeVariables();
    const a = adamFor(c, runA);
    const runB = makeVariables();
    let b = adamFor(c, runB);
    live.push(...runA, ...runB, a);
    const stepWith = (opt: Adam, vars: tf.Variable[]): void => {
      const { value, grads } = tf.variableGrads(() => problemLoss(vars), vars);
      opt.step(NAMES.map((_, i) => grads[vars[i]!.name]));
      tf.dispose([value, ...Object.values(grads)]);
    };
    for (let t = 0; t < 20; t++) { stepWith(a, runA); stepWith(b, runB); }
    const saved = JSON.parse(JSON.stringify(b)) as unknown;
    b.dispose();
    // Fresh variables holding the saved weights, renamed: state is matched by name.
    const runC = makeVariables();
    runC.forEach((v, i) => v.assign(runB[i]!));
    const renamed = JSON.parse(JSON.stringify(saved).replaceAll(`#${counter - 1}"`, `#${counter}"`)) as unknown;
    b = Adam.fromJSON(renamed, runC);
    live.push(...runC, b);
    expect(b.lr).toBe(c.options.lr);
    expect(b.stepCount(runC[0]!.name)).toBe(20);
    for (let t = 0; t < 15; t++) { stepWith(a, runA); stepWith(b, runC); }
    runA.forEach((v, i) => expect(Array.from(runC[i]!.dataSync())).toEqual(Array.from(v.dataSync())));
  });

  it('leaves a variable without gradient untouched, and accepts Map and record gradients', () => {
    const vars = makeVariables();
    const adam = new Adam(vars, { lr: 0.1 });
    live.push(...vars, adam);
    const b0 = Array.from(vars[1]!.dataSync());
    const w0 = Array.from(vars[0]!.dataSync());
    const g = tf.onesLike(vars[0]!);
    adam.step(new Map([[vars[0]!.name, g]]));
    adam.step({ [vars[0]!.name]: g });
    adam.step([g, null, undefined]);
    g.dispose();
    expect(Array.from(vars[1]!.dataSync())).toEqual(b0);
    expect(adam.stepCount(vars[1]!.name)).toBe(0);
    // Constant gradient 1: every Adam step moves by lr (m̂/sqrt(v̂) = 1), up to eps.
    Array.from(vars[0]!.dataSync()).forEach((x, k) => expect(x).toBeCloseTo(w0[k]! - 0.3, 5));
    expect(adam.toJSON().params.map((p) => p.name)).toEqual([vars[0]!.name]);
  });

  it('rejects bad options, gradients and state', () => {
    const vars = makeVariables();
    live.push(...vars);
    expect(() => new Adam(vars, { lr: -1 })).toThrow(RangeError);
    expect(() => new Adam(vars, { betas: [0.9, 1] })).toThrow(RangeError);
    expect(() => new Adam(vars, { lr: '1' as unknown as number })).toThrow(TypeError);
    expect(() => new Adam(vars, { momentum: 0.9 } as never)).toThrow(TypeError);
    expect(() => new Adam([vars[0]!, vars[0]!])).toThrow(/two variables are named/);
    const adam = new Adam(vars);
    live.push(adam);
    expect(() => { adam.lr = Number.NaN; }).toThrow(RangeError);
    const g = tf.zeros([3]);
    expect(() => adam.step({ nope: g })).toThrow(/'nope' matches no variable/);
    expect(() => adam.step([g, g, g])).toThrow(/has shape \[3\] but the variable has \[4\]/);
    expect(() => adam.step([g])).toThrow(/1 gradients for 3 variables/);
    g.dispose();
    expect(() => Adam.fromJSON({ format: 'torch' }, vars)).toThrow(StateFormatError);
    expect(() => Adam.fromJSON({ ...adam.toJSON(), version: 2 }, vars)).toThrow(/version 2 is newer than this release reads/);
    expect(() => Adam.fromJSON({ ...adam.toJSON(), params: [{ name: vars[0]!.name, shape: [2], step: 1, expAvg: [0, 0], expAvgSq: [0, 0] }] }, vars))
      .toThrow(/has shape \[2\].*variable has \[4\]/);
  });
});
