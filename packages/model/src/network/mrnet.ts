import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { ModelShapeError } from '../errors.js';
import { ALEXNET_CONV_SPECS, MIN_INPUT_SIZE, MRNET_FEATURES } from './specs.js';
import { convBlock } from './conv-block.js';
import { useFastGradients, type ConvGradients } from './conv-mode.js';
import { initMRNetWeights } from './init.js';
import { checkClassifierWeights, checkFeatureWeights, type MRNetWeights } from './weights.js';

/**
 * Options of {@link createMRNet}.
 *
 * @example
 * ```ts
 * import { createMRNet, type MRNetOptions } from '@mrnet/model';
 * import { loadPretrainedAlexNet } from '@mrnet/model/node';
 * const { features } = await loadPretrainedAlexNet();
 * const options: MRNetOptions = { weights: { features }, seed: 0 };
 * const net = createMRNet(options);
 * ```
 */
export interface MRNetOptions {
  /**
   * Initial weights. `features` only = an AlexNet backbone (e.g. ImageNet-pretrained) with a freshly
   * initialised classifier. Default: everything initialised from `seed`.
   */
  weights?: Partial<MRNetWeights>;
  /** Seed of PyTorch-default initialisation for whatever `weights` does not give. Default 0. */
  seed?: number;
  /** Convolution gradients: `'auto'` (default: fast on wasm, native elsewhere), `'fast'` or `'native'`. */
  convGradients?: ConvGradients;
}

const optionsSchema = z.object({
  weights: z.object({ features: z.array(z.any()).optional(), classifier: z.any().optional() }).optional(),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  convGradients: z.enum(['auto', 'fast', 'native']).optional(),
});

/**
 * Names of {@link MRNet.variables}, in order (used in saved artifacts).
 *
 * @example
 * ```ts
 * import { createMRNet, MRNET_VARIABLE_NAMES } from '@mrnet/model';
 * const net = createMRNet({ seed: 1 });
 * net.variables.forEach((v, i) => console.log(MRNET_VARIABLE_NAMES[i], v.shape)); // conv1.kernel [11, 11, 3, 64] …
 * ```
 */
export const MRNET_VARIABLE_NAMES: readonly string[] = Object.freeze([
  ...ALEXNET_CONV_SPECS.flatMap((_, i) => [`conv${i + 1}.kernel`, `conv${i + 1}.bias`]),
  'fc.weight',
  'fc.bias',
]);

/**
 * MRNet's head: max over slices of the pooled features, then `Linear(256, 1)`. One function for the
 * single-thread forward and the slice-parallel coordinator, so both compute the same numbers.
 * @param pooled - `[slices, 256]`; weight `[256, 1]`; bias `[1]`.
 * @returns scalar logit.
 * @internal
 */
export function mrnetHead(pooled: tf.Tensor2D, weight: tf.Tensor2D, bias: tf.Tensor1D): tf.Scalar {
  const flat = tf.max(pooled, 0, true) as tf.Tensor2D; // [1, 256]
  return tf.reshape(tf.add(tf.matMul(flat, weight), bias), []) as tf.Scalar;
}

/**
 * MRNet (Bien et al. 2018) on TensorFlow.js: every slice of one plane's series → AlexNet
 * `features` → global average pool → max over slices → `Linear(256, 1)` → logit.
 * Build it with {@link createMRNet}. Holds `tf.Variable`s: call {@link MRNet.dispose} when done.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, createMRNet } from '@mrnet/model';
 * await initBackend('auto');
 * const net = createMRNet({ seed: 7 });
 * const { logit, probability } = net.predict(new Float32Array(2 * 64 * 64), [2, 64, 64]);
 * net.dispose();
 * ```
 */
export class MRNet {
  /** Trainable variables in fixed order: conv1.kernel, conv1.bias, …, conv5.bias, fc.weight `[256, 1]`, fc.bias `[1]`. */
  readonly variables: tf.Variable[];
  /** Convolution gradient mode (see {@link MRNetOptions.convGradients}). */
  convGradients: ConvGradients;
  #disposed = false;

  /** @internal Use {@link createMRNet}. */
  constructor(weights: MRNetWeights, convGradients: ConvGradients) {
    this.convGradients = convGradients;
    this.variables = tf.tidy(() => {
      const vars: tf.Variable[] = [];
      for (const c of weights.features) {
        vars.push(tf.variable(tf.tensor4d(c.kernel, c.kernelShape), true));
        vars.push(tf.variable(tf.tensor1d(c.bias), true));
      }
      vars.push(tf.variable(tf.tensor2d(weights.classifier.weight, [MRNET_FEATURES, 1]), true));
      vars.push(tf.variable(tf.tensor1d([weights.classifier.bias]), true));
      return vars;
    });
  }

  #check(where: string, volume: tf.Tensor): void {
    if (this.#disposed) throw new Error(`${where}: this MRNet has been disposed`);
    if (!(volume instanceof tf.Tensor)) throw new TypeError(`${where}: volume must be a tf.Tensor3D [slices, H, W] (got ${typeof volume})`);
    if (volume.rank !== 3) throw new ModelShapeError(`${where}: volume must be [slices, H, W] (rank 3), got shape [${volume.shape}]`);
    if (volume.dtype !== 'float32') throw new TypeError(`${where}: volume must be float32 (got ${volume.dtype})`);
    const [s, h, w] = volume.shape as [number, number, number]; // rank 3: checked above
    if (s < 1) throw new ModelShapeError(`${where}: volume has no slices (shape [${volume.shape}])`);
    if (h < MIN_INPUT_SIZE || w < MIN_INPUT_SIZE) {
      throw new ModelShapeError(`${where}: volume height ${h} × width ${w} is below AlexNet's minimum ${MIN_INPUT_SIZE}×${MIN_INPUT_SIZE} (shape [${volume.shape}])`);
    }
  }

  /**
   * AlexNet features of every slice. Grey slices are "repeated to 3 channels" by summing conv1's
   * kernel over its 3 input channels, which is the same convolution at a third of the cost.
   */
  #features(volume: tf.Tensor3D): tf.Tensor4D {
    const fast = useFastGradients(this.convGradients);
    let x = tf.expandDims(volume, 3) as tf.Tensor4D; // [s, H, W, 1]
    ALEXNET_CONV_SPECS.forEach((spec, i) => {
      let kernel = this.variables[2 * i] as tf.Tensor4D;
      if (i === 0) kernel = tf.sum(kernel, 2, true) as tf.Tensor4D; // [11, 11, 1, 64]
      x = convBlock(x, kernel, this.variables[2 * i + 1] as tf.Tensor1D, spec, fast, i > 0);
    });
    return x;
  }

  /**
   * The last AlexNet stage's output (after its ReLU and max-pool), for class activation maps.
   * @param volume - `[slices, H, W]` float32, raw intensities.
   * @returns `[slices, h', w', 256]` (NHWC; 7×7 for 256×256 slices).
   */
  lastConvFeatures(volume: tf.Tensor3D): tf.Tensor4D {
    this.#check('MRNet.lastConvFeatures', volume);
    return tf.tidy(() => this.#features(volume));
  }

  /**
   * Per-slice global-average-pooled features (before the max over slices).
   * @param volume - `[slices, H, W]` float32.
   * @returns `[slices, 256]`.
   */
  pooledFeatures(volume: tf.Tensor3D): tf.Tensor2D {
    this.#check('MRNet.pooledFeatures', volume);
    return tf.tidy(() => tf.mean(this.#features(volume), [1, 2]) as tf.Tensor2D);
  }

  /**
   * The logit of one exam's plane (differentiable: use inside `tf.variableGrads`).
   * @param volume - `[slices, H, W]` float32, raw intensities (no normalisation is applied).
   * @returns scalar logit.
   */
  forward(volume: tf.Tensor3D): tf.Scalar {
    this.#check('MRNet.forward', volume);
    return tf.tidy(() => mrnetHead(tf.mean(this.#features(volume), [1, 2]) as tf.Tensor2D, this.variables[10] as tf.Tensor2D, this.variables[11] as tf.Tensor1D));
  }

  /**
   * Convenience inference on a plain array.
   * @param volume - `s·H·W` values, row-major.
   * @param shape - `[s, H, W]`.
   */
  predict(volume: Float32Array, shape: [number, number, number]): { logit: number; probability: number } {
    const logit = tf.tidy(() => this.#logitOf(volume, shape, 'predict').dataSync()[0]!);
    return { logit, probability: 1 / (1 + Math.exp(-logit)) };
  }

  /**
   * {@link MRNet.predict}, reading the result asynchronously: the form that works on every backend,
   * WebGPU under Node included (it has no synchronous read).
   * @param volume - `s·H·W` values, row-major.
   * @param shape - `[s, H, W]`.
   */
  async predictAsync(volume: Float32Array, shape: [number, number, number]): Promise<{ logit: number; probability: number }> {
    const t = tf.tidy(() => this.#logitOf(volume, shape, 'predictAsync'));
    const logit = (await t.data())[0]!;
    t.dispose();
    return { logit, probability: 1 / (1 + Math.exp(-logit)) };
  }

  #logitOf(volume: Float32Array, shape: [number, number, number], caller: string): tf.Scalar {
    if (!(volume instanceof Float32Array)) throw new TypeError(`MRNet.${caller}: volume must be a Float32Array (got ${typeof volume})`);
    if (!Array.isArray(shape) || shape.length !== 3 || volume.length !== shape[0] * shape[1] * shape[2]) {
      throw new ModelShapeError(`MRNet.${caller}: shape ${JSON.stringify(shape)} does not match ${volume.length} values`);
    }
    return this.forward(tf.tensor3d(volume, shape));
  }

  /** Copies the current weights out as plain arrays. */
  getWeights(): MRNetWeights {
    if (this.#disposed) throw new Error('MRNet.getWeights: this MRNet has been disposed');
    const v = this.variables;
    const features = ALEXNET_CONV_SPECS.map((s, i) => ({
      kernel: v[2 * i]!.dataSync() as Float32Array,
      kernelShape: [s.kernel, s.kernel, s.inChannels, s.outChannels] as [number, number, number, number],
      bias: v[2 * i + 1]!.dataSync() as Float32Array,
    }));
    return {
      features: features.map((f) => ({ ...f, kernel: f.kernel.slice(), bias: f.bias.slice() })),
      classifier: { weight: (v[10]!.dataSync() as Float32Array).slice(), bias: v[11]!.dataSync()[0]! },
    };
  }

  /** Replaces all weights (shapes checked first; nothing changes if any is wrong). */
  setWeights(weights: MRNetWeights): void {
    if (this.#disposed) throw new Error('MRNet.setWeights: this MRNet has been disposed');
    checkFeatureWeights('MRNet.setWeights', weights?.features);
    checkClassifierWeights('MRNet.setWeights', weights.classifier);
    tf.tidy(() => {
      weights.features.forEach((c, i) => {
        this.variables[2 * i]!.assign(tf.tensor4d(c.kernel, c.kernelShape));
        this.variables[2 * i + 1]!.assign(tf.tensor1d(c.bias));
      });
      this.variables[10]!.assign(tf.tensor2d(weights.classifier.weight, [MRNET_FEATURES, 1]));
      this.variables[11]!.assign(tf.tensor1d([weights.classifier.bias]));
    });
  }

  /** Frees the variables. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const v of this.variables) v.dispose();
  }
}

/**
 * Builds an {@link MRNet}: weights from `options.weights` where given (shape-checked), the rest
 * initialised as PyTorch does by default, from `options.seed`.
 *
 * @throws TypeError/RangeError for malformed options; ModelShapeError for wrongly shaped weights.
 * @example
 * ```ts
 * import { createMRNet } from '@mrnet/model';
 * const fresh = createMRNet({ seed: 1 });
 * const copy = createMRNet({ weights: fresh.getWeights() });
 * ```
 */
export function createMRNet(options: MRNetOptions = {}): MRNet {
  if (options === null || typeof options !== 'object') throw new TypeError(`createMRNet: options must be an object (got ${options === null ? 'null' : typeof options})`);
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const msg = `createMRNet: ${issue.path.join('.') || 'options'}: ${issue.message}`;
    throw issue.code === 'invalid_type' ? new TypeError(msg) : new RangeError(msg);
  }
  const seed = options.seed ?? 0;
  const init = options.weights?.features && options.weights?.classifier ? undefined : initMRNetWeights(seed);
  const features = options.weights?.features ?? init!.features;
  const classifier = options.weights?.classifier ?? init!.classifier;
  checkFeatureWeights('createMRNet', features);
  checkClassifierWeights('createMRNet', classifier);
  return new MRNet({ features, classifier }, options.convGradients ?? 'auto');
}
