// Convolution kernels: PyTorch's OIHW ([out, in, kh, kw]) and TensorFlow.js's HWIO ([kh, kw, in, out]).

/** Indices of the convolutions inside torchvision's `alexnet().features` Sequential. @internal */
export const CONV_INDICES = [0, 3, 6, 8, 10] as const;

/** OIHW (PyTorch conv weight) → HWIO (TensorFlow.js conv kernel). @internal */
export function oihwToHwio(src: Float32Array, [o, i, h, w]: readonly [number, number, number, number]): Float32Array {
  const out = new Float32Array(src.length);
  for (let oo = 0; oo < o; oo++) {
    for (let ii = 0; ii < i; ii++) {
      for (let hh = 0; hh < h; hh++) {
        for (let ww = 0; ww < w; ww++) out[((hh * w + ww) * i + ii) * o + oo] = src[((oo * i + ii) * h + hh) * w + ww]!;
      }
    }
  }
  return out;
}

/** HWIO (TensorFlow.js conv kernel) → OIHW (PyTorch conv weight); the inverse of {@link oihwToHwio}. @internal */
export function hwioToOihw(src: Float32Array, [h, w, i, o]: readonly [number, number, number, number]): Float32Array {
  const out = new Float32Array(src.length);
  for (let oo = 0; oo < o; oo++) {
    for (let ii = 0; ii < i; ii++) {
      for (let hh = 0; hh < h; hh++) {
        for (let ww = 0; ww < w; ww++) out[((oo * i + ii) * h + hh) * w + ww] = src[((hh * w + ww) * i + ii) * o + oo]!;
      }
    }
  }
  return out;
}
