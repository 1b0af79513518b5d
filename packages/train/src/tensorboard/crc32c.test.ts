import { describe, expect, it } from 'vitest';
import { crc32c, maskedCrc32c } from './crc32c.js';

describe('crc32c', () => {
  it('matches the standard check value and RFC 3720 (iSCSI) test vectors', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(0);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
  });

  it('masks as TFRecord does', () => {
    const c = 0xe3069283;
    expect(maskedCrc32c(new TextEncoder().encode('123456789'))).toBe((((c >>> 15) | (c << 17)) + 0xa282ead8) >>> 0);
    expect(maskedCrc32c(new Uint8Array(0))).toBe(0xa282ead8);
    // The length header of the 24-byte file_version record every tfevents file starts with.
    expect(maskedCrc32c(Uint8Array.from([24, 0, 0, 0, 0, 0, 0, 0]))).toBe(0x224b7fa3);
  });
});
