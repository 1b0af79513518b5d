/**
 * Worker-thread entry of {@link SliceParallelMRNet}: a replica of MRNet's convolutions on its own
 * TensorFlow.js engine. For a training step it runs the forward pass of its shard of slices inside
 * `tf.variableGrads`, publishes the pooled features, and **blocks on its control cell** (still
 * inside the gradient scope, so the tape is kept) until the coordinator has written the upstream
 * gradient; then it backpropagates and writes its convolution gradients to its region of the
 * shared gradient buffer. Loaded from `dist/` as plain JavaScript. @internal
 */
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, type BackendName } from '../backend/init-backend.js';
import { createMRNet, type MRNet } from '../network/mrnet.js';
import { MRNET_FEATURES } from '../network/specs.js';
import type { MRNetWeights } from '../network/weights.js';
import { mrnetParamLayout } from './layout.js';
import { startThreadedWasm } from './wasm-threads.js';
import { CONTROL, type FromSliceWorker, type SliceBuffers, type ToSliceWorker } from './messages.js';

const port = parentPort;
if (port === null) throw new Error('slice-worker: must run in a worker thread');

const layout = mrnetParamLayout();
let index = -1;
let buffers: SliceBuffers;
let net: MRNet | null = null;
let weightsVersion = -1;
let crash: 'forward' | 'backward' | null = null;
let trainRuns = 0;
// Test hook `MRNET_TEST_SLICE_CRASH=K:N`: worker K exits (code 70) after the forward pass of its
// N-th training step, to test a worker dying mid-step inside a training run. Unset in normal use.
const crashAt = /^(\d+):(\d+)$/.exec(process.env['MRNET_TEST_SLICE_CRASH'] ?? '');

class Abandoned extends Error {}

const post = (m: FromSliceWorker): void => port.postMessage(m);

function weightsFromShared(): MRNetWeights {
  const all = new Float32Array(buffers.weights);
  const view = (i: number): Float32Array => all.subarray(layout.offsets[i]!, layout.offsets[i]! + layout.sizes[i]!);
  return {
    features: [0, 1, 2, 3, 4].map((c) => ({ kernel: view(2 * c), kernelShape: layout.shapes[2 * c] as [number, number, number, number], bias: view(2 * c + 1) })),
    classifier: { weight: view(10), bias: view(11)[0]! },
  };
}

function syncWeights(version: number): void {
  if (version === weightsVersion) return;
  if (net === null) net = createMRNet({ weights: weightsFromShared() });
  else net.setWeights(weightsFromShared());
  weightsVersion = version;
}

function run(m: Extract<ToSliceWorker, { type: 'run' }>): void {
  syncWeights(m.weightsVersion);
  const n = m.end - m.start;
  const hw = m.height * m.width;
  const input = new Float32Array(buffers.input, m.start * hw * 4, n * hw);
  if (m.mode === 'features') {
    const f = tf.tidy(() => net!.lastConvFeatures(tf.tensor3d(input, [n, m.height, m.width])));
    const data = f.dataSync() as Float32Array;
    const shape = f.shape;
    f.dispose();
    port!.postMessage({ type: 'features', id: m.id, data, shape } satisfies FromSliceWorker, [data.buffer as ArrayBuffer]);
    return;
  }
  const pooledOut = new Float32Array(buffers.pooled, m.start * MRNET_FEATURES * 4, n * MRNET_FEATURES);
  if (m.mode === 'infer') {
    tf.tidy(() => pooledOut.set(net!.pooledFeatures(tf.tensor3d(input, [n, m.height, m.width])).dataSync()));
    post({ type: 'pooled', id: m.id });
    return;
  }
  trainRuns++;
  if (crashAt && Number(crashAt[1]) === index && Number(crashAt[2]) === trainRuns) crash = 'forward';
  const control = new Int32Array(buffers.control);
  const conv = net!.variables.slice(0, 10);
  const grads = tf.tidy(() => {
    const { grads } = tf.variableGrads(() => {
      const pooled = net!.pooledFeatures(tf.tensor3d(input, [n, m.height, m.width]));
      pooledOut.set(pooled.dataSync());
      if (crash === 'forward') process.exit(70);
      post({ type: 'pooled', id: m.id });
      // Block inside the gradient scope until the coordinator has the head's gradient.
      Atomics.wait(control, index, CONTROL.WAIT);
      if (Atomics.load(control, index) === CONTROL.ABANDON) throw new Abandoned();
      const upstream = tf.tensor2d(new Float32Array(buffers.dPooled, m.start * MRNET_FEATURES * 4, n * MRNET_FEATURES), [n, MRNET_FEATURES]);
      return tf.sum(tf.mul(pooled, upstream)) as tf.Scalar;
    }, conv);
    return conv.map((v) => grads[v.name]!);
  });
  if (crash === 'backward') process.exit(70);
  const out = new Float32Array(buffers.grads, index * layout.featureTotal * 4, layout.featureTotal);
  grads.forEach((g, i) => {
    out.set(g.dataSync(), layout.offsets[i]!);
    g.dispose();
  });
  post({ type: 'grads', id: m.id });
}

port.on('message', (m: ToSliceWorker) => {
  if (m.type === 'init') {
    index = m.index;
    buffers = m.buffers;
    void (async () => {
      try {
        if (m.backend === 'wasm' && m.wasmThreads > 1) await startThreadedWasm(m.wasmThreads);
        const choice = await initBackend(m.backend as BackendName);
        post({ type: 'ready', backend: choice.backend });
      } catch (e) {
        post({ type: 'error', id: -1, name: (e as Error).name ?? 'Error', message: String((e as Error).message ?? e), ...((e as Error).stack ? { stack: (e as Error).stack! } : {}) });
      }
    })();
    return;
  }
  if (m.type === 'buffers') {
    buffers = m.buffers;
    return;
  }
  if (m.type === 'crash') {
    crash = m.when;
    return;
  }
  try {
    run(m);
  } catch (e) {
    if (e instanceof Abandoned) post({ type: 'abandoned', id: m.id });
    else post({ type: 'error', id: m.id, name: (e as Error).name ?? 'Error', message: String((e as Error).message ?? e), ...((e as Error).stack ? { stack: (e as Error).stack! } : {}) });
  }
});
