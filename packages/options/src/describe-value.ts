/**
 * A short printable form of any value, for error messages: strings quoted, numbers, booleans,
 * `null` and `undefined` as themselves, short arrays element by element, longer ones (more than 6
 * items) as `array(n)`, typed arrays as `Float32Array(n)`, anything else as its `typeof`.
 *
 * @param v - Any value.
 * @returns The printable form.
 *
 * @example
 * ```ts
 * import { describeValue } from '@mrnet/options';
 * describeValue('jet');                  // '"jet"'
 * describeValue([1, 'a']);               // '[1, "a"]'
 * describeValue(new Array(10).fill(0));  // 'array(10)'
 * describeValue(new Float32Array(3));    // 'Float32Array(3)'
 * describeValue({ a: 1 });               // 'object'
 * ```
 */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null) return String(v);
  if (Array.isArray(v)) return v.length > 6 ? `array(${v.length})` : `[${v.map(describeValue).join(', ')}]`;
  if (v instanceof DataView) return `DataView(${v.byteLength})`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as unknown as ArrayLike<unknown>).length})`;
  return typeof v;
}
