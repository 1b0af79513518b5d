import { markInputError, StateFormatError } from '@mrnet/options';

/**
 * A value of the wrong type reached `@mrnet/stack` (an `X` that is not an array of number rows, a
 * label that is not a number). The message names the function and the offending value.
 *
 * @example
 * ```ts
 * import { LogisticRegression, StackTypeError } from '@mrnet/stack';
 * try { new LogisticRegression().fit('not a matrix' as never, [0, 1]); }
 * catch (e) { if (e instanceof StackTypeError) console.error(e.message); }
 * ```
 */
export class StackTypeError extends TypeError {
  override name = 'StackTypeError';
  constructor(message: string) {
    super(message);
    markInputError(this);
  }
}

/**
 * A value of the right type but outside what `@mrnet/stack` accepts: ragged or non-finite `X`,
 * labels other than 0/1, a single class, mismatched lengths, `C ≤ 0`. The message names the
 * function and the offending value.
 *
 * @example
 * ```ts
 * import { LogisticRegression, StackRangeError } from '@mrnet/stack';
 * try { new LogisticRegression().fit([[0], [1]], [1, 1]); }
 * catch (e) { if (e instanceof StackRangeError) console.error(e.message); } // single class
 * ```
 */
export class StackRangeError extends RangeError {
  override name = 'StackRangeError';
  constructor(message: string) {
    super(message);
    markInputError(this);
  }
}

/**
 * A serialised model (`LogisticRegression.fromJSON`, `StackedModel.fromJSON`) has the wrong format
 * tag, an unsupported version, or malformed fields. A {@link StateFormatError} (the one error type
 * of every saved-state envelope), so `instanceof StateFormatError` catches it too.
 *
 * @example
 * ```ts
 * import { StackedModel, StackFormatError } from '@mrnet/stack';
 * try { StackedModel.fromJSON({ format: 'something-else' }); }
 * catch (e) { if (e instanceof StackFormatError) console.error(e.message); }
 * ```
 */
export class StackFormatError extends StateFormatError {
  constructor(message: string, format = 'mrnet-stack') {
    super(message, format);
    this.name = 'StackFormatError';
  }
}

/**
 * A model was asked to predict (or serialise) before `fit` was called.
 *
 * @example
 * ```ts
 * import { LogisticRegression, NotFittedError } from '@mrnet/stack';
 * try { new LogisticRegression().predictProba([[1]]); }
 * catch (e) { if (e instanceof NotFittedError) console.error(e.message); }
 * ```
 */
export class NotFittedError extends Error {
  override name = 'NotFittedError';
}
