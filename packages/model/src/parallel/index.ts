export { SliceParallelMRNet, type SliceParallelOptions, type ExamVolume, type SliceStepResult } from './slice-parallel-mrnet.js';
export { SliceWorkerError } from './errors.js';
