export { SliceParallelMRNet, sliceParallelSupported, type SliceParallelOptions, type ExamVolume, type SliceStepResult } from './slice-parallel-mrnet.js';
export { SliceWorkerError } from './errors.js';
export { startThreadedWasm } from './wasm-threads.js';
