import { TorchCheckpointError } from './errors.js';

/**
 * A float32 tensor read from a PyTorch checkpoint, copied to a contiguous row-major array in
 * PyTorch's own layout (a conv weight is `[out, in, kh, kw]`, a linear weight `[out, in]`).
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readTorchCheckpoint, type TorchTensor } from '@mrnet/model';
 * const t: TorchTensor = readTorchCheckpoint(readFileSync('mrnet.pth'), { path: 'mrnet.pth' }).get('classifer.weight')!;
 * t.shape; // [1, 256]
 * ```
 */
export interface TorchTensor {
  /** Sizes, PyTorch order (`[]` for a 0-d tensor). */
  readonly shape: number[];
  /** The values, contiguous row-major. */
  readonly data: Float32Array;
}

/**
 * Tensor names (`pretrained_model.features.0.weight`, …) to tensors, in the file's order.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readTorchCheckpoint, type StateDict } from '@mrnet/model';
 * const sd: StateDict = readTorchCheckpoint(readFileSync('model.pth'), { path: 'model.pth' });
 * for (const [key, t] of sd) console.log(key, t.shape);
 * ```
 */
export type StateDict = Map<string, TorchTensor>;

/** A storage reference (`('storage', torch.FloatStorage, key, location, numel)`). @internal */
export interface StorageRef {
  readonly className: string;
  readonly dtype: string;
  readonly key: string;
  readonly numel: number;
}

/** Marks tensors built by the reader, so the object-graph walk can tell them from other values. @internal */
export class RebuiltTensor implements TorchTensor {
  constructor(
    readonly shape: number[],
    readonly data: Float32Array,
  ) {}
}

const STORAGE_DTYPES: Record<string, string> = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
  ComplexFloatStorage: 'complex64',
  ComplexDoubleStorage: 'complex128',
};

/** The dtype of a torch storage class name (`FloatStorage` → `float32`). @internal */
export function storageDtype(className: string): string {
  return STORAGE_DTYPES[className] ?? `unknown (${className})`;
}

function isIntArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => Number.isSafeInteger(x) && (x as number) >= 0);
}

/**
 * `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, …)`: copies the strided view of a
 * float32 storage into a contiguous array.
 *
 * @throws TorchCheckpointError for another dtype, a missing record or a view outside the storage.
 * @internal
 */
export function rebuildTensor(
  path: string,
  storage: unknown,
  offset: unknown,
  size: unknown,
  stride: unknown,
  records: Map<string, Uint8Array>,
  bigEndian: boolean,
): RebuiltTensor {
  const ref = storage as StorageRef;
  if (!ref || typeof ref !== 'object' || typeof ref.key !== 'string' || typeof ref.dtype !== 'string') {
    throw new TorchCheckpointError(path, 'tensor without a storage reference');
  }
  if (ref.dtype !== 'float32') {
    throw new TorchCheckpointError(
      path,
      `storage data/${ref.key} holds ${ref.dtype} (torch.${ref.className}); only float32 is supported: convert with model.float() before torch.save`,
    );
  }
  if (!Number.isSafeInteger(offset) || (offset as number) < 0 || !isIntArray(size) || !isIntArray(stride) || size.length !== stride.length) {
    throw new TorchCheckpointError(path, `tensor on data/${ref.key} has a malformed offset/size/stride`);
  }
  const record = records.get(ref.key);
  if (!record) throw new TorchCheckpointError(path, `storage record data/${ref.key} is missing from the archive`);
  const available = Math.floor(record.length / 4);
  if (available < ref.numel) {
    throw new TorchCheckpointError(path, `storage data/${ref.key} declares ${ref.numel} floats but holds ${record.length} bytes`);
  }
  const numel = size.reduce((a, b) => a * b, 1);
  const off = offset as number;
  if (numel > 2 ** 28) throw new TorchCheckpointError(path, `tensor [${size.join(', ')}] is too large (${numel} elements)`);
  if (numel > 0) {
    const last = off + size.reduce((a, s, i) => a + (s - 1) * stride[i]!, 0);
    if (last >= ref.numel) {
      throw new TorchCheckpointError(path, `tensor [${size.join(', ')}] at offset ${off} with stride [${stride.join(', ')}] reads past storage data/${ref.key} (${ref.numel} floats)`);
    }
  }
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
  const out = new Float32Array(numel);
  const rank = size.length;
  const index = new Array<number>(rank).fill(0);
  let src = off;
  for (let n = 0; n < numel; n++) {
    out[n] = view.getFloat32(src * 4, !bigEndian);
    for (let d = rank - 1; d >= 0; d--) {
      index[d] = index[d]! + 1;
      src += stride[d]!;
      if (index[d]! < size[d]!) break;
      src -= stride[d]! * size[d]!;
      index[d] = 0;
    }
  }
  return new RebuiltTensor([...size], out);
}
