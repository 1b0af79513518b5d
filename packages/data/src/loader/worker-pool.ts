import { Worker } from 'node:worker_threads';
import { compiledWorkerUrl, workerExecArgv } from '../workers/compiled-worker.js';
import type { Volume } from '../volume/index.js';
import type { LoadRequest } from './load-exam.js';
import type { WorkerRequest } from './loader-worker.js';
import { reviveError, type SerializedError } from '@mrnet/options';
import * as dataErrors from '../errors.js';

type WorkerReply =
  | { id: number; ok: true; data: Float32Array; shape: [number, number, number] }
  | { id: number; ok: false; error: SerializedError };

interface Pending {
  resolve: (v: Volume) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** The compiled loader worker (see {@link compiledWorkerUrl}). @internal */
export function loaderWorkerUrl(): URL {
  return compiledWorkerUrl(import.meta.url, 'loader-worker.js', 'createLoader', 'npx tsc -b packages/data/tsconfig.lib.json');
}

/** A fixed set of worker threads that read + augment series; results come back transferred. @internal */
export class WorkerPool {
  readonly #slots: Slot[] = [];
  #nextId = 0;
  #closed = false;

  constructor(size: number) {
    const url = loaderWorkerUrl();
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url, { execArgv: workerExecArgv() });
      const slot: Slot = { worker, pending: new Map() };
      worker.on('message', (msg: WorkerReply) => this.#onMessage(slot, msg));
      worker.on('error', (e) => this.#failAll(slot, e));
      worker.on('exit', (code) => {
        if (!this.#closed) this.#failAll(slot, new Error(`createLoader: worker exited unexpectedly with code ${code}`));
      });
      worker.unref(); // an idle pool never keeps the process alive
      this.#slots.push(slot);
    }
  }

  /** Runs one request on the least busy worker. */
  run(req: LoadRequest): Promise<Volume> {
    if (this.#closed) return Promise.reject(new Error('createLoader: the loader is closed'));
    let slot = this.#slots[0]!;
    for (const s of this.#slots) if (s.pending.size < slot.pending.size) slot = s;
    const id = this.#nextId++;
    return new Promise<Volume>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      if (slot.pending.size === 1) slot.worker.ref();
      const msg: WorkerRequest = { id, ...req };
      slot.worker.postMessage(msg);
    });
  }

  #onMessage(slot: Slot, msg: WorkerReply): void {
    const p = slot.pending.get(msg.id);
    if (p === undefined) return;
    this.#settled(slot, msg.id);
    if (msg.ok) p.resolve({ data: msg.data, shape: msg.shape });
    else p.reject(reviveError(msg.error, Object.values(dataErrors)));
  }

  #settled(slot: Slot, id: number): void {
    slot.pending.delete(id);
    if (slot.pending.size === 0) slot.worker.unref();
  }

  #failAll(slot: Slot, e: unknown): void {
    for (const [id, p] of slot.pending) {
      this.#settled(slot, id);
      p.reject(e);
    }
  }

  /** Terminates every worker; requests still running reject. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const closed = new Error('createLoader: the loader was closed');
    for (const s of this.#slots) this.#failAll(s, closed);
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
