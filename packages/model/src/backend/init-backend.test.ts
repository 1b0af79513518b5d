import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError } from '../errors.js';
import { describeBackend } from './describe-backend.js';
import { initBackend } from './init-backend.js';

describe('initBackend', () => {
  it('initialises cpu and registers gradients', async () => {
    const r = await initBackend('cpu');
    expect(r).toEqual({ backend: 'cpu', name: 'cpu', requested: 'cpu', reasons: [], skipped: [] });
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.getGradient('Relu')).toBeDefined();
    // a gradient actually flows: d/dx sum(relu(x)) = step(x)
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.relu(x)))(tf.tensor1d([-1, 2, 3]));
    expect(Array.from(g.dataSync())).toEqual([0, 1, 1]);
  });

  it('initialises wasm (finds its .wasm files in Node)', async () => {
    const r = await initBackend('wasm');
    expect(r.backend).toBe('wasm');
    const y = tf.fused.conv2d({ x: tf.ones([1, 5, 5, 1]) as tf.Tensor4D, filter: tf.ones([3, 3, 1, 1]) as tf.Tensor4D, strides: 1, pad: 'valid' });
    expect(Array.from(y.dataSync())).toEqual(new Array(9).fill(9));
  });

  it.each(['tensorflow', 'tensorflow-gpu'] as const)('naming %s (not installed) gives the npm install command', async (name) => {
    const err = await initBackend(name).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    const pkg = name === 'tensorflow' ? '@tensorflow/tfjs-node' : '@tensorflow/tfjs-node-gpu';
    expect((err as Error).message).toContain(`npm install ${pkg}@4.22.0`);
    expect((err as Error).message).not.toContain('\n');
  });

  it('auto skips the node backends and a software (or absent) GPU adapter, says why, and picks wasm', async () => {
    const r = await initBackend('auto');
    expect(r.backend).toBe('wasm');
    expect(r.name).toBe('wasm');
    expect(r.reasons).toHaveLength(3);
    expect(r.reasons[0]).toContain("'tensorflow-gpu'");
    expect(r.reasons[1]).toContain("'webgpu'");
    expect(r.reasons[2]).toContain("'tensorflow'");
    expect(r.skipped.map((s) => s.backend)).toEqual(['tensorflow-gpu', 'webgpu', 'tensorflow']);
    expect(r.skipped[0]!.why).toBe('not installed');
    expect(r.skipped[1]!.why).toMatch(/^(only a software adapter \(.+\), slower than wasm|no GPU adapter)$/);
    expect(describeBackend(r)).toMatch(/^backend wasm \(auto; skipped tensorflow-gpu: not installed, webgpu: .+, tensorflow: not installed\)$/);
  });

  it('describes an explicit choice without reasons', async () => {
    expect(describeBackend(await initBackend('cpu'))).toBe('backend cpu');
  });

  it('rejects wrong names and types', async () => {
    await expect(initBackend('gpu' as never)).rejects.toThrow(RangeError);
    await expect(initBackend(3 as never)).rejects.toThrow(TypeError);
  });
});
