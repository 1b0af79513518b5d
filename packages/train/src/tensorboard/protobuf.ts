/**
 * The few protobuf wire-format pieces an `Event` needs (varint, 64-bit, length-delimited, 32-bit),
 * written by hand to avoid a protobuf dependency. Internal helpers.
 */

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_I32 = 5;

/** Appends protobuf fields to a growing byte list. */
export class ProtoWriter {
  private readonly parts: number[] = [];

  private varint(n: number): void {
    // n is a non-negative integer ≤ 2^53; no bitwise ops (they truncate to 32 bits).
    let v = n;
    while (v >= 0x80) {
      this.parts.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.parts.push(v);
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  /** `double` field. */
  double(field: number, value: number): this {
    this.tag(field, WIRE_I64);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, value, true);
    this.parts.push(...b);
    return this;
  }

  /** `float` field (the value is rounded to float32). */
  float(field: number, value: number): this {
    this.tag(field, WIRE_I32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.parts.push(...b);
    return this;
  }

  /** Non-negative `int64` field. */
  uint(field: number, value: number): this {
    this.tag(field, WIRE_VARINT);
    this.varint(value);
    return this;
  }

  /** `bytes` or embedded-message field. */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LEN);
    this.varint(value.length);
    for (const x of value) this.parts.push(x);
    return this;
  }

  /** `string` field (UTF-8). */
  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** One decoded field: its number, wire type and raw value. */
export interface ProtoField {
  field: number;
  wire: number;
  /** For varints: the number; for I64/I32: the 8/4 raw bytes; for LEN: the payload. */
  value: number | Uint8Array;
}

/** Splits a protobuf message into fields (no schema); throws on malformed input. */
export function readProtoFields(bytes: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let off = 0;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      if (off >= bytes.length) throw new Error('protobuf: truncated varint');
      const b = bytes[off++]!;
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 0x80;
      if (mul > 2 ** 63) throw new Error('protobuf: varint too long');
    }
  };
  const take = (n: number): Uint8Array => {
    if (off + n > bytes.length) throw new Error('protobuf: truncated field');
    const v = bytes.subarray(off, off + n);
    off += n;
    return v;
  };
  while (off < bytes.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === WIRE_VARINT) out.push({ field, wire, value: varint() });
    else if (wire === WIRE_I64) out.push({ field, wire, value: take(8) });
    else if (wire === WIRE_LEN) out.push({ field, wire, value: take(varint()) });
    else if (wire === WIRE_I32) out.push({ field, wire, value: take(4) });
    else throw new Error(`protobuf: unsupported wire type ${wire} for field ${field}`);
  }
  return out;
}
