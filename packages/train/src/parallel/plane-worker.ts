/**
 * Worker-thread entry of {@link trainPlanes}: one plane per worker, with its own TensorFlow.js
 * engine (initBackend is called here). Loaded from `dist/` as plain JavaScript. @internal
 */
import { parentPort } from 'node:worker_threads';
import { describeBackend, initBackend } from '@mrnet/model';
import { trainPlaneModel } from '../loop/train-plane-model.js';
import { serializeError } from '@mrnet/options';
import type { FromWorker, ToWorker } from './messages.js';

const port = parentPort;
if (port === null) throw new Error('plane-worker: must run in a worker thread');
const ac = new AbortController();
const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'abort') {
    ac.abort();
    return;
  }
  void (async () => {
    try {
      const choice = await initBackend(msg.backend);
      post({ type: 'backend', backend: choice.backend, line: describeBackend(choice) });
      const { weights, ...result } = await trainPlaneModel({
        ...msg.options,
        signal: ac.signal,
        onProgress: (event) => post({ type: 'event', event }),
      });
      const buffers = [...weights.features.flatMap((c) => [c.kernel.buffer, c.bias.buffer]), weights.classifier.weight.buffer] as ArrayBuffer[];
      post({ type: 'result', result, weights }, buffers);
    } catch (e) {
      post({ type: 'error', error: serializeError(e) });
    } finally {
      port.close();
    }
  })();
});
