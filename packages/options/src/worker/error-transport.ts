import { InputError, isInputError, markInputError } from '../errors/input-error.js';

/**
 * An error flattened for `postMessage` across `worker_threads`: class name, message, stack, every
 * own data field (`path`, `format`, `problems`, `code`, …), its `cause` (flattened the same way)
 * and whether it was an input error.
 *
 * @example
 * ```ts
 * import { serializeError, type SerializedError } from '@mrnet/options';
 * const s: SerializedError = serializeError(new RangeError('bad'));
 * s.name; // 'RangeError'
 * ```
 */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** The error's own enumerable fields, each passed through `structuredClone` (or `String`). */
  props: Record<string, unknown>;
  cause?: SerializedError;
  /** True when the error was an {@link InputError} (or branded one) on the sending side. */
  input?: boolean;
}

/**
 * Flattens an error (or anything thrown) so that it survives a worker boundary. Use it in the
 * worker; rebuild with {@link reviveError} in the parent.
 *
 * @example
 * ```ts
 * import { serializeError } from '@mrnet/options';
 * import { parentPort } from 'node:worker_threads';
 * try { throw new Error('boom'); } catch (e) { parentPort?.postMessage({ type: 'error', error: serializeError(e) }); }
 * ```
 */
export function serializeError(e: unknown, depth = 0): SerializedError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), props: {} };
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(e)) {
    if (key === 'name' || key === 'message' || key === 'stack' || key === 'cause') continue;
    const v = (e as unknown as Record<string, unknown>)[key];
    try {
      props[key] = structuredClone(v);
    } catch {
      props[key] = String(v);
    }
  }
  const s: SerializedError = { name: e.name, message: e.message, props };
  if (e.stack !== undefined) s.stack = e.stack;
  if (isInputError(e)) s.input = true;
  if (e.cause !== undefined && depth < 8) s.cause = serializeError(e.cause, depth + 1);
  return s;
}

const BUILTINS: readonly (abstract new (...args: never[]) => Error)[] = [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];

/**
 * Rebuilds an error serialised by {@link serializeError}: an instance of the class of the same
 * name among `classes` (pass your package's error classes) or the built-ins, with its message,
 * stack, fields and cause. An input error whose class is not known here becomes an
 * {@link InputError} (so the CLI still exits 2); anything else unknown becomes an `Error` with the
 * original `name`.
 *
 * @param classes - Error classes to revive by name (e.g. `Object.values(await import('./errors.js'))`).
 * @example
 * ```ts
 * import { reviveError, serializeError } from '@mrnet/options';
 * class DatasetError extends Error { constructor(m: string) { super(m); this.name = 'DatasetError'; } }
 * const e = reviveError(serializeError(new DatasetError('no train/')), [DatasetError]);
 * e instanceof DatasetError; // true
 * ```
 */
export function reviveError(s: SerializedError, classes: readonly unknown[] = []): Error {
  const own = classes.find((c): c is abstract new (...args: never[]) => Error => typeof c === 'function' && c.prototype instanceof Error && c.name === s.name);
  const cls = own ?? BUILTINS.find((c) => c.name === s.name) ?? (s.input ? InputError : Error);
  const e = Object.create(cls.prototype as object) as Error;
  const define = (k: string, value: unknown, enumerable = false): void => {
    Object.defineProperty(e, k, { value, writable: true, configurable: true, enumerable });
  };
  define('message', s.message);
  // Typed errors set `name` as an own property in their constructor; built-ins inherit it.
  if (e.name !== s.name || own !== undefined) define('name', s.name, true);
  define('stack', s.stack ?? `${s.name}: ${s.message}`);
  if (s.cause !== undefined) define('cause', reviveError(s.cause, classes));
  for (const [k, v] of Object.entries(s.props)) define(k, v, true);
  if (s.input && !(e instanceof InputError)) markInputError(e);
  return e;
}
