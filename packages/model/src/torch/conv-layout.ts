// Convolution kernels: PyTorch's OIHW ([out, in, kh, kw]) and TensorFlow.js's HWIO ([kh, kw, in, out]).

/** Indices of the convolutions inside torchvision's `alexnet().features` Sequential. @internal */
export const CONV_INDICES = [0, 3, 6, 8, 10] as const;

/** Moves every element of a conv kernel between the two layouts; `toHwio` says which way. */
function permute(src: Float32Array, [o, i, h, w]: readonly [number, number, number, number], toHwio: boolean): Float32Array {
  const out = new Float32Array(src.length);
  for (let oo = 0; oo < o; oo++) {
    for (let ii = 0; ii < i; ii++) {
      for (let hh = 0; hh < h; hh++) {
        for (let ww = 0; ww < w; ww++) {
          const oihw = ((oo * i + ii) * h + hh) * w + ww;
          const hwio = ((hh * w + ww) * i + ii) * o + oo;
          if (toHwio) out[hwio] = src[oihw]!;
          else out[oihw] = src[hwio]!;
        }
      }
    }
  }
  return out;
}

/** OIHW (PyTorch conv weight, shape `[o, i, h, w]`) → HWIO (TensorFlow.js conv kernel). @internal */
export function oihwToHwio(src: Float32Array, shape: readonly [number, number, number, number]): Float32Array {
  return permute(src, shape, true);
}

/** HWIO (TensorFlow.js conv kernel, shape `[h, w, i, o]`) → OIHW (PyTorch conv weight); the inverse of {@link oihwToHwio}. @internal */
export function hwioToOihw(src: Float32Array, [h, w, i, o]: readonly [number, number, number, number]): Float32Array {
  return permute(src, [o, i, h, w], false);
}
