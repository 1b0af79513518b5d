/**
 * `@mrnet/metrics`: ROC AUC equal to scikit-learn's, the seed's running AUC, the ROC curve, the
 * rates clinicians read at a threshold (sensitivity, specificity, accuracy, PPV, NPV, confusion
 * matrix), Youden's J operating point, and seeded bootstrap confidence intervals for each. Plain
 * arrays in, numbers out: no TensorFlow.js, no Node modules.
 *
 * @packageDocumentation
 */
export * from './errors.js';
export type { NumericArray } from './auc/validate.js';
export * from './auc/roc-auc-score.js';
export * from './auc/roc-curve.js';
export * from './auc/running-auc.js';
export type { BootstrapOptions } from './bootstrap/options.js';
export * from './bootstrap/bootstrap-auc-ci.js';
export * from './bootstrap/bootstrap-threshold-ci.js';
export { confusionMatrix, type ConfusionMatrix } from './threshold/confusion-matrix.js';
export { RATE_NAMES, thresholdMetrics, type RateName, type ThresholdMetrics } from './threshold/threshold-metrics.js';
export * from './threshold/youden-point.js';
export * from './report/split-reliability.js';
export * from './report/evaluate-scorer.js';
