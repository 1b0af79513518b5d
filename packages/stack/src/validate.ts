import { StackRangeError, StackTypeError } from './errors.js';
import { describe } from './options.js';

/**
 * A design matrix: rows of equal length.
 * @inline
 */
export type Rows = ReadonlyArray<ArrayLike<number>>;

/**
 * Checks that `X` is a non-empty array of equally long, non-empty rows of finite numbers, with
 * `columns` columns when given. Returns the column count. Internal.
 */
export function checkMatrix(fn: string, X: unknown, columns?: number): number {
  if (!Array.isArray(X)) throw new StackTypeError(`${fn}: X must be an array of rows (got ${describe(X)})`);
  if (X.length === 0) throw new StackRangeError(`${fn}: X has no rows`);
  let p = -1;
  for (let i = 0; i < X.length; i++) {
    const row: unknown = X[i];
    const isRow = Array.isArray(row) || ArrayBuffer.isView(row);
    if (!isRow) throw new StackTypeError(`${fn}: X[${i}] must be an array of numbers (got ${describe(row)})`);
    const r = row as ArrayLike<unknown>;
    if (p < 0) {
      p = r.length;
      if (p === 0) throw new StackRangeError(`${fn}: X[0] has no columns`);
      if (columns !== undefined && p !== columns) {
        throw new StackRangeError(`${fn}: X has ${p} columns but the model was fitted on ${columns}`);
      }
    } else if (r.length !== p) {
      throw new StackRangeError(`${fn}: X is ragged: X[${i}] has ${r.length} columns, X[0] has ${p}`);
    }
    for (let j = 0; j < r.length; j++) {
      const v = r[j];
      if (typeof v !== 'number') throw new StackTypeError(`${fn}: X[${i}][${j}] must be a number (got ${describe(v)})`);
      if (!Number.isFinite(v)) throw new StackRangeError(`${fn}: X[${i}][${j}] must be finite (got ${v})`);
    }
  }
  return p;
}

/**
 * Checks that `y` holds `n` labels, each exactly 0 or 1, and both classes occur (scikit-learn
 * refuses a single class too). Internal.
 */
export function checkLabels(fn: string, y: unknown, n: number): void {
  if (!Array.isArray(y) && !ArrayBuffer.isView(y)) {
    throw new StackTypeError(`${fn}: y must be an array of 0/1 labels (got ${describe(y)})`);
  }
  const labels = y as ArrayLike<unknown>;
  if (labels.length !== n) {
    throw new StackRangeError(`${fn}: X has ${n} rows but y has ${labels.length} labels`);
  }
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (typeof v !== 'number') throw new StackTypeError(`${fn}: y[${i}] must be a number (got ${describe(v)})`);
    if (v !== 0 && v !== 1) throw new StackRangeError(`${fn}: y must be binary 0/1, but y[${i}] is ${v}`);
    positives += v;
  }
  if (positives === 0 || positives === n) {
    throw new StackRangeError(
      `${fn}: y holds a single class (all ${n} labels are ${positives === 0 ? 0 : 1}); ` +
        'logistic regression needs samples of both classes',
    );
  }
}
