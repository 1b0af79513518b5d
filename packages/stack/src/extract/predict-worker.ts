/**
 * Worker-thread entry of the plane-prediction pool: initialises its own TensorFlow.js engine once
 * (the backend named in each request), then scores plane jobs one at a time. Loaded from `dist/` as
 * plain JavaScript. @internal
 */
import { parentPort } from 'node:worker_threads';
import { serializeError, type SerializedError } from '@mrnet/options';
import { describeBackend, initBackend, type BackendName } from '@mrnet/model';
import { predictPlaneGroups, type SeriesGroup } from './plane-predict.js';

/** A job sent to a prediction worker. @internal */
export interface PredictJobMessage {
  id: number;
  backend: BackendName;
  modelDir: string;
  groups: SeriesGroup[];
  /** Threads each exam's slices are split over (1: this worker alone). */
  sliceWorkers: number;
}

/** What a prediction worker posts back. @internal */
export type PredictReplyMessage =
  | { id: number; type: 'progress'; name: string; done: number; total: number }
  | { id: number; type: 'backend'; line: string }
  | { id: number; type: 'done'; result: Record<string, number[]>; backend: string }
  | { id: number; type: 'error'; error: SerializedError };

const port = parentPort;
if (port === null) throw new Error('predict-worker: must run in a worker thread');

let backend: Promise<string> | undefined;

port.on('message', (msg: PredictJobMessage) => {
  const reply = (m: PredictReplyMessage): void => port.postMessage(m);
  (async () => {
    if (backend === undefined) {
      // This worker's own engine: reported once, in one line (the backend actually used, and why).
      backend = initBackend(msg.backend).then((c) => {
        reply({ id: msg.id, type: 'backend', line: describeBackend(c) });
        return c.backend;
      });
    }
    const name = await backend;
    const result = await predictPlaneGroups(msg.modelDir, msg.groups, (p) => reply({ id: msg.id, type: 'progress', ...p }), msg.sliceWorkers);
    reply({ id: msg.id, type: 'done', result, backend: name });
  })().catch((e: unknown) => {
    reply({ id: msg.id, type: 'error', error: serializeError(e) });
  });
});
