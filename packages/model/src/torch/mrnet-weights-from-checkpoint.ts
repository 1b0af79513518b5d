import { ALEXNET_CONV_SPECS, MRNET_FEATURES } from '../network/specs.js';
import type { ConvWeights, MRNetWeights } from '../network/weights.js';
import { CONV_INDICES, oihwToHwio } from './conv-layout.js';
import { AlexNetOnlyCheckpointError, TorchCheckpointError } from './errors.js';
import { readTorchCheckpoint, type ReadTorchCheckpointOptions } from './read-torch-checkpoint.js';
import type { StateDict, TorchTensor } from './tensor.js';

/**
 * The keys under which training scripts commonly nest a state dict in the dict they save
 * (`torch.save({'model': net.state_dict(), 'epoch': …}, path)`), tried in this order after none.
 *
 * @example
 * ```ts
 * import { STATE_DICT_WRAPPER_KEYS } from '@mrnet/model';
 * STATE_DICT_WRAPPER_KEYS; // ['model', 'state_dict', 'model_state_dict']
 * ```
 */
export const STATE_DICT_WRAPPER_KEYS = Object.freeze(['model', 'state_dict', 'model_state_dict'] as const);
/** Where the backbone's keys live: the seed's MRNet and torchvision's AlexNet. */
const FEATURE_BASES = ['pretrained_model.features.', 'features.'];
/** Outer prefixes: none or a wrapper key, then none or `module.` (`nn.DataParallel`). */
const OUTER_PREFIXES = ['', ...STATE_DICT_WRAPPER_KEYS.map((k) => `${k}.`)].flatMap((w) => [w, `${w}module.`]);

/**
 * Where MRNet's (or AlexNet's) tensors sit in a state dict read by `readTorchCheckpoint`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readTorchCheckpoint, locateStateDict } from '@mrnet/model';
 * const found = locateStateDict(readTorchCheckpoint(readFileSync('ckpt.pth')));
 * if (found?.wrapperKey) console.error(`state_dict under '${found.wrapperKey}'`);
 * ```
 */
export interface StateDictLocation {
  /** The top-level key the state dict was nested under (`'model'`, `'state_dict'`, `'model_state_dict'`), or `undefined` when it was saved bare. */
  wrapperKey: string | undefined;
  /** Whether its keys carry `nn.DataParallel`'s `module.` prefix. */
  dataParallel: boolean;
  /** Everything before `classifer.` (wrapper and `module.` prefixes). @internal */
  outer: string;
  /** Everything before the convolution index of the backbone's keys (`outer` + `pretrained_model.features.` or `features.`). @internal */
  features: string;
}

/**
 * Finds the backbone's keys in a state dict: bare, or nested under one of
 * {@link STATE_DICT_WRAPPER_KEYS}, each with or without `module.`; `undefined` if none is there.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readTorchCheckpoint, locateStateDict } from '@mrnet/model';
 * locateStateDict(readTorchCheckpoint(readFileSync('ckpt.pth')))?.wrapperKey; // e.g. 'model_state_dict'
 * ```
 */
export function locateStateDict(sd: StateDict): StateDictLocation | undefined {
  for (const outer of OUTER_PREFIXES) {
    for (const base of FEATURE_BASES) {
      if (sd.has(`${outer}${base}0.weight`)) {
        const wrapperKey = STATE_DICT_WRAPPER_KEYS.find((k) => outer.startsWith(`${k}.`));
        return { wrapperKey, dataParallel: outer.endsWith('module.'), outer, features: `${outer}${base}` };
      }
    }
  }
  return undefined;
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
 * (`features.N.*`, its `classifier.*` ignored), either under `module.` (DataParallel), and all of
 * these nested under a wrapper key (`{'model': …}`, `{'state_dict': …}`, `{'model_state_dict': …}`;
 * see {@link locateStateDict}).
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
  const prefix = locateStateDict(sd)?.features;
  if (prefix === undefined) {
    const some = [...sd.keys()].slice(0, 4).join(', ');
    const wrappers = STATE_DICT_WRAPPER_KEYS.join('|');
    throw new TorchCheckpointError(
      path,
      `no AlexNet features found (looked for [${wrappers}.][module.]pretrained_model.features.0.weight or …features.0.weight; the file has ${some}${sd.size > 4 ? ', …' : ''})`,
    );
  }
  return ALEXNET_CONV_SPECS.map((spec, n) => {
    const key = `${prefix}${CONV_INDICES[n]}`;
    const w = expectShape(path, sd, `${key}.weight`, [spec.outChannels, spec.inChannels, spec.kernel, spec.kernel]);
    const b = expectShape(path, sd, `${key}.bias`, [spec.outChannels]);
    return {
      kernel: oihwToHwio(w.data, w.shape as [number, number, number, number]),
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
  const head = `${locateStateDict(sd)!.outer}classifer.`;
  if (!sd.has(`${head}weight`)) throw new AlexNetOnlyCheckpointError(path);
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
