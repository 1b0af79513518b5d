import { zlibSync } from 'fflate';

/** zlib-wrapped deflate (RFC 1950), as PNG's IDAT chunk requires; fflate, so it runs in a browser too. Internal. */
export function zlibDeflate(data: Uint8Array): Uint8Array {
  return zlibSync(data, { level: 6 });
}
