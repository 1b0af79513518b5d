import * as dataErrors from '../errors.js';

/** An error flattened for `postMessage`: class name, message, stack and own data properties. @internal */
export interface SerializedError {
  name: string;
  message: string;
  stack: string | undefined;
  props: Record<string, unknown>;
}

/** Flattens an error (or anything thrown) so that it survives a worker boundary. @internal */
export function serializeError(e: unknown): SerializedError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), stack: undefined, props: {} };
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(e)) {
    if (key === 'name' || key === 'message' || key === 'stack') continue;
    const v = (e as unknown as Record<string, unknown>)[key];
    try {
      props[key] = structuredClone(v);
    } catch {
      props[key] = String(v);
    }
  }
  return { name: e.name, message: e.message, stack: e.stack, props };
}

const BUILTINS: Record<string, new (m?: string) => Error> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

function errorClass(name: string): (new (...args: never[]) => Error) | undefined {
  for (const v of Object.values(dataErrors)) {
    if (typeof v === 'function' && v.prototype instanceof Error && v.name === name) {
      return v as unknown as new (...args: never[]) => Error;
    }
  }
  return BUILTINS[name];
}

/**
 * Rebuilds an error serialised by {@link serializeError} as an instance of the same class (this
 * package's typed errors, or a built-in one), with its message, path and other properties. @internal
 */
export function reviveError(s: SerializedError): Error {
  const cls = errorClass(s.name) ?? Error;
  const e = Object.create(cls.prototype) as Error;
  Object.defineProperty(e, 'message', { value: s.message, writable: true, configurable: true });
  // Typed errors set `name` as an own property in their constructor; built-ins inherit it.
  if (e.name !== s.name) {
    Object.defineProperty(e, 'name', { value: s.name, writable: true, configurable: true, enumerable: true });
  }
  Object.defineProperty(e, 'stack', {
    value: s.stack ?? `${s.name}: ${s.message}`,
    writable: true,
    configurable: true,
  });
  for (const [k, v] of Object.entries(s.props)) {
    Object.defineProperty(e, k, { value: v, writable: true, configurable: true, enumerable: true });
  }
  return e;
}
