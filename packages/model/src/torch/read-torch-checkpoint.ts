import { z } from 'zod';
import { openTorchArchive } from './archive.js';
import { TorchCheckpointError } from './errors.js';
import { PyGlobal, PyObject, unpickle } from './pickle.js';
import { RebuiltTensor, rebuildTensor, storageDtype, type StateDict, type StorageRef } from './tensor.js';

/**
 * Options of {@link readTorchCheckpoint}.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readTorchCheckpoint, type ReadTorchCheckpointOptions } from '@mrnet/model';
 * const options: ReadTorchCheckpointOptions = { path: 'models/acl_sagittal.pth' };
 * readTorchCheckpoint(readFileSync(options.path!), options);
 * ```
 */
export interface ReadTorchCheckpointOptions {
  /** The file the bytes came from, named in errors. Default `'<bytes>'`. */
  path?: string;
}

const optionsSchema = z.object({ path: z.string().min(1).optional() }).strict();

/**
 * Reads the object graph of a `torch.save` file (zip format, PyTorch ≥ 1.6) without running any
 * Python: dicts are `Map`s, tensors {@link TorchTensor}s, unknown classes plain objects.
 * @internal
 */
export function loadTorchObject(bytes: Uint8Array, path: string): unknown {
  const archive = openTorchArchive(bytes, path);
  const { storages, bigEndian } = archive;
  return unpickle(archive.pickle, {
    path,
    persistentLoad: (pid): StorageRef => {
      if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length < 5 || !(pid[1] instanceof PyGlobal)) {
        throw new TorchCheckpointError(path, `unsupported persistent id ${JSON.stringify(String(pid))}`);
      }
      const [, cls, key, , numel] = pid as [string, PyGlobal, unknown, unknown, unknown];
      if (typeof key !== 'string' || !Number.isSafeInteger(numel) || (numel as number) < 0) {
        throw new TorchCheckpointError(path, 'malformed storage persistent id');
      }
      return { className: cls.name, dtype: storageDtype(cls.name), key, numel: numel as number };
    },
    call: (fn, args) => {
      switch (fn.qualifiedName) {
        case 'collections.OrderedDict':
          return new Map();
        case 'torch._utils._rebuild_tensor_v2':
        case 'torch._utils._rebuild_tensor':
          return rebuildTensor(path, args[0], args[1], args[2], args[3], storages, bigEndian);
        case 'torch._utils._rebuild_parameter':
        case 'torch._utils._rebuild_parameter_with_state':
          if (!(args[0] instanceof RebuiltTensor)) throw new TorchCheckpointError(path, 'a Parameter without tensor data');
          return args[0];
        case 'builtins.set':
        case '__builtin__.set':
        case 'builtins.frozenset':
          return new Set(Array.isArray(args[0]) ? args[0] : []);
        case 'copyreg._reconstructor':
        case 'copy_reg._reconstructor':
          return args[0] instanceof PyGlobal ? new PyObject(args[0], []) : undefined;
        default:
          return undefined;
      }
    },
  });
}

function moduleState(v: unknown): Map<unknown, unknown> | undefined {
  if (v instanceof PyObject && v.state instanceof Map && v.state.get('_parameters') instanceof Map && v.state.get('_modules') instanceof Map) {
    return v.state;
  }
  return undefined;
}

function collect(value: unknown, prefix: string, out: StateDict, seen: Set<unknown>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  const module = moduleState(value);
  if (module) {
    // an nn.Module pickled whole: the same names `module.state_dict()` would give
    const skip = module.get('_non_persistent_buffers_set');
    for (const part of ['_parameters', '_buffers'] as const) {
      const entries = module.get(part);
      if (!(entries instanceof Map)) continue;
      for (const [k, t] of entries) {
        if (t instanceof RebuiltTensor && !(part === '_buffers' && skip instanceof Set && skip.has(k))) out.set(`${prefix}${String(k)}`, t);
      }
    }
    for (const [k, child] of module.get('_modules') as Map<unknown, unknown>) collect(child, `${prefix}${String(k)}.`, out, seen);
    return;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      if (typeof k !== 'string' && typeof k !== 'number') continue;
      if (v instanceof RebuiltTensor) out.set(`${prefix}${k}`, v);
      else collect(v, `${prefix}${k}.`, out, seen);
    }
  }
}

/**
 * Reads the tensors of a PyTorch checkpoint written by `torch.save` (the zip format used since
 * PyTorch 1.6): a `state_dict` (possibly nested in a dict, e.g. `{'state_dict': …}`, keys joined
 * with dots), or a whole pickled `nn.Module` (its parameters and persistent buffers under the names
 * `state_dict()` would give, e.g. the seed's `pretrained_model.features.0.weight`). Nothing is
 * executed: unknown classes are read as plain objects. Storages must be float32.
 *
 * @param bytes the file's contents.
 * @returns tensor names to contiguous float32 tensors in PyTorch layout, in the file's order.
 * @throws TorchCheckpointError (naming the file) for a legacy (< 1.6) or TorchScript file, a
 *   corrupt/truncated archive or pickle, a non-float32 storage, or a file holding no tensors.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readTorchCheckpoint } from '@mrnet/model';
 * const sd = readTorchCheckpoint(readFileSync('alexnet-owt-7be5be79.pth'), { path: 'alexnet-owt-7be5be79.pth' });
 * sd.get('features.0.weight')?.shape; // [64, 3, 11, 11]
 * ```
 */
export function readTorchCheckpoint(bytes: Uint8Array, options: ReadTorchCheckpointOptions = {}): StateDict {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new TypeError(`readTorchCheckpoint: bad options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const path = parsed.data.path ?? '<bytes>';
  const root = loadTorchObject(bytes, path);
  const out: StateDict = new Map();
  collect(root, '', out, new Set());
  if (out.size === 0) {
    const what = root instanceof RebuiltTensor ? 'a single tensor' : root instanceof PyObject ? `a ${root.cls.qualifiedName}` : typeof root;
    throw new TorchCheckpointError(path, `holds no named tensors (found ${what}): expected a state_dict or a pickled nn.Module`);
  }
  return out;
}
