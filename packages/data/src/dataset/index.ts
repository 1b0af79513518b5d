export { classWeightsFromLabels } from './class-weights.js';
export { inspectDataset, type DatasetInspection, type PlaneSummary, type SplitSummary, type TaskSummary } from './inspect-dataset.js';
export { parseLabelCsv, readLabelCsv, type LabelRow } from './label-csv.js';
export { examFileName, examPlanePath, labelCsvPath } from './layout.js';
export { openMRNetDataset, type ExamItem, type MRNetDataset, type OpenMRNetDatasetOptions } from './open-dataset.js';
export { readExam, readExamPlane } from './read-exam.js';
