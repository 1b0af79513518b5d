import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os, { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Starts TensorFlow.js's **threaded** SIMD wasm build under Node with `threads` XNNPACK threads,
 * and makes wasm the active backend. tfjs 4.22 turns its threaded build off under Node only
 * because Emscripten's pthread workers get `blob:` URLs, which Node's `Worker` cannot load
 * (tensorflow/tfjs#3830). Here, from this package and without patching `node_modules`:
 *
 * - the pthread worker script (`wasmWorkerContents` of the package's `wasm-out/…worker.js`) is
 *   written to a real file, prefixed so that the worker's own `URL.createObjectURL` (for the main
 *   script Blob) returns the real path of `wasm-out/tfjs-backend-wasm-threaded-simd.js`;
 * - while the backend initialises, `URL.createObjectURL` returns that file for the worker Blob
 *   (this is what `locateFile('*.worker.js')` asks for), and `os.cpus()` reports at least
 *   `2 × threads` cores, since the module caps its pool at half the logical cores;
 * - `WASM_HAS_MULTITHREAD_SUPPORT` is set and `setThreadsCount(threads)` called.
 *
 * Both globals are restored before this resolves. Call it before the wasm backend is first
 * initialised in this thread (e.g. before `initBackend('wasm')`, which then finds it ready).
 *
 * @param threads - XNNPACK threads (≥ 2; 1 is the plain single-threaded build).
 * @returns the thread count the module reports.
 * @throws RangeError for a bad count; Error if wasm was already initialised in this thread.
 * @example
 * ```ts
 * import { initBackend } from '@mrnet/model';
 * import { startThreadedWasm } from '@mrnet/model/node';
 * await startThreadedWasm(4);
 * await initBackend('wasm'); // already active: registers the gradients
 * ```
 */
export async function startThreadedWasm(threads: number): Promise<number> {
  if (!Number.isInteger(threads) || threads < 2 || threads > 64) throw new RangeError(`startThreadedWasm: threads must be an integer in [2, 64] (got ${threads})`);
  // (findBackend would start initialising it: look at the engine's registry instead)
  if ((tf.engine() as unknown as { registry: Record<string, unknown> }).registry['wasm'] !== undefined) throw new Error('startThreadedWasm: the wasm backend is already initialised in this thread');
  const require = createRequire(import.meta.url);
  const wasmOut = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
  const { wasmWorkerContents } = require(join(wasmOut, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
  const mainScript = join(wasmOut, 'tfjs-backend-wasm-threaded-simd.js');
  const workerFile = join(mkdtempSync(join(tmpdir(), 'mrnet-wasm-threads-')), 'tfjs-backend-wasm-threaded-simd.worker.js');
  // The contents are written into a JS string by tfjs with real newlines; escape them as tfjs does.
  writeFileSync(workerFile, `URL.createObjectURL = () => ${JSON.stringify(mainScript)}; URL.revokeObjectURL = () => {};\n${wasmWorkerContents.replace(/\n/g, '\\n')}`);

  const wasm = (await import('@tensorflow/tfjs-backend-wasm')) as { setThreadsCount(n: number): void; getThreadsCount(): number };
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasm.setThreadsCount(threads);
  const createObjectURL = URL.createObjectURL;
  const cpus = os.cpus;
  URL.createObjectURL = (b: Blob) => (b?.type === 'application/javascript' ? workerFile : createObjectURL(b));
  os.cpus = () => {
    const real = cpus();
    return real.length >= 2 * threads ? real : Array.from({ length: 2 * threads }, (_, i) => real[i % real.length]!);
  };
  try {
    if (!(await tf.setBackend('wasm'))) throw new Error('startThreadedWasm: tf.setBackend("wasm") returned false');
    await tf.ready();
  } finally {
    URL.createObjectURL = createObjectURL;
    os.cpus = cpus;
  }
  return wasm.getThreadsCount();
}
