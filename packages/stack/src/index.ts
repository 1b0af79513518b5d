/**
 * `@mrnet/stack`: the MRNet stacking stage. A logistic regression equal to scikit-learn's defaults,
 * and the stacked meta-model over the three plane models' probabilities.
 *
 * @packageDocumentation
 */
export { NotFittedError, StackFormatError, StackRangeError, StackTypeError } from './errors.js';
export {
  LOGISTIC_REGRESSION_FORMAT,
  LogisticRegression,
  type LogisticRegressionJSON,
  type LogisticRegressionOptions,
} from './logistic-regression.js';
export {
  STACKED_MODEL_FORMAT,
  StackedModel,
  stackedModelSchema,
  type PlaneProbabilities,
  type StackedModelInfo,
  type StackedModelJSON,
} from './stacked-model.js';
export { PredictionError } from './extract/prediction-error.js';
export { parsePlaneModelDir, planeModelDir, predictionsPaths, stackedModelPath } from './extract/layout.js';
export { hashModelDir, hashPlaneModel, MissingModelError } from './extract/model-hash.js';
export { PREDICTIONS_CSV_HEADER, formatPredictionsCsv, parsePredictionsCsv, type PredictionRow } from './extract/predictions-csv.js';
export {
  extractPredictions,
  type ExtractPredictionsOptions,
  type ExtractProgress,
  type ExtractedPredictions,
  type SplitPredictions,
} from './extract/extract-predictions.js';
export { fitStack, type FitStackOptions, type ScorerAuc, type StackReport } from './stacking/fit-stack.js';
export { resolveExamFiles } from './stacking/exam-files.js';
export { predictExam, predictExams, type ExamPrediction, type PredictExamOptions, type PredictExamsOptions, type TaskPrediction } from './stacking/predict-exam.js';
