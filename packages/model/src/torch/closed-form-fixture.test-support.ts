import { ALEXNET_CONV_SPECS, MRNET_FEATURES } from '../network/specs.js';
import type { MRNetWeights } from '../network/weights.js';
import { oihwToHwio } from './conv-layout.js';

/**
 * The closed-form weights and inputs of `scripts/fixtures/make_model_fixtures.py`, reproduced
 * bit-for-bit (integer arithmetic, one IEEE division and sqrt, rounding to float32), so parity
 * tests need not store AlexNet's 2.47 M weights. Test support only.
 * @internal
 */
export const CLOSED_FORM = Object.freeze({ mod: 1021, mul: 7919, paramStride: 104729 });

/** Parameter `p` (0..11 in MRNet order) in PyTorch's flat layout. @internal */
export function closedFormParam(p: number, numel: number, fanIn: number): Float32Array {
  const { mod, mul, paramStride } = CLOSED_FORM;
  const out = new Float32Array(numel);
  const scale = 1 / Math.sqrt(fanIn);
  for (let i = 0; i < numel; i++) {
    const k = (i * mul + p * paramStride) % mod;
    out[i] = ((2 * k) / mod - 1) * scale;
  }
  return out;
}

/** The fixture script's MRNet weights, in TensorFlow.js layout. @internal */
export function closedFormWeights(): MRNetWeights {
  const features = ALEXNET_CONV_SPECS.map((s, n) => {
    const fanIn = s.inChannels * s.kernel * s.kernel;
    const oihw = closedFormParam(2 * n, s.outChannels * fanIn, fanIn);
    return {
      kernel: oihwToHwio(oihw, [s.outChannels, s.inChannels, s.kernel, s.kernel]),
      kernelShape: [s.kernel, s.kernel, s.inChannels, s.outChannels] as [number, number, number, number],
      bias: closedFormParam(2 * n + 1, s.outChannels, fanIn),
    };
  });
  return {
    features,
    classifier: { weight: closedFormParam(10, MRNET_FEATURES, MRNET_FEATURES), bias: closedFormParam(11, 1, MRNET_FEATURES)[0]! },
  };
}

function hash32(x: number): number {
  x >>>= 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** The fixture script's input volume `[slices, size, size]`: `hash32(idx + seed·2²⁴) & 255`. @internal */
export function closedFormInput(seed: number, slices: number, size: number): Float32Array {
  const out = new Float32Array(slices * size * size);
  for (let i = 0; i < out.length; i++) out[i] = hash32(i + seed * 2 ** 24) & 255;
  return out;
}
