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
