/** CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) lookup table. */
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/**
 * CRC-32C (Castagnoli) of `bytes`, as TFRecord files use; `crc32c("123456789") = 0xE3069283`.
 *
 * @example
 * ```ts
 * import { crc32c } from '@mrnet/train';
 * crc32c(new TextEncoder().encode('123456789')).toString(16); // 'e3069283'
 * ```
 */
export function crc32c(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The masked CRC-32C that TFRecord framing stores: `((crc >>> 15) | (crc << 17)) + 0xa282ead8`
 * modulo 2³² (masking keeps a CRC of data that embeds CRCs from being trivially zero).
 *
 * @example
 * ```ts
 * import { maskedCrc32c } from '@mrnet/train';
 * maskedCrc32c(new Uint8Array(0)); // 0xa282ead8 (crc32c of nothing is 0)
 * ```
 */
export function maskedCrc32c(bytes: Uint8Array): number {
  const c = crc32c(bytes);
  return ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
}
