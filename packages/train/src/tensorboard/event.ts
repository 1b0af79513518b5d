import { ProtoWriter, readProtoFields } from './protobuf.js';

/**
 * One scalar in a summary: `Summary.Value { tag = 1; simple_value = 2 }`.
 *
 * @example
 * ```ts
 * import { readEventFile, type ScalarValue } from '@mrnet/train';
 * const scalars: ScalarValue[] = readEventFile(file).flatMap((e) => e.scalars ?? []);
 * console.log(scalars.filter((s) => s.tag === 'Loss/val').map((s) => s.value));
 * ```
 */
export interface ScalarValue {
  tag: string;
  value: number;
}

/**
 * A TensorBoard `Event` as this package writes and reads it: `wall_time` (1, double, seconds),
 * `step` (2, int64), and either `file_version` (3, string) or `summary` (5) of scalars.
 *
 * @example
 * ```ts
 * import { readEventFile, type TensorBoardEvent } from '@mrnet/train';
 * const events: TensorBoardEvent[] = readEventFile('logs/acl/sagittal/20240101-120000/events.out.tfevents.1704110400.host');
 * console.log(events[0]?.fileVersion); // 'brain.Event:2'
 * ```
 */
export interface TensorBoardEvent {
  wallTime: number;
  step: number;
  fileVersion?: string;
  scalars?: ScalarValue[];
}

/**
 * Serialises an `Event` proto. Fields equal to proto3 defaults (wall_time 0, step 0) are omitted,
 * as protobuf's own serialisers do, so the bytes equal `Event.SerializeToString()`. Internal.
 */
export function encodeEvent(event: TensorBoardEvent): Uint8Array {
  const w = new ProtoWriter();
  if (event.wallTime !== 0) w.double(1, event.wallTime);
  if (event.step !== 0) w.uint(2, event.step);
  if (event.fileVersion !== undefined) w.string(3, event.fileVersion);
  if (event.scalars !== undefined) {
    const summary = new ProtoWriter();
    for (const s of event.scalars) {
      const value = new ProtoWriter();
      if (s.tag !== '') value.string(1, s.tag);
      value.float(2, s.value);
      summary.bytes(1, value.finish());
    }
    w.bytes(5, summary.finish());
  }
  return w.finish();
}

/** Parses an `Event` proto, keeping the fields above and ignoring others. Internal. */
export function decodeEvent(bytes: Uint8Array): TensorBoardEvent {
  const ev: TensorBoardEvent = { wallTime: 0, step: 0 };
  for (const f of readProtoFields(bytes)) {
    if (f.field === 1 && f.value instanceof Uint8Array && f.value.length === 8) {
      ev.wallTime = new DataView(f.value.buffer, f.value.byteOffset, 8).getFloat64(0, true);
    } else if (f.field === 2 && typeof f.value === 'number') {
      ev.step = f.value;
    } else if (f.field === 3 && f.value instanceof Uint8Array) {
      ev.fileVersion = new TextDecoder().decode(f.value);
    } else if (f.field === 5 && f.value instanceof Uint8Array) {
      ev.scalars ??= [];
      for (const v of readProtoFields(f.value)) {
        if (v.field !== 1 || !(v.value instanceof Uint8Array)) continue;
        let tag = '';
        let value: number | undefined;
        for (const x of readProtoFields(v.value)) {
          if (x.field === 1 && x.value instanceof Uint8Array) tag = new TextDecoder().decode(x.value);
          if (x.field === 2 && x.value instanceof Uint8Array && x.value.length === 4) {
            value = new DataView(x.value.buffer, x.value.byteOffset, 4).getFloat32(0, true);
          }
        }
        if (value !== undefined) ev.scalars.push({ tag, value });
      }
    }
  }
  return ev;
}
