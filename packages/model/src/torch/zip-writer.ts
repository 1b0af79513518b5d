/** CRC-32 (IEEE 802.3, the zip format's), table-driven. */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Alignment of every record's data, as torch's `PyTorchStreamWriter` (`kFieldAlignment`). */
const ALIGN = 64;
const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const EOCD = 22;
/** The extra-field id torch pads with: "FB". */
const PAD_ID = 0x4246;

/**
 * A zip archive of uncompressed (stored) records, laid out as `torch.save` does since PyTorch 1.6:
 * every record's data starts at a multiple of 64 bytes, reached by an `FB` extra field filled with
 * `Z` (so that torch can map storages in place), no compression, timestamps zero. Deterministic:
 * the same records give the same bytes. Written by hand rather than with fflate's `zipSync`
 * because the padding depends on each record's offset, which that API does not expose.
 *
 * @throws RangeError when the archive would need zip64 (≥ 4 GiB or ≥ 65,535 records).
 * @internal
 */
export function storedZip(records: readonly { name: string; bytes: Uint8Array }[]): Uint8Array {
  const enc = new TextEncoder();
  const entries = records.map((r) => ({ name: enc.encode(r.name), bytes: r.bytes, crc: crc32(r.bytes), offset: 0, pad: 0 }));
  let cursor = 0;
  for (const e of entries) {
    e.offset = cursor;
    const start = cursor + LOCAL_HEADER + e.name.length + 4;
    e.pad = (ALIGN - (start % ALIGN)) % ALIGN;
    cursor = start + e.pad + e.bytes.length;
  }
  const centralStart = cursor;
  const centralSize = entries.reduce((n, e) => n + CENTRAL_HEADER + e.name.length, 0);
  const total = centralStart + centralSize + EOCD;
  if (total >= 0xffffffff || entries.length >= 0xffff) throw new RangeError(`storedZip: ${total} bytes in ${entries.length} records needs zip64, which is not written`);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  for (const e of entries) {
    let p = e.offset;
    v.setUint32(p, 0x04034b50, true);
    v.setUint16(p + 4, 20, true); // version needed: 2.0
    v.setUint16(p + 6, 0x0800, true); // names are UTF-8
    v.setUint16(p + 8, 0, true); // stored
    v.setUint32(p + 14, e.crc, true);
    v.setUint32(p + 18, e.bytes.length, true);
    v.setUint32(p + 22, e.bytes.length, true);
    v.setUint16(p + 26, e.name.length, true);
    v.setUint16(p + 28, 4 + e.pad, true);
    out.set(e.name, p + LOCAL_HEADER);
    p += LOCAL_HEADER + e.name.length;
    v.setUint16(p, PAD_ID, true);
    v.setUint16(p + 2, e.pad, true);
    out.fill(0x5a, p + 4, p + 4 + e.pad); // 'Z'
    out.set(e.bytes, p + 4 + e.pad);
  }
  let p = centralStart;
  for (const e of entries) {
    v.setUint32(p, 0x02014b50, true);
    v.setUint16(p + 4, 20, true); // made by: 2.0, MS-DOS attributes
    v.setUint16(p + 6, 20, true);
    v.setUint16(p + 8, 0x0800, true);
    v.setUint16(p + 10, 0, true);
    v.setUint32(p + 16, e.crc, true);
    v.setUint32(p + 20, e.bytes.length, true);
    v.setUint32(p + 24, e.bytes.length, true);
    v.setUint16(p + 28, e.name.length, true);
    v.setUint32(p + 42, e.offset, true);
    out.set(e.name, p + CENTRAL_HEADER);
    p += CENTRAL_HEADER + e.name.length;
  }
  v.setUint32(p, 0x06054b50, true);
  v.setUint16(p + 8, entries.length, true);
  v.setUint16(p + 10, entries.length, true);
  v.setUint32(p + 12, centralSize, true);
  v.setUint32(p + 16, centralStart, true);
  return out;
}
