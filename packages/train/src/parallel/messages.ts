import type { BackendName, MRNetWeights } from '@mrnet/model';
import type { SerializedError } from '@mrnet/options';
import type { TrainEvent } from '../loop/train-events.js';
import type { TrainPlaneOptions } from '../loop/train-options.js';
import type { TrainResult } from '../loop/train-plane-model.js';

/** The options a plane worker receives (functions and signals cannot cross threads). @internal */
export type WorkerTrainOptions = Omit<TrainPlaneOptions, 'onProgress' | 'signal' | 'checkpointHook' | 'handlers'>;

/** Parent → worker. @internal */
export type ToWorker = { type: 'train'; options: WorkerTrainOptions; backend: BackendName } | { type: 'abort' };

/** Worker → parent. @internal */
export type FromWorker =
  | { type: 'backend'; backend: string; line: string }
  | { type: 'event'; event: TrainEvent }
  | { type: 'result'; result: Omit<TrainResult, 'weights'>; weights: MRNetWeights }
  | { type: 'error'; error: SerializedError };
