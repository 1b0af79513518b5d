import { maskedCrc32c } from './crc32c.js';

/**
 * Frames one record as TFRecord: `uint64 length (LE) | uint32 masked_crc32c(length bytes) |
 * data | uint32 masked_crc32c(data)`. Internal helper of the event-file writer and reader.
 */
export function encodeTfRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length + 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length % 0x100000000, true);
  view.setUint32(4, Math.floor(data.length / 0x100000000), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

/** The records of a TFRecord byte stream, and whether it ended inside a record. */
export interface TfRecords {
  records: Uint8Array[];
  /** The stream ended in the middle of a record (e.g. a writer killed mid-write); it was dropped. */
  truncated: boolean;
}

/**
 * Splits a TFRecord byte stream into records, checking both CRCs of each. A partial record at the
 * end is dropped (`truncated`), as TensorBoard does; a CRC mismatch throws an `Error` naming the
 * byte offset. Internal helper.
 */
export function decodeTfRecords(bytes: Uint8Array): TfRecords {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: Uint8Array[] = [];
  let off = 0;
  while (off < bytes.length) {
    if (off + 12 > bytes.length) return { records, truncated: true };
    const len = view.getUint32(off, true) + view.getUint32(off + 4, true) * 0x100000000;
    if (view.getUint32(off + 8, true) !== maskedCrc32c(bytes.subarray(off, off + 8))) {
      throw new Error(`length CRC mismatch in the record at byte ${off}`);
    }
    if (off + 12 + len + 4 > bytes.length) return { records, truncated: true };
    const data = bytes.subarray(off + 12, off + 12 + len);
    if (view.getUint32(off + 12 + len, true) !== maskedCrc32c(data)) {
      throw new Error(`data CRC mismatch in the record at byte ${off}`);
    }
    records.push(data);
    off += 16 + len;
  }
  return { records, truncated: false };
}
