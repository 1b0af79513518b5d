import { dump } from 'npyjs';
import { NPY_DTYPES, type NpyDtype, type NpyTypedArray } from './dtype.js';

function dtypeOfArray(array: unknown): NpyDtype | undefined {
  if (array instanceof Uint8Array || array instanceof Uint8ClampedArray) return 'u1';
  if (array instanceof Int8Array) return 'i1';
  if (array instanceof Uint16Array) return 'u2';
  if (array instanceof Int16Array) return 'i2';
  if (array instanceof Uint32Array) return 'u4';
  if (array instanceof Int32Array) return 'i4';
  if (array instanceof Float32Array) return 'f4';
  if (array instanceof Float64Array) return 'f8';
  return undefined;
}

/**
 * Encodes a typed array as `.npy` bytes (format 1.0, C order, native little-endian), through
 * npyjs's `dump`. `dtype` defaults to the array's own type; pass `'b1'` to write a `Uint8Array`
 * of 0/1 as booleans. Throws `TypeError` for an unsupported array or a dtype that does not match
 * it, and `RangeError` when `shape` is not a list of non-negative integers whose product is the
 * array's length.
 *
 * @example
 * ```ts
 * import { writeNpy } from '@mrnet/data';
 * const bytes = writeNpy(new Float32Array(2 * 3), [2, 3]); // np.load → float32 array of shape (2, 3)
 * ```
 */
export function writeNpy(array: NpyTypedArray | Uint8ClampedArray, shape: readonly number[], dtype?: NpyDtype): Uint8Array {
  const own = dtypeOfArray(array);
  if (own === undefined) {
    throw new TypeError(`writeNpy: unsupported array type ${Object.prototype.toString.call(array)} (use a typed array of ${NPY_DTYPES.join(', ')})`);
  }
  const kind = dtype ?? own;
  if (!(NPY_DTYPES as readonly string[]).includes(kind)) {
    throw new TypeError(`writeNpy: unsupported dtype ${JSON.stringify(kind)} (supported: ${NPY_DTYPES.join(', ')})`);
  }
  if (kind !== own && !(kind === 'b1' && own === 'u1')) {
    throw new TypeError(`writeNpy: dtype '${kind}' does not match the ${array.constructor.name} given (its dtype is '${own}')`);
  }
  if (!Array.isArray(shape)) throw new TypeError('writeNpy: shape must be an array of integers');
  let size = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`writeNpy: shape [${shape.join(', ')}] has an invalid dimension ${d}`);
    size *= d;
  }
  if (size !== array.length) {
    throw new RangeError(`writeNpy: shape ${shape.join('×') || '()'} holds ${size} elements but the array has ${array.length}`);
  }
  if (kind === 'b1') {
    for (let i = 0; i < array.length; i++) {
      if (array[i] !== 0 && array[i] !== 1) throw new RangeError(`writeNpy: b1 data must be 0 or 1, got ${array[i]} at index ${i}`);
    }
  }
  const source = array instanceof Uint8ClampedArray ? new Uint8Array(array.buffer, array.byteOffset, array.length) : array;
  return new Uint8Array(dump(source, [...shape], { dtype: kind }));
}
