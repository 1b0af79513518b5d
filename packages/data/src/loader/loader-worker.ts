/**
 * Worker-thread entry of {@link createLoader}: reads and augments one series per request and
 * posts the `Float32Array` back with its buffer transferred (not copied). Loaded from `dist/` as
 * plain JavaScript. @internal
 */
import { parentPort } from 'node:worker_threads';
import { loadExam, type LoadRequest } from './load-exam.js';
import { serializeError } from '@mrnet/options';

/** Message from the loader to a worker. @internal */
export interface WorkerRequest extends LoadRequest {
  id: number;
}

const port = parentPort;
if (port === null) throw new Error('loader-worker: must run in a worker thread');

port.on('message', (msg: WorkerRequest) => {
  loadExam(msg).then(
    (v) => {
      // Transfer only a buffer that holds exactly this array (a view would drag the whole buffer).
      const data = v.data.byteOffset === 0 && v.data.byteLength === v.data.buffer.byteLength ? v.data : v.data.slice();
      port.postMessage({ id: msg.id, ok: true, data, shape: v.shape }, [data.buffer as ArrayBuffer]);
    },
    (e: unknown) => port.postMessage({ id: msg.id, ok: false, error: serializeError(e) }),
  );
});
