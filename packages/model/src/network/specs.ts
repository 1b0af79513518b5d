/**
 * One convolution of AlexNet's `features`, in PyTorch's terms.
 *
 * @example
 * ```ts
 * import { ALEXNET_CONV_SPECS, type ConvSpec } from '@mrnet/model';
 * const conv1: ConvSpec = ALEXNET_CONV_SPECS[0]!; // { inChannels: 3, outChannels: 64, kernel: 11, stride: 4, padding: 2, poolAfter: true }
 * ```
 */
export interface ConvSpec {
  /** Input channels. */
  readonly inChannels: number;
  /** Output channels. */
  readonly outChannels: number;
  /** Square kernel size. */
  readonly kernel: number;
  /** Stride (both axes). */
  readonly stride: number;
  /** Zero padding on every side. */
  readonly padding: number;
  /** Whether a 3×3 / stride-2 max-pool follows the ReLU. */
  readonly poolAfter: boolean;
}

/**
 * The five convolutions of torchvision's `alexnet().features`, in order (`features.0, .3, .6, .8,
 * .10`). Each is followed by a ReLU; a 3×3 / stride-2 max-pool follows conv1, conv2 and conv5.
 *
 * @example
 * ```ts
 * import { ALEXNET_CONV_SPECS } from '@mrnet/model';
 * ALEXNET_CONV_SPECS[0]; // { inChannels: 3, outChannels: 64, kernel: 11, stride: 4, padding: 2, poolAfter: true }
 * ```
 */
export const ALEXNET_CONV_SPECS: readonly ConvSpec[] = Object.freeze([
  Object.freeze({ inChannels: 3, outChannels: 64, kernel: 11, stride: 4, padding: 2, poolAfter: true }),
  Object.freeze({ inChannels: 64, outChannels: 192, kernel: 5, stride: 1, padding: 2, poolAfter: true }),
  Object.freeze({ inChannels: 192, outChannels: 384, kernel: 3, stride: 1, padding: 1, poolAfter: false }),
  Object.freeze({ inChannels: 384, outChannels: 256, kernel: 3, stride: 1, padding: 1, poolAfter: false }),
  Object.freeze({ inChannels: 256, outChannels: 256, kernel: 3, stride: 1, padding: 1, poolAfter: true }),
]);

/**
 * Max-pool window and stride used after conv1, conv2 and conv5 (torchvision: `MaxPool2d(3, 2)`).
 *
 * @example
 * ```ts
 * import { ALEXNET_POOL } from '@mrnet/model';
 * const out = (n: number) => Math.floor((n - ALEXNET_POOL.size) / ALEXNET_POOL.stride) + 1;
 * out(55); // 27
 * ```
 */
export const ALEXNET_POOL = Object.freeze({ size: 3, stride: 2 });

/**
 * Channels of AlexNet's last conv layer = length of MRNet's pooled feature vector.
 *
 * @example
 * ```ts
 * import { MRNET_FEATURES } from '@mrnet/model';
 * const head = new Float32Array(MRNET_FEATURES); // Linear(256, 1) weights
 * ```
 */
export const MRNET_FEATURES = 256;

/**
 * Smallest height/width AlexNet `features` accepts (output 1×1 after the last pool).
 *
 * @example
 * ```ts
 * import { MIN_INPUT_SIZE } from '@mrnet/model';
 * if (height < MIN_INPUT_SIZE) throw new RangeError(`slices must be at least ${MIN_INPUT_SIZE} px`);
 * ```
 */
export const MIN_INPUT_SIZE = 63;
