/**
 * `@mrnet/metrics`: ROC AUC equal to scikit-learn's, the seed's running AUC, a seeded bootstrap
 * confidence interval and the ROC curve. Plain arrays in, numbers out: no TensorFlow.js.
 *
 * @packageDocumentation
 */
export * from './errors.js';
export type { NumericArray } from './auc/validate.js';
export * from './auc/roc-auc-score.js';
export * from './auc/roc-curve.js';
export * from './auc/running-auc.js';
export * from './bootstrap/bootstrap-auc-ci.js';
