import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { compiledWorkerUrl, workerExecArgv } from '@mrnet/data/node';
import type { CamModel } from '../cam/linear-head.js';
import { ModelShapeError } from '../errors.js';
import { mrnetHead, type MRNet } from '../network/mrnet.js';
import { MIN_INPUT_SIZE, MRNET_FEATURES } from '../network/specs.js';
import { SliceWorkerError } from './errors.js';
import { mrnetParamLayout, shardRanges } from './layout.js';
import { CONTROL, type FromSliceWorker, type SliceBuffers, type ToSliceWorker } from './messages.js';

/**
 * Options of {@link SliceParallelMRNet.create}.
 *
 * @example
 * ```ts
 * import type { SliceParallelOptions } from '@mrnet/model/node';
 * const options: SliceParallelOptions = { workers: 4 };
 * ```
 */
export interface SliceParallelOptions {
  /** Worker threads (≥ 1), each with its own TensorFlow.js engine and a replica of the weights. */
  workers: number;
  /** Backend each worker initialises: `'wasm'` or `'cpu'`. Default: the active backend. */
  backend?: 'wasm' | 'cpu';
  /**
   * XNNPACK threads inside each wasm worker ({@link startThreadedWasm}); 1 = the single-threaded
   * build. Default 1: with one slice worker per core, more threads only oversubscribe the cores
   * (`npm run bench` measures both).
   */
  wasmThreads?: number;
}

/**
 * One exam's plane: `data` holds `shape[0]·shape[1]·shape[2]` values, row-major `[slices, H, W]`.
 *
 * @example
 * ```ts
 * import type { ExamVolume } from '@mrnet/model/node';
 * const v: ExamVolume = { data: new Float32Array(2 * 64 * 64), shape: [2, 64, 64] };
 * ```
 */
export interface ExamVolume {
  data: Float32Array;
  shape: readonly [number, number, number];
}

/**
 * What {@link SliceParallelMRNet.trainStep} returns: the loss and logit, and the gradient of every
 * variable of the coordinator's MRNet, in {@link MRNet.variables} order (the caller disposes them).
 *
 * @example
 * ```ts
 * import type { SliceStepResult } from '@mrnet/model/node';
 * const show = (r: SliceStepResult): string => `loss ${r.loss} logit ${r.logit} (${r.grads.length} gradients)`;
 * ```
 */
export interface SliceStepResult {
  loss: number;
  logit: number;
  grads: tf.Tensor[];
}

interface Pending {
  type: FromSliceWorker['type'];
  id: number;
  resolve: (m: FromSliceWorker) => void;
  reject: (e: Error) => void;
}

const SUPPORTED = new Set(['wasm', 'cpu']);

/**
 * Whether {@link SliceParallelMRNet} can split exams on `backend` (default: the active one): wasm
 * and cpu, where each thread's engine computes on one core. Native (tfjs-node) and GPU backends
 * already use the machine from one engine, so callers keep one thread there.
 *
 * @example
 * ```ts
 * import { sliceParallelSupported } from '@mrnet/model/node';
 * const workers = sliceParallelSupported() ? 4 : 1;
 * ```
 */
export function sliceParallelSupported(backend: string = tf.getBackend()): boolean {
  return SUPPORTED.has(backend);
}

/**
 * MRNet split over the slices of one exam: K worker threads, each with its own TensorFlow.js
 * engine and a replica of the convolution weights, take contiguous shards of the slices. The
 * coordinator (the calling thread, which keeps the master {@link MRNet}) takes the max over all
 * slices' pooled features, applies the head and the caller's loss, and sends each worker the
 * upstream gradient of its slices; each worker backpropagates its shard and writes its gradient
 * to a shared buffer, and the coordinator sums them in a fixed order. The batch is still one exam,
 * so the optimisation is the seed's: loss, logit and gradients equal the single-thread
 * `tf.variableGrads` of `net.forward` up to summation order.
 *
 * The caller applies the gradients to the master net (e.g. `adam.step(grads)`); the workers
 * receive the master's weights (through a SharedArrayBuffer) before the next call. Call
 * {@link SliceParallelMRNet.invalidate} after changing the master's weights any other way.
 * A worker that dies fails the call with {@link SliceWorkerError}; the pool is then closed.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { createMRNet, initBackend } from '@mrnet/model';
 * import { SliceParallelMRNet } from '@mrnet/model/node';
 * await initBackend('wasm');
 * const net = createMRNet({ seed: 1 });
 * const pool = await SliceParallelMRNet.create(net, { workers: 2 });
 * const volume = { data: new Float32Array(4 * 64 * 64), shape: [4, 64, 64] as const };
 * const logit = await pool.forward(volume, '0001');
 * const { loss, grads } = await pool.trainStep(volume, (z) => tf.sigmoid(z), '0001');
 * tf.dispose(grads);
 * await pool.dispose();
 * ```
 */
export class SliceParallelMRNet {
  /** Number of worker threads. */
  readonly workers: number;
  /** The backend the workers run (`'wasm'` or `'cpu'`). */
  readonly backend: string;
  readonly #net: MRNet;
  readonly #threads: Worker[];
  readonly #pending: (Pending | null)[];
  readonly #layout = mrnetParamLayout();
  #buffers: SliceBuffers;
  #weightsVersion = 0;
  #stale = true;
  #nextId = 1;
  #busy = false;
  #closed: Error | null = null;
  #exam = '(startup)';

  private constructor(net: MRNet, workers: number, backend: string) {
    this.#net = net;
    this.workers = workers;
    this.backend = backend;
    const sab = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(Math.max(4, bytes));
    this.#buffers = {
      weights: sab(this.#layout.total * 4),
      grads: sab(workers * this.#layout.featureTotal * 4),
      control: sab(workers * 4),
      input: sab(0),
      pooled: sab(0),
      dPooled: sab(0),
    };
    const url = compiledWorkerUrl(import.meta.url, 'slice-worker.js', 'SliceParallelMRNet', 'npx tsc -b packages/model/tsconfig.lib.json');
    this.#threads = [];
    this.#pending = [];
    for (let k = 0; k < workers; k++) {
      const w = new Worker(url, { execArgv: workerExecArgv() });
      this.#threads.push(w);
      this.#pending.push(null);
      w.on('message', (m: FromSliceWorker) => this.#onMessage(k, m));
      w.on('error', (e) => this.#fail(k, `threw ${e.name}: ${e.message}`, e));
      w.on('exit', (code) => this.#fail(k, `exited with code ${code}`));
    }
  }

  /**
   * Starts `options.workers` worker threads around the master `net` (kept on this thread; not
   * disposed by the pool) and waits until each has initialised its backend.
   * @throws RangeError for a worker count below 1 or a backend other than wasm/cpu;
   *   {@link SliceWorkerError} if a worker fails to start.
   */
  static async create(net: MRNet, options: SliceParallelOptions): Promise<SliceParallelMRNet> {
    const { workers } = options;
    if (!Number.isInteger(workers) || workers < 1 || workers > 256) throw new RangeError(`SliceParallelMRNet.create: workers must be an integer in [1, 256] (got ${workers})`);
    const backend = options.backend ?? tf.getBackend();
    if (!SUPPORTED.has(backend)) throw new RangeError(`SliceParallelMRNet.create: slice workers run on wasm or cpu, not on backend '${backend}'`);
    const wasmThreads = options.wasmThreads ?? 1;
    if (!Number.isInteger(wasmThreads) || wasmThreads < 1 || wasmThreads > 64) throw new RangeError(`SliceParallelMRNet.create: wasmThreads must be an integer in [1, 64] (got ${wasmThreads})`);
    const pool = new SliceParallelMRNet(net, workers, backend);
    try {
      await Promise.all(pool.#threads.map((w, k) => {
        const ready = pool.#expect(k, 'ready', 0);
        pool.#send(k, { type: 'init', index: k, backend, buffers: pool.#buffers, wasmThreads });
        return ready;
      }));
    } catch (e) {
      await pool.dispose();
      throw e;
    }
    return pool;
  }

  /** Marks the master's weights as changed, so that the workers reload them before the next call. */
  invalidate(): void {
    this.#stale = true;
  }

  /**
   * Forward pass of one exam over the workers: the logit, equal to `net.forward` on this thread.
   * @param exam - the exam's id, for error messages.
   */
  async forward(volume: ExamVolume, exam = '(none)'): Promise<number> {
    return this.#exclusive(exam, async () => {
      const { slices, ranges, id } = this.#begin(volume, 'infer');
      await this.#all(ranges, 'pooled', id);
      return tf.tidy(() => {
        const pooled = tf.tensor2d(new Float32Array(this.#buffers.pooled, 0, slices * MRNET_FEATURES), [slices, MRNET_FEATURES]);
        const v = this.#net.variables;
        return mrnetHead(pooled, v[10] as tf.Tensor2D, v[11] as tf.Tensor1D).dataSync()[0]!;
      });
    });
  }

  /**
   * The last AlexNet stage's output for every slice (as `net.lastConvFeatures`), computed by the
   * workers: `[slices, h', w', 256]`, which the caller disposes.
   */
  async lastConvFeatures(volume: ExamVolume, exam = '(none)'): Promise<tf.Tensor4D> {
    return this.#exclusive(exam, async () => {
      const { ranges, id } = this.#begin(volume, 'features');
      const parts = (await this.#all(ranges, 'features', id)) as Extract<FromSliceWorker, { type: 'features' }>[];
      return tf.tidy(() => tf.concat(parts.map((p) => tf.tensor4d(p.data, p.shape as [number, number, number, number])), 0) as tf.Tensor4D);
    });
  }

  /**
   * A {@link CamModel} for `classActivationMaps` whose last conv features of `volume` were computed
   * by the workers (it answers for that volume only); `dispose()` frees them.
   */
  async camModel(volume: ExamVolume, exam = '(none)'): Promise<CamModel & {
    /** Frees the gathered feature maps. */
    dispose(): void;
  }> {
    const features = await this.lastConvFeatures(volume, exam);
    const net = this.#net;
    return {
      lastConvFeatures: () => features.clone(),
      getWeights: () => net.getWeights(),
      dispose: () => features.dispose(),
    };
  }

  /**
   * One training step's forward and backward pass over the workers.
   * @param loss - maps the logit (scalar) to the loss (scalar), on this thread; differentiable.
   * @param exam - the exam's id, for error messages.
   * @returns loss, logit and the gradient of every variable of the master net (caller disposes).
   */
  async trainStep(volume: ExamVolume, loss: (logit: tf.Scalar) => tf.Scalar, exam = '(none)'): Promise<SliceStepResult> {
    return this.#exclusive(exam, async () => {
      const { slices, ranges, id } = this.#begin(volume, 'train');
      const control = new Int32Array(this.#buffers.control);
      try {
        await this.#all(ranges, 'pooled', id);
        const v = this.#net.variables;
        let logit = NaN;
        const head = tf.tidy(() => {
          const pooled = tf.tensor2d(new Float32Array(this.#buffers.pooled, 0, slices * MRNET_FEATURES), [slices, MRNET_FEATURES]);
          const { value, grads } = tf.valueAndGrads((p: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => {
            const z = mrnetHead(p as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D);
            logit = z.dataSync()[0]!;
            return loss(z);
          })([pooled, v[10]!, v[11]!]);
          new Float32Array(this.#buffers.dPooled, 0, slices * MRNET_FEATURES).set(grads[0]!.dataSync());
          return { loss: value.dataSync()[0]!, weight: tf.keep(grads[1]!), bias: tf.keep(grads[2]!) };
        });
        const gradsDone = this.#all(ranges, 'grads', id);
        this.#signal(ranges, control, CONTROL.GO);
        try {
          await gradsDone;
        } catch (e) {
          tf.dispose([head.weight, head.bias]);
          throw e;
        }
        const active = ranges.map((r, k) => (r[1] > r[0] ? k : -1)).filter((k) => k >= 0);
        const all = new Float32Array(this.#buffers.grads);
        const grads: tf.Tensor[] = this.#layout.sizes.slice(0, 10).map((size, i) => {
          const off = this.#layout.offsets[i]!;
          const sum = new Float32Array(size);
          for (const k of active) {
            const base = k * this.#layout.featureTotal + off;
            for (let j = 0; j < size; j++) sum[j]! += all[base + j]!;
          }
          return tf.tensor(sum, this.#layout.shapes[i]);
        });
        grads.push(head.weight, head.bias);
        this.#stale = true; // the caller is about to apply them
        return { loss: head.loss, logit, grads };
      } catch (e) {
        // Workers still inside their gradient scope unwind (the pool may be closing already).
        this.#signal(ranges, control, CONTROL.ABANDON);
        throw e;
      }
    });
  }

  /**
   * Stops the worker threads (the master net is the caller's). Safe to call more than once.
   */
  async dispose(): Promise<void> {
    if (!this.#closed) this.#closed = new Error('SliceParallelMRNet: the pool has been disposed');
    const control = new Int32Array(this.#buffers.control);
    for (let k = 0; k < this.workers; k++) {
      Atomics.store(control, k, CONTROL.ABANDON);
      Atomics.notify(control, k);
    }
    await Promise.all(this.#threads.map((w) => w.terminate()));
  }

  /** @internal Test hook: makes worker `k` exit (code 70) after its next forward or backward pass. */
  crashWorker(k: number, when: 'forward' | 'backward'): void {
    this.#send(k, { type: 'crash', when });
  }

  async #exclusive<T>(exam: string, f: () => Promise<T>): Promise<T> {
    if (this.#closed) throw this.#closed;
    if (this.#busy) throw new Error('SliceParallelMRNet: one call at a time (await the previous one)');
    this.#busy = true;
    this.#exam = exam;
    try {
      return await f();
    } finally {
      this.#busy = false;
    }
  }

  #begin(volume: ExamVolume, mode: 'train' | 'infer' | 'features'): { slices: number; ranges: Array<[number, number]>; id: number } {
    const where = `SliceParallelMRNet (exam ${this.#exam})`;
    if (!volume || !(volume.data instanceof Float32Array)) throw new TypeError(`${where}: volume.data must be a Float32Array`);
    const [s, h, w] = volume.shape;
    if (volume.shape.length !== 3 || !(s! >= 1) || volume.data.length !== s! * h! * w!) {
      throw new ModelShapeError(`${where}: shape [${volume.shape}] does not match ${volume.data.length} values`);
    }
    if (h! < MIN_INPUT_SIZE || w! < MIN_INPUT_SIZE) throw new ModelShapeError(`${where}: ${h}×${w} is below AlexNet's minimum ${MIN_INPUT_SIZE}×${MIN_INPUT_SIZE}`);
    this.#ensureCapacity(s!, volume.data.length);
    new Float32Array(this.#buffers.input, 0, volume.data.length).set(volume.data);
    if (this.#stale) this.#publishWeights();
    const control = new Int32Array(this.#buffers.control);
    const ranges = shardRanges(s!, this.workers);
    const id = this.#nextId++;
    ranges.forEach(([start, end], k) => {
      if (end === start) return;
      Atomics.store(control, k, CONTROL.WAIT);
      this.#send(k, { type: 'run', mode, id, start, end, height: h!, width: w!, weightsVersion: this.#weightsVersion });
    });
    return { slices: s!, ranges, id };
  }

  #ensureCapacity(slices: number, values: number): void {
    const b = this.#buffers;
    if (b.input.byteLength >= values * 4 && b.pooled.byteLength >= slices * MRNET_FEATURES * 4) return;
    this.#buffers = {
      ...b,
      input: new SharedArrayBuffer(values * 4),
      pooled: new SharedArrayBuffer(slices * MRNET_FEATURES * 4),
      dPooled: new SharedArrayBuffer(slices * MRNET_FEATURES * 4),
    };
    for (let k = 0; k < this.workers; k++) this.#send(k, { type: 'buffers', buffers: this.#buffers });
  }

  #publishWeights(): void {
    const all = new Float32Array(this.#buffers.weights);
    this.#net.variables.forEach((v, i) => all.set(v.dataSync() as Float32Array, this.#layout.offsets[i]!));
    this.#weightsVersion++;
    this.#stale = false;
  }

  #signal(ranges: Array<[number, number]>, control: Int32Array, value: number): void {
    ranges.forEach(([start, end], k) => {
      if (end === start) return;
      Atomics.store(control, k, value);
      Atomics.notify(control, k);
    });
  }

  #send(k: number, m: ToSliceWorker): void {
    this.#threads[k]!.postMessage(m);
  }

  #expect(k: number, type: FromSliceWorker['type'], id: number): Promise<FromSliceWorker> {
    if (this.#closed) return Promise.reject(this.#closed);
    return new Promise((resolve, reject) => (this.#pending[k] = { type, id, resolve, reject }));
  }

  #all(ranges: Array<[number, number]>, type: FromSliceWorker['type'], id: number): Promise<FromSliceWorker[]> {
    return Promise.all(ranges.flatMap(([start, end], k) => (end > start ? [this.#expect(k, type, id)] : [])));
  }

  #onMessage(k: number, m: FromSliceWorker): void {
    if (m.type === 'error') {
      const cause = Object.assign(new Error(m.message), { name: m.name, ...(m.stack ? { stack: m.stack } : {}) });
      this.#fail(k, `threw ${m.name}: ${m.message}`, cause);
      return;
    }
    const p = this.#pending[k];
    if (p && p.type === m.type && (m.type === 'ready' || ('id' in m && m.id === p.id))) {
      this.#pending[k] = null;
      p.resolve(m);
    }
  }

  /** A worker died or threw: close the pool, reject every pending call, stop the other workers. */
  #fail(k: number, what: string, cause?: unknown): void {
    if (this.#closed) return;
    const error = new SliceWorkerError(k, this.#exam, what, cause === undefined ? undefined : { cause });
    this.#closed = error;
    for (let j = 0; j < this.workers; j++) {
      const p = this.#pending[j];
      this.#pending[j] = null;
      p?.reject(error);
    }
    void this.dispose();
  }
}
