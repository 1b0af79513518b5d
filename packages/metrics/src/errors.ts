// @mrnet/metrics depends on nothing; it marks its errors as input errors with the registered
// symbol that @mrnet/options' `markInputError` sets, so `instanceof InputError` is true for them.
const INPUT_BRAND = Symbol.for('mrnet.input-error');
function brandAsInput(e: Error): void {
  Object.defineProperty(e, INPUT_BRAND, { value: true, enumerable: false, configurable: true });
}

/**
 * Typed errors of `@mrnet/metrics`. Each names the function and the offending value, so that
 * callers (the training loop, the `mrnet` CLI) can tell bad input apart from an undefined metric.
 */

/**
 * A metric that is mathematically undefined for the given input, e.g. a ROC AUC over labels of a
 * single class (scikit-learn raises `ValueError` there; the seed's training loop logs 0.5).
 *
 * @example
 * ```ts
 * import { rocAucScore, UndefinedMetricError } from '@mrnet/metrics';
 * let auc: number;
 * try {
 *   auc = rocAucScore([1, 1], [0.2, 0.9]);
 * } catch (e) {
 *   if (!(e instanceof UndefinedMetricError)) throw e;
 *   auc = 0.5; // what the seed logs
 * }
 * ```
 */
export class UndefinedMetricError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndefinedMetricError';
    brandAsInput(this);
  }
}

/**
 * Input that a metric cannot be computed from: lengths that differ, labels other than 0/1, or
 * scores that are NaN or infinite. Extends `RangeError` (a value of the right type but not a
 * usable value); `index` is the position of the first offending element, when there is one.
 *
 * @example
 * ```ts
 * import { rocAucScore, MetricInputError } from '@mrnet/metrics';
 * try {
 *   rocAucScore([0, 2], [0.1, 0.3]);
 * } catch (e) {
 *   if (e instanceof MetricInputError) console.error(e.message); // "rocAucScore: yTrue[1] = 2 ..."
 * }
 * ```
 */
export class MetricInputError extends RangeError {
  /** Index of the first offending element, or `undefined` when the problem is not one element. */
  readonly index: number | undefined;

  constructor(message: string, index?: number) {
    super(message);
    this.name = 'MetricInputError';
    brandAsInput(this);
    this.index = index;
  }
}
