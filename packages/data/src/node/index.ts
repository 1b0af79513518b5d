/**
 * `@mrnet/data/node`: the Node-only half of `@mrnet/data` — reading and writing files, the
 * MRNet-v1.0 folder layout on disk, dataset inspection, the worker-thread loader and the synthetic
 * dataset writer. The main entry `@mrnet/data` stays free of `node:` modules, so a web page can
 * bundle it (and `@mrnet/model`) as is.
 *
 * @packageDocumentation
 */
export { readNpyFile, readNpyFileHeader, type NpyFileHeader } from '../npy/read-npy-file.js';
export { writeNpyFile } from '../npy/write-npy-file.js';
export { readVolumeFile } from '../volume/read-volume-file.js';
export { inspectDataset, type DatasetInspection, type PlaneSummary, type SplitSummary, type TaskSummary } from '../dataset/inspect-dataset.js';
export { readLabelCsv } from '../dataset/read-label-csv.js';
export { examPlanePath, labelCsvPath } from '../dataset/paths.js';
export { openMRNetDataset, type ExamItem, type MRNetDataset, type OpenMRNetDatasetOptions } from '../dataset/open-dataset.js';
export { readExam, readExamPlane } from '../dataset/read-exam.js';
export * from '../loader/index.js';
export {
  generateSyntheticMRNet,
  SYNTHETIC_GENERATOR_VERSION,
  type PlaneLesion,
  type SyntheticLesionFile,
  type SyntheticOptions,
  type SyntheticSplitSummary,
  type SyntheticSummary,
} from '../synthetic/generate-synthetic.js';
export * from '../workers/index.js';
// DICOM/NIfTI import: file walking and writing.
export * from '../import/node/read-dicom-folder.js';
export * from '../import/node/write-exam.js';
export * from '../import/node/import-batch.js';
