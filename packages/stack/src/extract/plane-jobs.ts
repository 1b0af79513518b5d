import { Worker } from 'node:worker_threads';
import { compiledWorkerUrl, workerExecArgv, type Intensity, type Plane } from '@mrnet/data';
import type { BackendName } from '@mrnet/model';
import { predictPlaneGroups, type GroupProgress, type SeriesGroup } from './plane-predict.js';
import type { PredictJobMessage, PredictReplyMessage } from './predict-worker.js';
import { PredictionError } from './prediction-error.js';

/** One plane model to run over some groups of series. @internal */
export interface PlaneJob {
  plane: Plane;
  modelDir: string;
  groups: SeriesGroup[];
}

/** How {@link runPlaneJobs} runs. @internal */
export interface PlaneJobOptions {
  /** Worker threads (each with its own engine); 0 runs inline on this thread's active backend. */
  workers: number;
  /** Backend each worker initialises. */
  backend: BackendName;
  intensity: Intensity | undefined;
  /** Threads each exam's slices are split over, per plane job (1: the job's thread alone). Default 1. */
  sliceWorkers?: number;
  onProgress?: (p: GroupProgress & { plane: Plane }) => void;
}

/** The compiled prediction worker (see `compiledWorkerUrl` in @mrnet/data). @internal */
export function predictWorkerUrl(): URL {
  return compiledWorkerUrl(import.meta.url, 'predict-worker.js', 'extractPredictions', 'npx tsc -b packages/stack/tsconfig.lib.json');
}


/** Rebuilds an error posted by a worker, keeping its class name, message and path. */
function revive(e: { name: string; message: string; path: string | undefined; stack: string | undefined }): Error {
  const err = e.name === 'PredictionError' ? new PredictionError(e.message, { path: e.path }) : new Error(e.message);
  if (err.name !== e.name) Object.defineProperty(err, 'name', { value: e.name, writable: true, configurable: true, enumerable: true });
  if (e.path !== undefined && !(err instanceof PredictionError)) Object.defineProperty(err, 'path', { value: e.path, enumerable: true });
  if (e.stack) err.stack = e.stack;
  return err;
}

/**
 * Runs plane jobs, each loading its model once and scoring its groups in order: inline when
 * `workers` is 0, else on `min(workers, jobs)` worker threads (one job at a time each, so the three
 * planes run in parallel with 3 workers). Resolves with each plane's probabilities by group name;
 * the first failure rejects (and stops the workers). @internal
 */
export async function runPlaneJobs(jobs: readonly PlaneJob[], options: PlaneJobOptions): Promise<Partial<Record<Plane, Record<string, number[]>>>> {
  const out: Partial<Record<Plane, Record<string, number[]>>> = {};
  if (options.workers === 0) {
    for (const job of jobs) {
      out[job.plane] = await predictPlaneGroups(job.modelDir, job.groups, options.intensity, (p) => options.onProgress?.({ plane: job.plane, ...p }), options.sliceWorkers ?? 1);
    }
    return out;
  }
  const url = predictWorkerUrl();
  const queue = [...jobs];
  const workers: Worker[] = [];
  let failed = false;
  const runOn = async (worker: Worker): Promise<void> => {
    for (let job = queue.shift(); job !== undefined && !failed; job = queue.shift()) {
      const j = job;
      out[j.plane] = await new Promise<Record<string, number[]>>((resolve, reject) => {
        const onMessage = (m: PredictReplyMessage): void => {
          if (m.type === 'progress') options.onProgress?.({ plane: j.plane, name: m.name, done: m.done, total: m.total });
          else {
            worker.off('message', onMessage).off('error', reject).off('exit', onExit);
            if (m.type === 'done') resolve(m.result);
            else reject(revive(m.error));
          }
        };
        const onExit = (code: number): void => reject(new Error(`extractPredictions: ${j.plane} worker exited with code ${code}`));
        worker.on('message', onMessage).on('error', reject).on('exit', onExit);
        const msg: PredictJobMessage = { id: 0, backend: options.backend, modelDir: j.modelDir, groups: j.groups, intensity: options.intensity, sliceWorkers: options.sliceWorkers ?? 1 };
        worker.postMessage(msg);
      });
    }
  };
  try {
    const n = Math.max(1, Math.min(options.workers, jobs.length));
    for (let i = 0; i < n; i++) workers.push(new Worker(url, { execArgv: workerExecArgv() }));
    await Promise.all(
      workers.map((w) =>
        runOn(w).catch((e: unknown) => {
          failed = true;
          throw e;
        }),
      ),
    );
    return out;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
