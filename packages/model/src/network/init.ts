import { createRng } from '@mrnet/data';
import { ALEXNET_CONV_SPECS, MRNET_FEATURES } from './specs.js';
import type { ConvWeights, MRNetWeights } from './weights.js';

function uniform(n: number, bound: number, next: () => number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (2 * next() - 1) * bound;
  return out;
}

/**
 * MRNet weights drawn as PyTorch initialises `Conv2d` and `Linear` by default: weights from
 * `kaiming_uniform_(a=√5)`, i.e. U(±gain·√(3/fan_in)) with gain = √(2/(1+5)), which is
 * U(±1/√fan_in); biases U(±1/√fan_in). `fan_in` = in-channels × kh × kw (256 for the classifier).
 * The draws come from `@mrnet/data`'s seeded generator, so equal seeds give equal weights.
 *
 * @param seed - any 32-bit unsigned integer.
 * @example
 * ```ts
 * import { initMRNetWeights } from '@mrnet/model';
 * const w = initMRNetWeights(42);
 * Math.max(...w.features[0]!.kernel.map(Math.abs)) <= 1 / Math.sqrt(3 * 11 * 11); // true
 * ```
 */
export function initMRNetWeights(seed: number): MRNetWeights {
  const rng = createRng(seed);
  const next = (): number => rng.next();
  const features: ConvWeights[] = ALEXNET_CONV_SPECS.map((s) => {
    const fanIn = s.inChannels * s.kernel * s.kernel;
    const gain = Math.sqrt(2 / (1 + 5));
    const wBound = gain * Math.sqrt(3 / fanIn);
    const bBound = 1 / Math.sqrt(fanIn);
    const kernel = uniform(s.kernel * s.kernel * s.inChannels * s.outChannels, wBound, next);
    const bias = uniform(s.outChannels, bBound, next);
    return { kernel, kernelShape: [s.kernel, s.kernel, s.inChannels, s.outChannels], bias };
  });
  const fcBound = 1 / Math.sqrt(MRNET_FEATURES);
  const weight = uniform(MRNET_FEATURES, fcBound, next);
  const bias = uniform(1, fcBound, next)[0]!;
  return { features, classifier: { weight, bias } };
}
