import type { Volume } from '@mrnet/data';
import { createMRNet, initBackend, probeWebGpuAdapter, releaseWebGpu } from '@mrnet/model';
import { afterAll, describe, expect, it } from 'vitest';
import { Adam } from '../optim/adam.js';
import { trainStep } from './steps.js';

// A few seeded training steps of the real step (forward, weighted BCE, backward, Adam) on webgpu
// give the weights wasm gives. On a machine without a GPU the adapter is Mesa's llvmpipe
// (scripts/setup-software-gpu.sh). Outside CI no adapter means skip, with the reason; in CI
// (CI=true) the test must run.
const probe = await probeWebGpuAdapter();
const skip = probe.adapter === undefined && process.env['CI'] !== 'true';
if (skip) console.warn(`webgpu training test skipped: no WebGPU adapter (${probe.tried.join('; ')}); run scripts/setup-software-gpu.sh`);

/** A seeded pseudo-random exam in 0..255 (a small LCG: the same numbers on every backend). */
function exam(seed: number, shape: [number, number, number]): Volume {
  const data = new Float32Array(shape[0] * shape[1] * shape[2]);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = (s / 2 ** 32) * 255;
  }
  return { data, shape };
}

const STEPS = 3;
const SHAPE: [number, number, number] = [3, 63, 63];

/** Weights before and after STEPS Adam steps (lr 1e-4, the seed's weight decay 0.01), read asynchronously. */
async function train(backend: 'wasm' | 'webgpu'): Promise<{ before: Float32Array[]; after: Float32Array[]; losses: number[]; seconds: number }> {
  await initBackend(backend);
  const net = createMRNet({ seed: 21 });
  const adam = new Adam(net.variables, { lr: 1e-4, weightDecay: 0.01 });
  const read = (): Promise<Float32Array[]> => Promise.all(net.variables.map(async (v) => (await v.data()) as Float32Array));
  const before = await read();
  const losses: number[] = [];
  let t0 = 0;
  for (let i = 0; i < STEPS; i++) {
    if (i === 1) t0 = performance.now(); // the first step also compiles the shaders / kernels
    losses.push((await trainStep(net, adam, exam(100 + i, SHAPE), i % 2, 1 + i / 4)).loss);
  }
  const seconds = (performance.now() - t0) / 1000 / (STEPS - 1);
  const after = await read();
  adam.dispose();
  net.dispose();
  return { before, after, losses, seconds };
}

function relDiff(a: Float32Array, b: Float32Array): number {
  let d = 0;
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    d += (a[i]! - b[i]!) ** 2;
    n += b[i]! ** 2;
  }
  return Math.sqrt(d) / Math.max(1e-30, Math.sqrt(n));
}

describe.skipIf(skip)('trainStep on webgpu', () => {
  afterAll(() => {
    releaseWebGpu();
  });

  it(`${STEPS} seeded Adam steps give the weights wasm gives (≤ 1e-4 relative)`, { timeout: 600_000 }, async () => {
    const wasm = await train('wasm');
    const gpu = await train('webgpu');
    const weights = Math.max(...gpu.after.map((w, i) => relDiff(w, wasm.after[i]!)));
    // Stricter: the change each variable went through (the weights alone are mostly their init).
    const delta = (r: typeof wasm, i: number): Float32Array => r.after[i]!.map((x, k) => x - r.before[i]![k]!);
    const updates = Math.max(...gpu.after.map((_, i) => relDiff(delta(gpu, i), delta(wasm, i))));
    const losses = Math.max(...gpu.losses.map((l, i) => Math.abs(l - wasm.losses[i]!) / Math.abs(wasm.losses[i]!)));
    console.log(
      `webgpu vs wasm after ${STEPS} steps on ${SHAPE.join('×')} (${probe.adapter?.device ?? '?'}): max weight rel diff ${weights.toExponential(2)}, ` +
        `max update rel diff ${updates.toExponential(2)}, max loss rel diff ${losses.toExponential(2)}; ` +
        `step (after the first) ${gpu.seconds.toFixed(2)} s on webgpu, ${wasm.seconds.toFixed(2)} s on wasm (under load, orientation only)`,
    );
    expect(weights).toBeLessThanOrEqual(1e-4);
    expect(losses).toBeLessThanOrEqual(1e-4);
    expect(updates).toBeLessThanOrEqual(1e-2);
  });
});
