/**
 * Geometry of a square, symmetric-padded 2-D convolution along one axis, as PyTorch computes it:
 * `out = floor((size + 2·pad − kernel) / stride) + 1`; `leftover` input rows at the far edge never
 * reach a kernel window (they get zero gradient).
 * @internal
 */
export interface ConvAxis {
  size: number;
  out: number;
  leftover: number;
}

/** @internal */
export function convAxis(size: number, kernel: number, stride: number, pad: number): ConvAxis {
  const span = size + 2 * pad - kernel;
  if (span < 0) throw new RangeError(`conv: input size ${size} + 2·${pad} padding is smaller than the ${kernel}×${kernel} kernel`);
  return { size, out: Math.floor(span / stride) + 1, leftover: span % stride };
}
