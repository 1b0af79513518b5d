import { ALEXNET_CONV_SPECS, MRNET_FEATURES } from '../network/specs.js';
import type { ConvWeights, MRNetWeights } from '../network/weights.js';
import { TorchCheckpointError } from './errors.js';
import { readTorchCheckpoint, type ReadTorchCheckpointOptions } from './read-torch-checkpoint.js';
import type { StateDict, TorchTensor } from './tensor.js';

/** Indices of the convolutions inside torchvision's `alexnet().features` Sequential. */
const CONV_INDICES = [0, 3, 6, 8, 10] as const;
/** Where the backbone's keys live: the seed's MRNet, torchvision's AlexNet, and both wrapped by `nn.DataParallel`. */
const FEATURE_PREFIXES = ['pretrained_model.features.', 'features.', 'module.pretrained_model.features.', 'module.features.'];
const HEAD_PREFIXES = ['classifer.', 'module.classifer.'];

/** OIHW (PyTorch conv weight) → HWIO (TensorFlow.js conv kernel). */
function oihwToHwio(t: TorchTensor): Float32Array {
  const [o, i, h, w] = t.shape as [number, number, number, number];
  const out = new Float32Array(t.data.length);
  const src = t.data;
  for (let oo = 0; oo < o; oo++) {
    for (let ii = 0; ii < i; ii++) {
      for (let hh = 0; hh < h; hh++) {
        for (let ww = 0; ww < w; ww++) out[((hh * w + ww) * i + ii) * o + oo] = src[((oo * i + ii) * h + hh) * w + ww]!;
      }
    }
  }
  return out;
}

function expectShape(path: string, sd: StateDict, key: string, shape: number[]): TorchTensor {
  const t = sd.get(key);
  if (!t) throw new TorchCheckpointError(path, `missing tensor ${key}`);
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new TorchCheckpointError(path, `${key} has shape [${t.shape.join(', ')}], expected [${shape.join(', ')}]`);
  }
  return t;
}

/**
 * The five AlexNet convolutions of a state dict in TensorFlow.js layout (HWIO kernels). Keys are
 * looked up as the seed's MRNet (`pretrained_model.features.N.*`), torchvision's AlexNet
 * (`features.N.*`, its `classifier.*` ignored) or either under `module.` (DataParallel).
 *
 * @throws TorchCheckpointError naming the file and the missing or misshapen key.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readTorchCheckpoint, backboneWeightsFromStateDict } from '@mrnet/model';
 * const sd = readTorchCheckpoint(readFileSync('alexnet.pth'), { path: 'alexnet.pth' });
 * backboneWeightsFromStateDict(sd, 'alexnet.pth')[0]!.kernelShape; // [11, 11, 3, 64]
 * ```
 */
export function backboneWeightsFromStateDict(sd: StateDict, path = '<bytes>'): ConvWeights[] {
  const prefix = FEATURE_PREFIXES.find((p) => sd.has(`${p}0.weight`));
  if (prefix === undefined) {
    const some = [...sd.keys()].slice(0, 4).join(', ');
    throw new TorchCheckpointError(path, `no AlexNet features found (looked for ${FEATURE_PREFIXES.map((p) => `${p}0.weight`).join(', ')}; the file has ${some}${sd.size > 4 ? ', …' : ''})`);
  }
  return ALEXNET_CONV_SPECS.map((spec, n) => {
    const key = `${prefix}${CONV_INDICES[n]}`;
    const w = expectShape(path, sd, `${key}.weight`, [spec.outChannels, spec.inChannels, spec.kernel, spec.kernel]);
    const b = expectShape(path, sd, `${key}.bias`, [spec.outChannels]);
    return {
      kernel: oihwToHwio(w),
      kernelShape: [spec.kernel, spec.kernel, spec.inChannels, spec.outChannels],
      bias: b.data.slice(),
    };
  });
}

/**
 * All of MRNet's weights from a state dict of the seed's MRNet: the backbone (see
 * {@link backboneWeightsFromStateDict}) and the head `classifer.weight` `[1, 256]` /
 * `classifer.bias` `[1]` (the seed's misspelling).
 *
 * @throws TorchCheckpointError naming the file and the missing or misshapen key.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readTorchCheckpoint, mrnetWeightsFromStateDict } from '@mrnet/model';
 * const sd = readTorchCheckpoint(readFileSync('model_acl_sagittal.pth'), { path: 'model_acl_sagittal.pth' });
 * mrnetWeightsFromStateDict(sd, 'model_acl_sagittal.pth').classifier.weight.length; // 256
 * ```
 */
export function mrnetWeightsFromStateDict(sd: StateDict, path = '<bytes>'): MRNetWeights {
  const features = backboneWeightsFromStateDict(sd, path);
  const head = HEAD_PREFIXES.find((p) => sd.has(`${p}weight`));
  if (head === undefined) {
    throw new TorchCheckpointError(path, 'no MRNet head (classifer.weight / classifer.bias): an AlexNet-only checkpoint? use it with backboneWeightsFromCheckpoint');
  }
  const w = expectShape(path, sd, `${head}weight`, [1, MRNET_FEATURES]);
  const b = expectShape(path, sd, `${head}bias`, [1]);
  return { features, classifier: { weight: w.data.slice(), bias: b.data[0]! } };
}

/**
 * Reads a PyTorch checkpoint of the seed's MRNet — its `state_dict` or the whole pickled module
 * that `torch.save(mrnet, path)` writes — into {@link MRNetWeights} (HWIO kernels, in×out dense).
 *
 * @param bytes the `.pth` file's contents.
 * @throws TorchCheckpointError naming the file (format, dtype or missing/misshapen tensor).
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { createMRNet, mrnetWeightsFromCheckpoint } from '@mrnet/model';
 * const path = 'model_acl_sagittal.pth';
 * const net = createMRNet({ weights: mrnetWeightsFromCheckpoint(readFileSync(path), { path }) });
 * ```
 */
export function mrnetWeightsFromCheckpoint(bytes: Uint8Array, options: ReadTorchCheckpointOptions = {}): MRNetWeights {
  return mrnetWeightsFromStateDict(readTorchCheckpoint(bytes, options), options.path);
}

/**
 * Reads the AlexNet `features` (the backbone) of a PyTorch checkpoint: a torchvision AlexNet
 * `state_dict` (`classifier.*` ignored), or a seed MRNet checkpoint (its head ignored).
 *
 * @throws TorchCheckpointError naming the file.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { createMRNet, backboneWeightsFromCheckpoint } from '@mrnet/model';
 * const path = 'alexnet-owt-7be5be79.pth';
 * const net = createMRNet({ seed: 1, weights: { features: backboneWeightsFromCheckpoint(readFileSync(path), { path }) } });
 * ```
 */
export function backboneWeightsFromCheckpoint(bytes: Uint8Array, options: ReadTorchCheckpointOptions = {}): ConvWeights[] {
  return backboneWeightsFromStateDict(readTorchCheckpoint(bytes, options), options.path);
}
