// The one Node-specific import of @mrnet/viz: zlib's deflate for PNG IDAT data.
import { deflateSync } from 'node:zlib';

/** zlib-wrapped deflate (RFC 1950), as PNG's IDAT chunk requires. Internal. */
export function zlibDeflate(data: Uint8Array): Uint8Array {
  return new Uint8Array(deflateSync(data, { level: 6 }));
}
