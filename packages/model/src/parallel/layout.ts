import { ALEXNET_CONV_SPECS, MRNET_FEATURES } from '../network/specs.js';

/**
 * Where each of MRNet's 12 variables lives in one flat Float32Array (the shared weight and
 * gradient buffers of the slice workers). Order: {@link MRNET_VARIABLE_NAMES}. @internal
 */
export interface ParamLayout {
  shapes: number[][];
  offsets: number[];
  sizes: number[];
  /** Floats of all 12 variables. */
  total: number;
  /** Floats of the 10 convolution variables (the part the slice workers differentiate). */
  featureTotal: number;
}

/** @internal */
export function mrnetParamLayout(): ParamLayout {
  const shapes: number[][] = [
    ...ALEXNET_CONV_SPECS.flatMap((s) => [[s.kernel, s.kernel, s.inChannels, s.outChannels], [s.outChannels]]),
    [MRNET_FEATURES, 1],
    [1],
  ];
  const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
  const offsets: number[] = [];
  let total = 0;
  for (const n of sizes) {
    offsets.push(total);
    total += n;
  }
  return { shapes, offsets, sizes, total, featureTotal: offsets[2 * ALEXNET_CONV_SPECS.length]! };
}

/**
 * Contiguous, balanced shards of `slices` slices over `workers` workers: `[start, end)` each, the
 * first `slices % workers` one slice longer; workers beyond the slice count get empty shards.
 *
 * @example
 * ```ts
 * shardRanges(5, 2); // [[0, 3], [3, 5]]
 * ```
 * @internal
 */
export function shardRanges(slices: number, workers: number): Array<[number, number]> {
  const base = Math.floor(slices / workers);
  const extra = slices % workers;
  const out: Array<[number, number]> = [];
  let at = 0;
  for (let k = 0; k < workers; k++) {
    const n = base + (k < extra ? 1 : 0);
    out.push([at, at + n]);
    at += n;
  }
  return out;
}
