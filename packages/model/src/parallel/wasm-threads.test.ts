import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { startThreadedWasm } from './wasm-threads.js';

// A file of its own: the threaded build must be the first wasm backend of the test's thread.
describe('startThreadedWasm', () => {
  it('runs the threaded SIMD build under Node with 2 threads, with the numbers of the cpu backend', async () => {
    await expect(startThreadedWasm(1)).rejects.toThrow(RangeError);
    expect(await startThreadedWasm(2)).toBe(2);
    expect(tf.getBackend()).toBe('wasm');
    const x = tf.tensor4d(Float32Array.from({ length: 2 * 31 * 31 * 8 }, (_, i) => Math.sin(i)), [2, 31, 31, 8]);
    const k = tf.tensor4d(Float32Array.from({ length: 3 * 3 * 8 * 16 }, (_, i) => Math.cos(i)), [3, 3, 8, 16]);
    const onWasm = tf.conv2d(x, k, 1, 'same').dataSync();
    await tf.setBackend('cpu');
    const onCpu = tf.conv2d(tf.tensor4d(x.dataSync(), x.shape), tf.tensor4d(k.dataSync(), k.shape), 1, 'same').dataSync();
    let worst = 0;
    for (let i = 0; i < onCpu.length; i++) worst = Math.max(worst, Math.abs(onWasm[i]! - onCpu[i]!));
    expect(worst).toBeLessThan(1e-4);
    await expect(startThreadedWasm(2)).rejects.toThrow(/already initialised/);
  }, 120_000);
});
