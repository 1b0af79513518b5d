import type { z } from 'zod';

/**
 * Parses an options object with a zod schema at the package boundary. A value of the wrong type
 * throws `TypeError`, a value of the right type but out of range throws `RangeError`; both messages
 * name the function and the offending field. Internal helper, not re-exported.
 */
export function parseOptions<S extends z.ZodType>(fn: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'options';
  const received = field === 'options' ? value : pick(value, issue.path);
  const message = `${fn}: ${field}: ${issue.message} (got ${describe(received)})`;
  // An enum/literal given a value of another JS type (3 for 'none' | 'stanford') is a type error too.
  const expected = issue.code === 'invalid_value' ? (issue as { values?: unknown[] }).values ?? [] : [];
  // zod reports 1.5 for an int schema as invalid_type, but it is a number of the wrong value.
  const nonInteger = issue.code === 'invalid_type' && (issue as { expected?: string }).expected === 'int' && typeof received === 'number';
  const isType =
    (issue.code === 'invalid_type' && !nonInteger) ||
    issue.code === 'unrecognized_keys' ||
    (issue.code === 'invalid_value' && expected.length > 0 && !expected.some((v) => typeof v === typeof received));
  throw isType ? new TypeError(message) : new RangeError(message);
}

function pick(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null) return String(v);
  if (Array.isArray(v)) return `[${v.map(describe).join(', ')}]`;
  return typeof v;
}
