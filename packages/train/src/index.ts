/**
 * `@mrnet/train`: the seed's training procedure on TensorFlow.js — weighted BCE-with-logits, Adam
 * and ReduceLROnPlateau with PyTorch semantics, the seed's early stopping, TensorBoard event
 * files and a `metrics.jsonl` log.
 *
 * @packageDocumentation
 */
export * from './errors.js';
export * from './loss/weighted-bce-with-logits.js';
export * from './optim/adam.js';
export * from './schedule/reduce-lr-on-plateau.js';
export * from './early-stopping/early-stopping.js';
export { crc32c, maskedCrc32c } from './tensorboard/crc32c.js';
export type { ScalarValue, TensorBoardEvent } from './tensorboard/event.js';
export * from './tensorboard/event-file-writer.js';
export * from './tensorboard/read-event-file.js';
export * from './history/metrics-log.js';
export * from './loop/train-plane-model.js';
export type { TrainPlaneOptions } from './loop/train-options.js';
export type { TrainEvent, TrainStatus } from './loop/train-events.js';
export { TRAIN_PACKAGE_VERSION } from './loop/version.js';
export { bestModelDir, resumeFilePath } from './checkpoint/best-model.js';
export { NoResumeCheckpointError } from './checkpoint/resume-errors.js';
export { CURVES_FILE } from './loop/run-logs.js';
export type { EpochEndRecord, StepRecord, TrainContext, TrainHandler } from './engine/handler.js';
export { checkpointHandler } from './engine/handlers/checkpoint-handler.js';
export { consoleHandler } from './engine/handlers/console-handler.js';
export { curvesHandler } from './engine/handlers/curves-handler.js';
export { earlyStoppingHandler } from './engine/handlers/early-stopping-handler.js';
export { lrScheduleHandler } from './engine/handlers/lr-schedule-handler.js';
export { metricsJsonlHandler } from './engine/handlers/metrics-jsonl-handler.js';
export { tensorBoardHandler } from './engine/handlers/tensorboard-handler.js';
export { ProgressDisplay, type ProgressDisplayOptions, type ProgressStream } from './progress/progress-display.js';
export { trainPlanes, type TrainPlanesOptions } from './parallel/train-planes.js';
export { defaultComputeWorkers, workersPerPlane } from './parallel/compute-workers.js';
