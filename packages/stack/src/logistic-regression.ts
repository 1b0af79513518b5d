import { z } from 'zod';
import { NotFittedError, StackFormatError } from './errors.js';
import { fitNewton, sigmoid } from './newton.js';
import { parseOptions } from './options.js';
import { checkLabels, checkMatrix, type Rows } from './validate.js';

/**
 * Options of {@link LogisticRegression}; every field has scikit-learn's default.
 *
 * @example
 * ```ts
 * import { LogisticRegression, type LogisticRegressionOptions } from '@mrnet/stack';
 * const options: LogisticRegressionOptions = { C: 0.5, maxIter: 200, tol: 1e-8, fitIntercept: true };
 * const lr = new LogisticRegression(options);
 * ```
 */
export interface LogisticRegressionOptions {
  /** Inverse of the L2 regularisation strength, > 0. Default 1. */
  C?: number;
  /** Most Newton iterations, a positive integer. Default 100. */
  maxIter?: number;
  /**
   * Convergence tolerance, > 0. Default 1e-4 (scikit-learn's). Newton's method converges
   * quadratically, so the solver goes well past it: it stops once a step moves no parameter by
   * more than `tol · 1e-8 · (1 + max|θ|)`, i.e. at the optimum to double precision.
   */
  tol?: number;
  /** Fit an (unpenalised) intercept. Default true. */
  fitIntercept?: boolean;
}

const optionsSchema = z
  .object({
    C: z.number().positive().finite().default(1),
    maxIter: z.number().int().positive().default(100),
    tol: z.number().positive().finite().default(1e-4),
    fitIntercept: z.boolean().default(true),
  })
  .strict();

/**
 * The format tag of a serialised {@link LogisticRegression}.
 *
 * @example
 * ```ts
 * import { LOGISTIC_REGRESSION_FORMAT, LogisticRegression } from '@mrnet/stack';
 * const lr = new LogisticRegression().fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
 * lr.toJSON().format === LOGISTIC_REGRESSION_FORMAT; // true
 * ```
 */
export const LOGISTIC_REGRESSION_FORMAT = 'mrnet-logistic-regression';

const jsonSchema = z.object({
  format: z.literal(LOGISTIC_REGRESSION_FORMAT),
  version: z.literal(1),
  options: z.object({
    C: z.number().positive().finite(),
    maxIter: z.number().int().positive(),
    tol: z.number().positive().finite(),
    fitIntercept: z.boolean(),
  }),
  coef: z.array(z.number().finite()).min(1),
  intercept: z.number().finite(),
  nIter: z.number().int().nonnegative(),
  converged: z.boolean(),
});

/**
 * A fitted {@link LogisticRegression} as plain JSON (`toJSON()` / `LogisticRegression.fromJSON`).
 * @interface
 *
 * @example
 * ```ts
 * import { LogisticRegression, type LogisticRegressionJSON } from '@mrnet/stack';
 * const json: LogisticRegressionJSON = new LogisticRegression().fit([[0], [1], [2], [3]], [0, 0, 1, 1]).toJSON();
 * const again = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(json)));
 * ```
 */
export type LogisticRegressionJSON = z.infer<typeof jsonSchema>;

/**
 * Binary L2-regularised logistic regression equal to scikit-learn's `LogisticRegression()` with its
 * defaults: it minimises `C · Σᵢ logloss(yᵢ, xᵢ·w + b) + ½‖w‖²` with the intercept `b`
 * unpenalised. Solved by Newton's method with a line search to the exact optimum, so `coef` and
 * `intercept` equal scikit-learn's `coef_[0]` and `intercept_[0]` up to lbfgs's own stopping error
 * (checked against fixtures from `scripts/fixtures/make_stack_fixtures.py`).
 *
 * Labels are 0/1 and both classes must occur. Wrong types throw `TypeError`
 * ({@link StackTypeError}); ragged or non-finite `X`, non-binary or single-class `y`, mismatched
 * lengths and out-of-range options throw `RangeError` ({@link StackRangeError}).
 *
 * @example
 * ```ts
 * import { LogisticRegression } from '@mrnet/stack';
 * const X = [[0.1, 0.2, 0.3], [0.9, 0.7, 0.8], [0.2, 0.4, 0.1], [0.8, 0.9, 0.6]];
 * const y = [0, 1, 0, 1];
 * const lr = new LogisticRegression({ C: 1 }).fit(X, y);
 * lr.coef;                          // 3 coefficients, like sklearn's coef_[0]
 * lr.predictProba([[0.7, 0.8, 0.9]]); // [P(y = 1)]
 * ```
 */
export class LogisticRegression {
  /** The parsed options, defaults filled in. */
  readonly options: Readonly<Required<LogisticRegressionOptions>>;
  private fitted: { coef: number[]; intercept: number; nIter: number; converged: boolean } | undefined;

  /**
   * @param options - `{ C = 1, maxIter = 100, tol = 1e-4, fitIntercept = true }`.
   * @example
   * ```ts
   * const lr = new LogisticRegression({ C: 0.1, fitIntercept: true });
   * ```
   */
  constructor(options: LogisticRegressionOptions = {}) {
    this.options = Object.freeze(parseOptions('LogisticRegression', optionsSchema, options));
  }

  /**
   * Fits the model to `X` (`n × p`, finite numbers) and 0/1 labels `y` (length `n`, both classes).
   *
   * @returns `this`, fitted.
   * @example
   * ```ts
   * const lr = new LogisticRegression().fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
   * ```
   */
  fit(X: Rows, y: ArrayLike<number>): this {
    const p = checkMatrix('LogisticRegression.fit', X);
    checkLabels('LogisticRegression.fit', y, X.length);
    const { C, maxIter, tol, fitIntercept } = this.options;
    const r = fitNewton(X, y, C, fitIntercept, maxIter, tol * 1e-8);
    this.fitted = {
      coef: Array.from(r.theta.subarray(0, p)),
      intercept: fitIntercept ? r.theta[p]! : 0,
      nIter: r.nIter,
      converged: r.converged,
    };
    return this;
  }

  /**
   * The coefficients, one per column of `X` (scikit-learn's `coef_[0]`).
   * @example
   * ```ts
   * new LogisticRegression().fit([[0], [1], [2], [3]], [0, 1, 0, 1]).coef; // [w]
   * ```
   */
  get coef(): number[] {
    return [...this.state('coef').coef];
  }

  /**
   * The intercept (scikit-learn's `intercept_[0]`); 0 when `fitIntercept` is false.
   * @example
   * ```ts
   * new LogisticRegression().fit([[0], [1], [2], [3]], [0, 1, 0, 1]).intercept;
   * ```
   */
  get intercept(): number {
    return this.state('intercept').intercept;
  }

  /**
   * Newton iterations the last `fit` took.
   * @example
   * ```ts
   * new LogisticRegression().fit([[0], [1], [2], [3]], [0, 1, 0, 1]).nIter; // a few
   * ```
   */
  get nIter(): number {
    return this.state('nIter').nIter;
  }

  /**
   * Whether the last `fit` reached the optimum within `maxIter` iterations (scikit-learn would
   * warn with a `ConvergenceWarning` otherwise).
   * @example
   * ```ts
   * new LogisticRegression().fit([[0], [1], [2], [3]], [0, 1, 0, 1]).converged; // true
   * ```
   */
  get converged(): boolean {
    return this.state('converged').converged;
  }

  /**
   * The linear score `x·w + b` of each row (scikit-learn's `decision_function`).
   * @example
   * ```ts
   * lr.decisionFunction([[1.5]]); // [logit]
   * ```
   */
  decisionFunction(X: Rows): number[] {
    const { coef, intercept } = this.state('decisionFunction');
    checkMatrix('LogisticRegression.decisionFunction', X, coef.length);
    return X.map((row) => {
      let s = intercept;
      for (let j = 0; j < coef.length; j++) s += coef[j]! * row[j]!;
      return s;
    });
  }

  /**
   * `P(y = 1)` for each row (scikit-learn's `predict_proba(X)[:, 1]`).
   * @example
   * ```ts
   * lr.predictProba([[1.5], [-2]]); // two probabilities in (0, 1)
   * ```
   */
  predictProba(X: Rows): number[] {
    this.state('predictProba');
    return this.decisionFunction(X).map(sigmoid);
  }

  /**
   * The predicted label of each row: 1 where the decision function is > 0, else 0 (as scikit-learn).
   * @example
   * ```ts
   * lr.predict([[1.5], [-2]]); // e.g. [1, 0]
   * ```
   */
  predict(X: Rows): number[] {
    this.state('predict');
    return this.decisionFunction(X).map((s) => (s > 0 ? 1 : 0));
  }

  /**
   * The fitted model as JSON, tagged `{ format: 'mrnet-logistic-regression', version: 1 }`.
   * @example
   * ```ts
   * const text = JSON.stringify(lr); // calls toJSON()
   * const again = LogisticRegression.fromJSON(JSON.parse(text));
   * ```
   */
  toJSON(): LogisticRegressionJSON {
    const f = this.state('toJSON');
    return {
      format: LOGISTIC_REGRESSION_FORMAT,
      version: 1,
      options: { ...this.options },
      coef: [...f.coef],
      intercept: f.intercept,
      nIter: f.nIter,
      converged: f.converged,
    };
  }

  /**
   * Restores a model written by `toJSON()`. Accepts the object or its JSON text; a wrong format tag,
   * an unknown version or malformed fields throw {@link StackFormatError}.
   * @example
   * ```ts
   * const lr = LogisticRegression.fromJSON(JSON.parse(fs.readFileSync('lr.json', 'utf8')));
   * ```
   */
  static fromJSON(json: unknown): LogisticRegression {
    const value = typeof json === 'string' ? parseText('LogisticRegression.fromJSON', json) : json;
    const result = jsonSchema.safeParse(value);
    if (!result.success) {
      throw new StackFormatError(`LogisticRegression.fromJSON: not a ${LOGISTIC_REGRESSION_FORMAT} v1 document: ${formatIssue(result.error)}`, LOGISTIC_REGRESSION_FORMAT);
    }
    const j = result.data;
    if (!j.options.fitIntercept && j.intercept !== 0) {
      throw new StackFormatError(`LogisticRegression.fromJSON: intercept is ${j.intercept} but fitIntercept is false`);
    }
    const lr = new LogisticRegression(j.options);
    lr.fitted = { coef: [...j.coef], intercept: j.intercept, nIter: j.nIter, converged: j.converged };
    return lr;
  }

  private state(what: string): { coef: number[]; intercept: number; nIter: number; converged: boolean } {
    if (this.fitted === undefined) throw new NotFittedError(`LogisticRegression.${what}: call fit() first`);
    return this.fitted;
  }
}

/** JSON.parse with a StackFormatError naming the caller. Internal. */
export function parseText(fn: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new StackFormatError(`${fn}: not JSON: ${(e as Error).message}`);
  }
}

/** The first zod issue as `path: message`. Internal. */
export function formatIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  return `${path}: ${issue.message}`;
}
