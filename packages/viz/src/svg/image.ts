import { encodePng } from '../png/encode-png.js';
import { n2 } from './svg.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes, without Node's Buffer or the DOM's btoa (so it runs anywhere). Internal. */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    out += B64[a >> 2]! + B64[((a & 3) << 4) | (b >> 4)]!;
    out += i + 1 < bytes.length ? B64[((b & 15) << 2) | (c >> 6)]! : '=';
    out += i + 2 < bytes.length ? B64[c & 63]! : '=';
  }
  return out;
}

/**
 * An RGBA raster placed in an SVG as an `<image>` holding its PNG, drawn pixel for pixel (nearest
 * neighbour when scaled): heat maps stay rasters while the text around them is real type. Internal.
 */
export function svgImage(rgba: Uint8Array, width: number, height: number, x: number, y: number, drawWidth = width, drawHeight = height): string {
  const href = `data:image/png;base64,${base64(encodePng(rgba, width, height))}`;
  return (
    `<image x="${n2(x)}" y="${n2(y)}" width="${n2(drawWidth)}" height="${n2(drawHeight)}" preserveAspectRatio="none" ` +
    `image-rendering="optimizeSpeed" style="image-rendering:pixelated" href="${href}" xlink:href="${href}"/>`
  );
}
