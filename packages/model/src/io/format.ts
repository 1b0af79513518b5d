import { INTENSITIES, type Intensity } from '@mrnet/data';
import { checkEnvelope } from '@mrnet/options';
import { ModelArtifactsError } from '../errors.js';
import { ALEXNET_CONV_SPECS, MRNET_FEATURES } from '../network/specs.js';
import { MRNET_VARIABLE_NAMES } from '../network/mrnet.js';
import { checkClassifierWeights, checkFeatureWeights, type MRNetWeights } from '../network/weights.js';
import { MODEL_PACKAGE_VERSION } from '../version.js';

/**
 * Name of the `format` field of an MRNet `model.json`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { MRNET_ARTIFACTS_FORMAT } from '@mrnet/model';
 * const json = JSON.parse(readFileSync('models/acl/sagittal/model.json', 'utf8'));
 * json.format === MRNET_ARTIFACTS_FORMAT; // true for a folder saved by saveMRNet
 * ```
 */
export const MRNET_ARTIFACTS_FORMAT = 'mrnet-tfjs';

/**
 * Version of the `model.json` envelope written today. Folders written before versions were
 * recorded have none and read as version 1.
 *
 * @example
 * ```ts
 * import { MRNET_ARTIFACTS_VERSION } from '@mrnet/model';
 * MRNET_ARTIFACTS_VERSION; // 1
 * ```
 */
export const MRNET_ARTIFACTS_VERSION = 1;

/**
 * The input normalisation a saved model's weights expect, from its metadata — validated once, on
 * load, and applied by everything that loads the model (predict, stack, CAM, the browser page):
 *
 * - one of `'none' | 'stanford' | 'imagenet'` → that value;
 * - absent, in a model that our trainer did not write (no `trainPackageVersion`: a converted
 *   PyTorch checkpoint of the seed, or weights saved by hand) → `'none'`, the seed's raw 0–255,
 *   which is what such weights were trained with (our trainer has always recorded the value);
 * - absent in a model our trainer wrote, or any other value → a {@link ModelArtifactsError}: the
 *   weights would silently receive inputs on the wrong scale.
 *
 * @param where - The model folder or URL, for the message.
 * @throws ModelArtifactsError naming `where` and the value found.
 * @example
 * ```ts
 * import { inputNormalisationOf } from '@mrnet/model';
 * inputNormalisationOf('models/acl/sagittal', { inputNormalisation: 'stanford' }); // 'stanford'
 * inputNormalisationOf('converted/', { convertedFrom: 'seed.pth' });               // 'none'
 * ```
 */
export function inputNormalisationOf(where: string, metadata: MRNetMetadata): Intensity {
  const n = metadata.inputNormalisation;
  if (n === undefined) {
    if (metadata['trainPackageVersion'] === undefined) return 'none';
    throw new ModelArtifactsError(where, `loadMRNet: ${where}: metadata has no inputNormalisation, but the model was trained by @mrnet/train ${JSON.stringify(metadata['trainPackageVersion'])}, which records it; the file was edited or damaged (add "inputNormalisation": one of ${INTENSITIES.join(', ')})`);
  }
  if (!(INTENSITIES as readonly unknown[]).includes(n)) {
    throw new ModelArtifactsError(where, `loadMRNet: ${where}: metadata.inputNormalisation ${JSON.stringify(n)} is not one of ${INTENSITIES.join(', ')}`);
  }
  return n;
}

/**
 * What a saved MRNet says about itself (`model.json#metadata`). Every field is optional except
 * `packageVersion`, which `saveMRNet` fills in; extra fields are kept.
 *
 * @example
 * ```ts
 * import { createMRNet, loadMRNet, type MRNetMetadata } from '@mrnet/model';
 * import { saveMRNet } from '@mrnet/model/node';
 * const metadata: MRNetMetadata = { task: 'acl', plane: 'sagittal', inputNormalisation: 'none', bestEpoch: 7, valAuc: 0.885 };
 * await saveMRNet(createMRNet({ seed: 1 }), 'models/acl/sagittal', metadata);
 * (await loadMRNet('models/acl/sagittal')).metadata.valAuc; // 0.885
 * ```
 */
export interface MRNetMetadata {
  /** `abnormal`, `acl` or `meniscus`. */
  task?: string;
  /** `axial`, `coronal` or `sagittal`. */
  plane?: string;
  /**
   * Input normalisation the weights expect: `'none'` (raw 0–255, the seed's), `'stanford'` or
   * `'imagenet'`. Checked on load by {@link inputNormalisationOf}.
   */
  inputNormalisation?: Intensity;
  /** Epoch (1-based) of the best validation AUC. */
  bestEpoch?: number;
  trainAuc?: number;
  valAuc?: number;
  trainLoss?: number;
  valLoss?: number;
  /** `@mrnet/model` version that wrote the file. */
  packageVersion?: string;
  [key: string]: unknown;
}

/** The JSON document in `model.json`. @internal */
export interface MRNetModelJson {
  format: string;
  version?: number;
  generatedBy: string;
  convertedBy: string | null;
  modelTopology: Record<string, unknown>;
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' }[] }[];
  metadata: MRNetMetadata;
}

const SHARD_BYTES = 4 * 1024 * 1024;

function shapes(): number[][] {
  return [
    ...ALEXNET_CONV_SPECS.flatMap((s) => [[s.kernel, s.kernel, s.inChannels, s.outChannels], [s.outChannels]]),
    [MRNET_FEATURES, 1],
    [1],
  ];
}

/**
 * Serialises weights + metadata to TensorFlow.js artifacts: the `model.json` document and its
 * `.bin` shards (little-endian float32, in {@link MRNET_VARIABLE_NAMES} order, split every 4 MiB).
 * @internal
 */
export function encodeMRNet(weights: MRNetWeights, metadata: MRNetMetadata): { modelJson: MRNetModelJson; shards: { name: string; bytes: Uint8Array }[] } {
  checkFeatureWeights('saveMRNet', weights.features);
  checkClassifierWeights('saveMRNet', weights.classifier);
  const arrays: Float32Array[] = [
    ...weights.features.flatMap((c) => [c.kernel, c.bias]),
    weights.classifier.weight,
    Float32Array.of(weights.classifier.bias),
  ];
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const all = new Float32Array(total);
  let off = 0;
  for (const a of arrays) {
    all.set(a, off);
    off += a.length;
  }
  const bytes = new Uint8Array(all.buffer);
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new Error('saveMRNet: big-endian platforms are not supported');
  const count = Math.max(1, Math.ceil(bytes.length / SHARD_BYTES));
  const shards = Array.from({ length: count }, (_, i) => ({
    name: `group1-shard${i + 1}of${count}.bin`,
    bytes: bytes.subarray(i * SHARD_BYTES, Math.min(bytes.length, (i + 1) * SHARD_BYTES)),
  }));
  const sh = shapes();
  const modelJson: MRNetModelJson = {
    format: MRNET_ARTIFACTS_FORMAT,
    version: MRNET_ARTIFACTS_VERSION,
    generatedBy: `@mrnet/model ${MODEL_PACKAGE_VERSION}`,
    convertedBy: null,
    modelTopology: {
      class: 'MRNet',
      version: 1,
      input: '[slices, H, W] float32 grey (H, W >= 63), repeated to 3 channels',
      features: ALEXNET_CONV_SPECS.map((s) => ({ ...s, activation: 'relu' })),
      head: ['global_average_pool', 'max_over_slices', `linear(${MRNET_FEATURES}, 1)`],
    },
    weightsManifest: [
      { paths: shards.map((s) => s.name), weights: MRNET_VARIABLE_NAMES.map((name, i) => ({ name, shape: sh[i]!, dtype: 'float32' as const })) },
    ],
    metadata: { ...metadata, packageVersion: MODEL_PACKAGE_VERSION },
  };
  return { modelJson, shards };
}

/**
 * Checks a parsed `model.json` (envelope, manifest, input normalisation) and returns it with
 * `metadata.inputNormalisation` resolved.
 * @throws StateFormatError for another format or a newer version; ModelArtifactsError naming `where`.
 * @internal
 */
export function checkModelJson(where: string, json: unknown): MRNetModelJson {
  const j = checkEnvelope('loadMRNet', json, { format: MRNET_ARTIFACTS_FORMAT, version: MRNET_ARTIFACTS_VERSION, versionOptional: true, path: where }) as Partial<MRNetModelJson>;
  const m = j.weightsManifest;
  if (!Array.isArray(m) || m.length !== 1 || !Array.isArray(m[0]?.paths) || !Array.isArray(m[0]?.weights)) {
    throw new ModelArtifactsError(where, `loadMRNet: ${where}: model.json weightsManifest must hold one group with paths and weights`);
  }
  const sh = shapes();
  const names = m[0].weights.map((w) => w?.name);
  if (names.length !== MRNET_VARIABLE_NAMES.length || names.some((n, i) => n !== MRNET_VARIABLE_NAMES[i])) {
    throw new ModelArtifactsError(where, `loadMRNet: ${where}: weightsManifest names ${JSON.stringify(names)} are not MRNet's ${JSON.stringify(MRNET_VARIABLE_NAMES)}`);
  }
  m[0].weights.forEach((w, i) => {
    if (w.dtype !== 'float32' || !Array.isArray(w.shape) || w.shape.join() !== sh[i]!.join()) {
      throw new ModelArtifactsError(where, `loadMRNet: ${where}: weight ${w.name} must be float32 [${sh[i]}] (got ${w.dtype} [${w.shape}])`);
    }
  });
  for (const p of m[0].paths) {
    if (typeof p !== 'string' || p.includes('/') || p.includes('\\') || p.startsWith('.')) {
      throw new ModelArtifactsError(where, `loadMRNet: ${where}: shard path ${JSON.stringify(p)} must be a plain file name`);
    }
  }
  const metadata: MRNetMetadata = j.metadata !== null && typeof j.metadata === 'object' ? j.metadata : {};
  j.metadata = { ...metadata, inputNormalisation: inputNormalisationOf(where, metadata) };
  return j as MRNetModelJson;
}

/**
 * Rebuilds weights from a checked `model.json` and its shards' bytes (in manifest order).
 * @internal
 */
export function decodeMRNet(where: string, json: MRNetModelJson, shards: Uint8Array[]): MRNetWeights {
  const total = shards.reduce((n, s) => n + s.length, 0);
  const sh = shapes();
  const need = sh.reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0) * 4;
  if (total !== need) throw new ModelArtifactsError(where, `loadMRNet: ${where}: weight shards hold ${total} bytes, expected ${need}`);
  const bytes = new Uint8Array(total);
  let off = 0;
  for (const s of shards) {
    bytes.set(s, off);
    off += s.length;
  }
  const all = new Float32Array(bytes.buffer);
  let pos = 0;
  const take = (shape: number[]): Float32Array => {
    const n = shape.reduce((a, b) => a * b, 1);
    const out = all.slice(pos, pos + n);
    pos += n;
    return out;
  };
  const features = ALEXNET_CONV_SPECS.map((s, i) => ({
    kernel: take(sh[2 * i]!),
    kernelShape: [s.kernel, s.kernel, s.inChannels, s.outChannels] as [number, number, number, number],
    bias: take(sh[2 * i + 1]!),
  }));
  const weight = take(sh[10]!);
  const bias = take(sh[11]!)[0]!;
  void json;
  return { features, classifier: { weight, bias } };
}
