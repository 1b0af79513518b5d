/** Messages between a {@link SliceParallelMRNet} and its slice workers. @internal */

/** Shared buffers of one pool; re-sent (`type: 'buffers'`) when the exam buffers grow. @internal */
export interface SliceBuffers {
  /** All 12 variables, flat ({@link mrnetParamLayout}); written by the coordinator. */
  weights: SharedArrayBuffer;
  /** `workers × featureTotal` floats: each worker's gradient of the convolution variables. */
  grads: SharedArrayBuffer;
  /** Int32 per worker: 0 = waiting, 1 = upstream gradient ready, 2 = abandon the step. */
  control: SharedArrayBuffer;
  /** The exam, `[slices, H, W]` floats. */
  input: SharedArrayBuffer;
  /** Pooled features `[slices, 256]` (written by the workers, each its rows). */
  pooled: SharedArrayBuffer;
  /** Upstream gradient of the pooled features `[slices, 256]` (written by the coordinator). */
  dPooled: SharedArrayBuffer;
}

/** Values of a worker's control cell. @internal */
export const CONTROL = { WAIT: 0, GO: 1, ABANDON: 2 } as const;

/** Coordinator → worker. @internal */
export type ToSliceWorker =
  | { type: 'init'; index: number; backend: string; buffers: SliceBuffers; wasmThreads: number }
  | { type: 'buffers'; buffers: SliceBuffers }
  | { type: 'run'; mode: 'train' | 'infer' | 'features'; id: number; start: number; end: number; height: number; width: number; weightsVersion: number }
  | { type: 'crash'; when: 'forward' | 'backward' };

/** Worker → coordinator. @internal */
export type FromSliceWorker =
  | { type: 'ready'; backend: string }
  | { type: 'pooled'; id: number }
  | { type: 'features'; id: number; data: Float32Array; shape: number[] }
  | { type: 'grads'; id: number }
  | { type: 'abandoned'; id: number }
  | { type: 'error'; id: number; name: string; message: string; stack?: string };
