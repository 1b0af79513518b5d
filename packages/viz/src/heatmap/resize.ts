/**
 * Bilinear resize of a `[h, w]` map to `[outH, outW]` with half-pixel centres (as OpenCV's
 * `cv2.resize(..., INTER_LINEAR)` and `align_corners=False`); edges clamp to the border. Internal.
 */
export function resizeBilinear(src: ArrayLike<number>, w: number, h: number, outW: number, outH: number): Float32Array {
  const out = new Float32Array(outW * outH);
  for (let j = 0; j < outH; j++) {
    const sy = Math.max(0, Math.min(h - 1, ((j + 0.5) * h) / outH - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(h - 1, y0 + 1);
    const fy = sy - y0;
    for (let i = 0; i < outW; i++) {
      const sx = Math.max(0, Math.min(w - 1, ((i + 0.5) * w) / outW - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(w - 1, x0 + 1);
      const fx = sx - x0;
      const top = src[y0 * w + x0]! * (1 - fx) + src[y0 * w + x1]! * fx;
      const bot = src[y1 * w + x0]! * (1 - fx) + src[y1 * w + x1]! * fx;
      out[j * outW + i] = top * (1 - fy) + bot * fy;
    }
  }
  return out;
}
