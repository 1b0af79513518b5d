import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DatasetError, NpyFormatError, PLANES, type Plane } from '@mrnet/data';
import { compiledWorkerUrl, openMRNetDataset, workerExecArgv } from '@mrnet/data/node';
import { resumeFilePath } from '../checkpoint/best-model.js';
import { NoResumeCheckpointError } from '../checkpoint/resume-errors.js';
import { BACKEND_NAMES, BackendUnavailableError, ModelArtifactsError, ModelShapeError, PretrainedWeightsError, TorchCheckpointError, prepareGpuEnvironment, type BackendName } from '@mrnet/model';
import { z } from 'zod';
import { parseOptions, reviveError, StateFormatError } from '@mrnet/options';
import { LockedError } from '@mrnet/options/node';
import { LogFileError } from '../errors.js';
import type { TrainEvent } from '../loop/train-events.js';
import { trainPlaneSchema, type TrainPlaneOptions } from '../loop/train-options.js';
import type { TrainResult } from '../loop/train-plane-model.js';
import { type FromWorker, type ToWorker, type WorkerTrainOptions } from './messages.js';

/** The typed errors a plane worker can throw, revived as the same classes in the parent. */
const PLANE_WORKER_ERRORS = [
  DatasetError, NpyFormatError, BackendUnavailableError, ModelArtifactsError, ModelShapeError, PretrainedWeightsError, TorchCheckpointError,
  StateFormatError, LockedError, LogFileError, NoResumeCheckpointError,
];

/**
 * Options of {@link trainPlanes}: those of `trainPlaneModel` for several planes at once.
 *
 * @example
 * ```ts
 * import { trainPlanes, type TrainPlanesOptions } from '@mrnet/train';
 * const options: TrainPlanesOptions = { dataRoot: 'MRNet-v1.0', task: 'acl', backend: 'wasm', onProgress: (plane, e) => void 0 };
 * const results = await trainPlanes(options); // { axial, coronal, sagittal }: TrainResult
 * ```
 */
export interface TrainPlanesOptions extends Omit<TrainPlaneOptions, 'plane' | 'onProgress' | 'signal' | 'checkpointHook'> {
  /** Planes to train, each in its own worker thread. Default all three. */
  planes?: readonly Plane[];
  /** TensorFlow.js backend each worker initialises. Default `'auto'`. */
  backend?: BackendName;
  /** Called (on the calling thread) with every event of every plane. */
  onProgress?: (plane: Plane, event: TrainEvent) => void;
  /** Interrupts every plane after its current step (each writes its resume checkpoint). */
  signal?: AbortSignal;
}

const schema = trainPlaneSchema
  .omit({ plane: true, onProgress: true, signal: true, checkpointHook: true })
  .extend({
    planes: z.array(z.enum(PLANES)).min(1).refine((p) => new Set(p).size === p.length, 'must not repeat a plane').default([...PLANES]),
    backend: z.enum(BACKEND_NAMES).default('auto'),
    onProgress: z.custom<(plane: Plane, event: TrainEvent) => void>((v) => typeof v === 'function', 'must be a function').optional(),
    signal: z.custom<AbortSignal>((v) => typeof v === 'object' && v !== null && typeof (v as AbortSignal).aborted === 'boolean', 'must be an AbortSignal').optional(),
  });

/** The compiled plane worker (see `compiledWorkerUrl` in @mrnet/data). @internal */
export function planeWorkerUrl(): URL {
  return compiledWorkerUrl(import.meta.url, 'plane-worker.js', 'trainPlanes', 'npx tsc -b packages/train/tsconfig.lib.json');
}


/**
 * Trains several planes of one task **at the same time**, one worker thread per plane, each with
 * its own TensorFlow.js engine (the wasm backend runs single-threaded under Node, so this is how a
 * multi-core machine is used). Each plane runs exactly `trainPlaneModel` with the given options —
 * same seed, same results as training the planes one after another. Events arrive on the calling
 * thread through `onProgress(plane, event)`. When `signal` aborts, every plane finishes its step
 * and writes its resume checkpoint. If a plane fails, the others are interrupted (resumable) and
 * the first error is thrown, with its original `name`, message and fields (`path`, `problems`).
 *
 * @returns each plane's {@link TrainResult}.
 * @example
 * ```ts
 * import { trainPlanes } from '@mrnet/train';
 * const results = await trainPlanes({ dataRoot: 'MRNet-v1.0', task: 'acl', backend: 'wasm',
 *   onProgress: (plane, e) => e.type === 'line' && console.log(`[${plane}] ${e.text}`) });
 * console.log(results.sagittal?.bestValAuc, results.axial?.bestValAuc);
 * ```
 */
export async function trainPlanes(options: TrainPlanesOptions): Promise<Partial<Record<Plane, TrainResult>>> {
  const o = parseOptions('trainPlanes', schema, options);
  const url = planeWorkerUrl();
  const { planes, backend, onProgress, signal, ...rest } = o;
  // Input problems surface here, before any worker starts its engine.
  for (const split of ['train', 'valid'] as const) await openMRNetDataset(o.dataRoot, { split, task: o.task });
  if (o.resume) {
    for (const plane of planes) {
      const file = resumeFilePath(o.modelsDir, o.task, plane);
      if (!existsSync(file)) throw new NoResumeCheckpointError(`trainPlanes: no resume checkpoint at ${file} (nothing to resume for ${o.task}/${plane})`, file);
    }
  }
  prepareGpuEnvironment(); // the workers' webgpu engines read it from the process environment
  const workers = new Map<Plane, Worker>();
  const send = (w: Worker, m: ToWorker): void => w.postMessage(m);
  const abortAll = (): void => {
    for (const w of workers.values()) send(w, { type: 'abort' });
  };
  signal?.addEventListener('abort', abortAll, { once: true });

  const runs = planes.map(
    (plane) =>
      new Promise<TrainResult>((resolve, reject) => {
        const w = new Worker(url, { execArgv: workerExecArgv() });
        workers.set(plane, w);
        let settled = false;
        w.on('message', (m: FromWorker) => {
          if (m.type === 'event') onProgress?.(plane, m.event);
          // Each worker starts its own engine: its backend line is reported as that plane's line.
          else if (m.type === 'backend') onProgress?.(plane, { type: 'line', text: m.line });
          else if (m.type === 'result') {
            settled = true;
            resolve({ ...m.result, weights: m.weights });
          } else if (m.type === 'error') {
            settled = true;
            reject(reviveError(m.error, PLANE_WORKER_ERRORS));
          }
        });
        w.on('error', (e) => {
          settled = true;
          reject(e);
        });
        w.on('exit', (code) => {
          if (!settled) reject(new Error(`trainPlanes: the ${plane} worker exited with code ${code} before finishing`));
        });
        const wOptions: WorkerTrainOptions = { ...(rest as Omit<WorkerTrainOptions, 'plane'>), plane };
        send(w, { type: 'train', options: wOptions, backend });
        if (signal?.aborted) send(w, { type: 'abort' });
      }),
  );
  // The first failure interrupts the other planes (they stay resumable).
  for (const p of runs) p.catch(abortAll);
  const settled = await Promise.allSettled(runs);
  signal?.removeEventListener('abort', abortAll);
  await Promise.all([...workers.values()].map((w) => w.terminate()));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const out: Partial<Record<Plane, TrainResult>> = {};
  planes.forEach((p, i) => (out[p] = (settled[i] as PromiseFulfilledResult<TrainResult>).value));
  return out;
}
