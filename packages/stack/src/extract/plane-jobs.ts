import { Worker } from 'node:worker_threads';
import { DatasetError, NpyFormatError, type Plane } from '@mrnet/data';
import { compiledWorkerUrl, workerExecArgv } from '@mrnet/data/node';
import { reviveError, StateFormatError } from '@mrnet/options';
import { BackendUnavailableError, ModelArtifactsError, ModelShapeError, prepareGpuEnvironment, type BackendName } from '@mrnet/model';
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
  /** Threads each exam's slices are split over, per plane job (1: the job's thread alone). Default 1. */
  sliceWorkers?: number;
  onProgress?: (p: GroupProgress & { plane: Plane }) => void;
  /** Called once per worker with the line describing the engine it started (see `describeBackend`). */
  onBackend?: (plane: Plane, line: string) => void;
}

/** The typed errors a prediction worker can throw, revived as the same classes in this thread. */
const STACK_ERRORS = [PredictionError, ModelArtifactsError, ModelShapeError, BackendUnavailableError, StateFormatError, NpyFormatError, DatasetError];

/** The compiled prediction worker (see `compiledWorkerUrl` in @mrnet/data). @internal */
export function predictWorkerUrl(): URL {
  return compiledWorkerUrl(import.meta.url, 'predict-worker.js', 'extractPredictions', 'npx tsc -b packages/stack/tsconfig.lib.json');
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
      out[job.plane] = await predictPlaneGroups(job.modelDir, job.groups, (p) => options.onProgress?.({ plane: job.plane, ...p }), options.sliceWorkers ?? 1);
    }
    return out;
  }
  const url = predictWorkerUrl();
  prepareGpuEnvironment(); // the workers' webgpu engines read it from the process environment
  const queue = [...jobs];
  const workers: Worker[] = [];
  let failed = false;
  const runOn = async (worker: Worker): Promise<void> => {
    for (let job = queue.shift(); job !== undefined && !failed; job = queue.shift()) {
      const j = job;
      out[j.plane] = await new Promise<Record<string, number[]>>((resolve, reject) => {
        const onMessage = (m: PredictReplyMessage): void => {
          if (m.type === 'progress') options.onProgress?.({ plane: j.plane, name: m.name, done: m.done, total: m.total });
          else if (m.type === 'backend') options.onBackend?.(j.plane, m.line);
          else {
            worker.off('message', onMessage).off('error', reject).off('exit', onExit);
            if (m.type === 'done') resolve(m.result);
            else reject(reviveError(m.error, STACK_ERRORS));
          }
        };
        const onExit = (code: number): void => reject(new Error(`extractPredictions: ${j.plane} worker exited with code ${code}`));
        worker.on('message', onMessage).on('error', reject).on('exit', onExit);
        const msg: PredictJobMessage = { id: 0, backend: options.backend, modelDir: j.modelDir, groups: j.groups, sliceWorkers: options.sliceWorkers ?? 1 };
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
