import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { NoGpuAdapterError } from '../errors.js';
import { createMRNet } from '../network/mrnet.js';
import type { ConvGradients } from '../network/conv-mode.js';
import { initBackend } from './init-backend.js';
import { probeWebGpuAdapter, releaseWebGpu } from './webgpu.js';

// Parity of the webgpu backend with cpu and wasm, on whatever adapter Dawn finds: on a machine
// without a GPU, Mesa's llvmpipe (scripts/setup-software-gpu.sh). Outside CI a machine without an
// adapter skips these tests and says why; in CI (CI=true) they must run.
const probe = await probeWebGpuAdapter();
const skip = probe.adapter === undefined && process.env['CI'] !== 'true';
if (skip) console.warn(`webgpu tests skipped: no WebGPU adapter (${probe.tried.join('; ')}); run scripts/setup-software-gpu.sh`);

/** ‖a − b‖ / ‖b‖ of two read-back arrays (float64 sums). */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    d += (a[i]! - b[i]!) ** 2;
    n += b[i]! ** 2;
  }
  return Math.sqrt(d) / Math.max(1e-30, Math.sqrt(n));
}

interface Run {
  logit: number;
  grads: Float32Array[];
}

/** Logit and every parameter gradient of a seeded MRNet on a seeded 2×63×67 volume, read asynchronously. */
async function forwardBackward(backend: 'cpu' | 'wasm' | 'webgpu', convGradients: ConvGradients): Promise<Run> {
  await initBackend(backend);
  const net = createMRNet({ seed: 11, convGradients });
  const vol = tf.tidy(() => tf.mul(tf.randomUniform([2, 63, 67], 0, 1, 'float32', 5), 255) as tf.Tensor3D);
  const { value, grads } = tf.variableGrads(() => net.forward(vol), net.variables);
  // dataSync cannot work on webgpu under Node (no OffscreenCanvas): everything is read with data().
  const logit = (await value.data())[0]!;
  const out = await Promise.all(net.variables.map(async (v) => (await grads[v.name]!.data()) as Float32Array));
  tf.dispose([vol, value, ...Object.values(grads)]);
  net.dispose();
  return { logit, grads: out };
}

describe.skipIf(skip)('webgpu backend (Dawn)', () => {
  afterAll(() => {
    releaseWebGpu();
  });

  it('names the missing adapter in one typed line when Dawn finds none', async () => {
    const saved = process.env['MRNET_DAWN_OPTIONS'];
    process.env['MRNET_DAWN_OPTIONS'] = 'backend=null;adapter=no-such-gpu';
    try {
      const err = await initBackend('webgpu').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NoGpuAdapterError);
      expect((err as Error).message).toMatch(/^initBackend: backend 'webgpu' found no GPU adapter \(tried backend=null adapter=no-such-gpu/);
      expect((err as Error).message).not.toContain('\n');
    } finally {
      if (saved === undefined) delete process.env['MRNET_DAWN_OPTIONS'];
      else process.env['MRNET_DAWN_OPTIONS'] = saved;
    }
  });

  it('initialises on the adapter found and reports it', async () => {
    const r = await initBackend('webgpu');
    expect(r.backend).toBe('webgpu');
    expect(r.adapter).toEqual(probe.adapter);
    const y = tf.conv2d(tf.ones([1, 5, 5, 1]) as tf.Tensor4D, tf.ones([3, 3, 1, 1]) as tf.Tensor4D, 1, 'valid');
    expect(Array.from(await y.data())).toEqual(new Array(9).fill(9));
    y.dispose();
  });

  it('auto skips a software adapter (wasm is faster there) and says so', async () => {
    const r = await initBackend('auto');
    const webgpu = r.skipped.find((s) => s.backend === 'webgpu');
    if (probe.adapter?.software) {
      expect(r.backend).toBe('wasm');
      expect(webgpu?.why).toMatch(/^only a software adapter \(/);
    } else {
      expect(r.backend).toBe('webgpu');
    }
  });

  it('MRNet logit and every parameter gradient equal cpu and wasm (≤ 1e-4 relative)', { timeout: 600_000 }, async () => {
    const cpu = await forwardBackward('cpu', 'native');
    const wasm = await forwardBackward('wasm', 'auto'); // the fast conv/max-pool gradients
    const figures: Record<string, number> = {};
    for (const mode of ['auto', 'fast'] as const) {
      // auto = the backend's own kernels on webgpu; fast = the gradients wasm uses, also right here
      const gpu = await forwardBackward('webgpu', mode);
      for (const [name, ref] of [['cpu', cpu], ['wasm', wasm]] as const) {
        const logit = Math.abs(gpu.logit - ref.logit) / Math.abs(ref.logit);
        const grads = Math.max(...gpu.grads.map((g, i) => relDiff(g, ref.grads[i]!)));
        figures[`webgpu(${mode}) vs ${name}: logit`] = logit;
        figures[`webgpu(${mode}) vs ${name}: max gradient`] = grads;
        expect(logit).toBeLessThanOrEqual(1e-4);
        expect(grads).toBeLessThanOrEqual(1e-4);
      }
    }
    console.log(`webgpu parity on ${probe.adapter?.device ?? '?'} (relative):`, JSON.stringify(figures, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toExponential(2)) : v)));
  });

  it('lets the process exit without an explicit release', { timeout: 120_000 }, async () => {
    const entry = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
    const script = `const m = await import(${JSON.stringify(entry)}); const tf = await import('@tensorflow/tfjs-core');
      await m.initBackend('webgpu'); const y = tf.add(tf.ones([4]), 1); console.log((await y.data())[0]);`;
    const started = Date.now();
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, ['--input-type=module', '-e', script], { timeout: 90_000, cwd: fileURLToPath(new URL('../..', import.meta.url)) }, (_e, out) => resolve({ code: child.exitCode, stdout: String(out) }));
    });
    expect(stdout.trim()).toBe('2');
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(90_000);
  });
});
