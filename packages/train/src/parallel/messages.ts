import type { BackendName, MRNetWeights } from '@mrnet/model';
import type { TrainEvent } from '../loop/train-events.js';
import type { TrainPlaneOptions } from '../loop/train-options.js';
import type { TrainResult } from '../loop/train-plane-model.js';

/** The options a plane worker receives (functions and signals cannot cross threads). @internal */
export type WorkerTrainOptions = Omit<TrainPlaneOptions, 'onProgress' | 'signal' | 'checkpointHook'>;

/** Parent → worker. @internal */
export type ToWorker = { type: 'train'; options: WorkerTrainOptions; backend: BackendName } | { type: 'abort' };

/** An error as plain data: name, message and the typed fields our errors carry. @internal */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  props: Record<string, unknown>;
}

/** Worker → parent. @internal */
export type FromWorker =
  | { type: 'backend'; backend: string; line: string }
  | { type: 'event'; event: TrainEvent }
  | { type: 'result'; result: Omit<TrainResult, 'weights'>; weights: MRNetWeights }
  | { type: 'error'; error: SerializedError };

/** @internal */
export function serializeError(e: unknown): SerializedError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), props: {} };
  const props: Record<string, unknown> = {};
  for (const k of ['path', 'problems', 'code', 'format', 'url']) {
    const v = (e as unknown as Record<string, unknown>)[k];
    if (v !== undefined) props[k] = structuredClone(v);
  }
  return { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}), props };
}

/** Rebuilds an error with the same name, message and fields (`instanceof` the built-in classes only). @internal */
export function reviveError(s: SerializedError): Error {
  const Ctor = s.name === 'TypeError' ? TypeError : s.name === 'RangeError' ? RangeError : Error;
  const e = new Ctor(s.message);
  if (e.name !== s.name) e.name = s.name;
  Object.assign(e, s.props);
  if (s.stack) e.stack = s.stack;
  return e;
}
