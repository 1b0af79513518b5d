import { ALEXNET_CONV_SPECS, MRNET_FEATURES } from './specs.js';
import { ModelShapeError } from '../errors.js';

/**
 * One convolution's parameters in TensorFlow.js layout: kernel `[kh, kw, in, out]` (HWIO) flattened
 * row-major, bias `[out]`. Plain arrays, so they can cross worker threads.
 *
 * @example
 * ```ts
 * import { createMRNet, type ConvWeights } from '@mrnet/model';
 * const conv1: ConvWeights = createMRNet({ seed: 1 }).getWeights().features[0]!;
 * conv1.kernelShape; // [11, 11, 3, 64]
 * ```
 */
export interface ConvWeights {
  /** HWIO kernel, row-major. */
  kernel: Float32Array;
  /** `[kh, kw, in, out]`. */
  kernelShape: [number, number, number, number];
  /** `[out]`. */
  bias: Float32Array;
}

/**
 * All of MRNet's trainable parameters as plain arrays: the five AlexNet convolutions and the
 * `Linear(256, 1)` classifier (its `weight[0]` as 256 numbers, and its bias).
 *
 * @example
 * ```ts
 * import { createMRNet, type MRNetWeights } from '@mrnet/model';
 * const w: MRNetWeights = createMRNet({ seed: 3 }).getWeights();
 * w.features[0]!.kernelShape; // [11, 11, 3, 64]
 * ```
 */
export interface MRNetWeights {
  /** The five AlexNet convolutions, in order. */
  features: ConvWeights[];
  /** `Linear(256, 1)`: `weight` = PyTorch's `weight[0]` (256 values), `bias` its single bias. */
  classifier: { weight: Float32Array; bias: number };
}

/**
 * Checks that `features` holds five convolutions with exactly AlexNet's shapes.
 * @throws ModelShapeError naming the layer and the shape found.
 * @internal
 */
export function checkFeatureWeights(where: string, features: ConvWeights[]): void {
  if (!Array.isArray(features) || features.length !== ALEXNET_CONV_SPECS.length) {
    throw new ModelShapeError(`${where}: features must hold ${ALEXNET_CONV_SPECS.length} convolutions (got ${Array.isArray(features) ? features.length : typeof features})`);
  }
  features.forEach((c, i) => {
    const s = ALEXNET_CONV_SPECS[i]!;
    const want = [s.kernel, s.kernel, s.inChannels, s.outChannels];
    if (!c || !Array.isArray(c.kernelShape) || c.kernelShape.length !== 4 || c.kernelShape.some((d, j) => d !== want[j])) {
      throw new ModelShapeError(`${where}: conv${i + 1} kernelShape must be [${want.join(', ')}] (got ${JSON.stringify(c?.kernelShape)})`);
    }
    if (!(c.kernel instanceof Float32Array) || c.kernel.length !== want.reduce((a, b) => a * b, 1)) {
      throw new ModelShapeError(`${where}: conv${i + 1} kernel must be a Float32Array of ${want.reduce((a, b) => a * b, 1)} values (got ${c.kernel?.length})`);
    }
    if (!(c.bias instanceof Float32Array) || c.bias.length !== s.outChannels) {
      throw new ModelShapeError(`${where}: conv${i + 1} bias must be a Float32Array of ${s.outChannels} values (got ${c.bias?.length})`);
    }
  });
}

/**
 * Checks the classifier part of {@link MRNetWeights}.
 * @throws ModelShapeError
 * @internal
 */
export function checkClassifierWeights(where: string, classifier: MRNetWeights['classifier']): void {
  if (!classifier || !(classifier.weight instanceof Float32Array) || classifier.weight.length !== MRNET_FEATURES) {
    throw new ModelShapeError(`${where}: classifier.weight must be a Float32Array of ${MRNET_FEATURES} values (got ${classifier?.weight?.length})`);
  }
  if (typeof classifier.bias !== 'number' || !Number.isFinite(classifier.bias)) {
    throw new ModelShapeError(`${where}: classifier.bias must be a finite number (got ${String(classifier.bias)})`);
  }
}
