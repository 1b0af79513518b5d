import { ALEXNET_CONV_SPECS, MRNET_FEATURES } from '../network/specs.js';
import { checkClassifierWeights, checkFeatureWeights, type MRNetWeights } from '../network/weights.js';
import { CONV_INDICES, hwioToOihw } from './conv-layout.js';
import { pickleStateDict, type PickledTensor } from './pickle-writer.js';
import type { StateDict, TorchTensor } from './tensor.js';
import { storedZip } from './zip-writer.js';

/** The folder name inside the zip; torch.load accepts any, and reads the archive's first. */
const ARCHIVE = 'archive';
/** `version` record torch 1.6 – 2.x writes for this layout. */
const FORMAT_VERSION = '3\n';

/**
 * Writes named float32 tensors as a PyTorch checkpoint: the zip layout `torch.save` has used since
 * PyTorch 1.6 (`archive/data.pkl`, `archive/data/N` raw little-endian float32, `archive/version`,
 * `archive/byteorder`), holding a pickled `OrderedDict` of tensors, so that
 * `torch.load(path, weights_only=True)` reads it (no class other than `OrderedDict`, torch's
 * tensor rebuilder and `FloatStorage` is referenced). Deterministic: the same tensors give the
 * same bytes. Keys and values keep the map's order; each tensor gets its own storage.
 *
 * @param sd tensor names to contiguous float32 tensors in PyTorch layout (as `readTorchCheckpoint` returns).
 * @throws RangeError when a tensor's data length is not the product of its shape.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { writeTorchCheckpoint } from '@mrnet/model';
 * const sd = new Map([['w', { shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) }]]);
 * writeFileSync('w.pth', writeTorchCheckpoint(sd)); // python: torch.load('w.pth', weights_only=True)['w']
 * ```
 */
export function writeTorchCheckpoint(sd: ReadonlyMap<string, TorchTensor>): Uint8Array {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new Error('writeTorchCheckpoint: big-endian platforms are not supported');
  const tensors: PickledTensor[] = [];
  const storages: { name: string; bytes: Uint8Array }[] = [];
  for (const [key, t] of sd) {
    if (!t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new RangeError(`writeTorchCheckpoint: ${key}: bad shape [${t.shape.join(', ')}]`);
    const numel = t.shape.reduce((a, b) => a * b, 1);
    if (!(t.data instanceof Float32Array) || t.data.length !== numel) {
      throw new RangeError(`writeTorchCheckpoint: ${key}: shape [${t.shape.join(', ')}] needs ${numel} float32 values, got ${t.data.length}`);
    }
    const storageKey = String(tensors.length);
    tensors.push({ key, shape: t.shape, storageKey });
    storages.push({ name: `${ARCHIVE}/data/${storageKey}`, bytes: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength) });
  }
  const enc = new TextEncoder();
  return storedZip([
    { name: `${ARCHIVE}/data.pkl`, bytes: pickleStateDict(tensors) },
    { name: `${ARCHIVE}/byteorder`, bytes: enc.encode('little') },
    ...storages,
    { name: `${ARCHIVE}/version`, bytes: enc.encode(FORMAT_VERSION) },
  ]);
}

/**
 * MRNet's weights as the seed's `state_dict`: `pretrained_model.features.{0,3,6,8,10}.weight`
 * (OIHW) and `.bias`, then `classifer.weight` `[1, 256]` and `classifer.bias` `[1]` (the seed's
 * spelling) — the inverse of `mrnetWeightsFromStateDict`, exact to the bit. AlexNet's own
 * classifier (`pretrained_model.classifier.*`), which MRNet never uses, is not included: load it
 * into the seed's module with `load_state_dict(sd, strict=False)`.
 *
 * @throws ModelShapeError for weights of the wrong shapes.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { loadMRNetWeights, stateDictFromMRNetWeights, writeTorchCheckpoint } from '@mrnet/model';
 * const { weights } = await loadMRNetWeights('models/acl/sagittal');
 * writeFileSync('model_acl_sagittal.pth', writeTorchCheckpoint(stateDictFromMRNetWeights(weights)));
 * ```
 */
export function stateDictFromMRNetWeights(weights: MRNetWeights): StateDict {
  checkFeatureWeights('stateDictFromMRNetWeights', weights.features);
  checkClassifierWeights('stateDictFromMRNetWeights', weights.classifier);
  const sd: StateDict = new Map();
  ALEXNET_CONV_SPECS.forEach((spec, n) => {
    const key = `pretrained_model.features.${CONV_INDICES[n]}`;
    const conv = weights.features[n]!;
    sd.set(`${key}.weight`, { shape: [spec.outChannels, spec.inChannels, spec.kernel, spec.kernel], data: hwioToOihw(conv.kernel, conv.kernelShape) });
    sd.set(`${key}.bias`, { shape: [spec.outChannels], data: conv.bias.slice() });
  });
  sd.set('classifer.weight', { shape: [1, MRNET_FEATURES], data: weights.classifier.weight.slice() });
  sd.set('classifer.bias', { shape: [1], data: Float32Array.of(weights.classifier.bias) });
  return sd;
}
