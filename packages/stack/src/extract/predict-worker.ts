/**
 * Worker-thread entry of the plane-prediction pool: initialises its own TensorFlow.js engine once
 * (the backend named in each request), then scores plane jobs one at a time. Loaded from `dist/` as
 * plain JavaScript. @internal
 */
import { parentPort } from 'node:worker_threads';
import type { Intensity } from '@mrnet/data';
import { initBackend, type BackendName } from '@mrnet/model';
import { predictPlaneGroups, type SeriesGroup } from './plane-predict.js';

/** A job sent to a prediction worker. @internal */
export interface PredictJobMessage {
  id: number;
  backend: BackendName;
  modelDir: string;
  groups: SeriesGroup[];
  intensity: Intensity | undefined;
  /** Threads each exam's slices are split over (1: this worker alone). */
  sliceWorkers: number;
}

/** What a prediction worker posts back. @internal */
export type PredictReplyMessage =
  | { id: number; type: 'progress'; name: string; done: number; total: number }
  | { id: number; type: 'done'; result: Record<string, number[]>; backend: string }
  | { id: number; type: 'error'; error: { name: string; message: string; path: string | undefined; stack: string | undefined } };

const port = parentPort;
if (port === null) throw new Error('predict-worker: must run in a worker thread');

let backend: Promise<string> | undefined;

port.on('message', (msg: PredictJobMessage) => {
  const reply = (m: PredictReplyMessage): void => port.postMessage(m);
  (async () => {
    backend ??= initBackend(msg.backend).then((c) => c.backend);
    const name = await backend;
    const result = await predictPlaneGroups(msg.modelDir, msg.groups, msg.intensity, (p) => reply({ id: msg.id, type: 'progress', ...p }), msg.sliceWorkers);
    reply({ id: msg.id, type: 'done', result, backend: name });
  })().catch((e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    reply({ id: msg.id, type: 'error', error: { name: err.name, message: err.message, path: (err as { path?: string }).path, stack: err.stack } });
  });
});
