import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventFileWriter } from './event-file-writer.js';
import { readEventFile } from './read-event-file.js';
import { encodeEvent, type TensorBoardEvent } from './event.js';
import { encodeTfRecord } from './tfrecord.js';
import { LogFileError } from '../errors.js';

const fixtureDir = new URL('../../fixtures/tensorboard/', import.meta.url);
const golden = new Uint8Array(fs.readFileSync(new URL('golden.tfevents', fixtureDir)));
interface GoldenEvent { wallTime: number; step: number; fileVersion?: string; scalars?: Array<{ tag: string; value: number; float32: number }> }
const goldenEvents = (JSON.parse(fs.readFileSync(new URL('golden.json', fixtureDir), 'utf8')) as { events: GoldenEvent[] }).events;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mrnet-tb-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('TensorBoard event encoding', () => {
  it('produces the bytes of Google protobuf + TFRecord framing (golden file)', () => {
    const parts = goldenEvents.map((e) => encodeTfRecord(encodeEvent({
      wallTime: e.wallTime,
      step: e.step,
      ...(e.fileVersion !== undefined ? { fileVersion: e.fileVersion } : {}),
      ...(e.scalars !== undefined ? { scalars: e.scalars.map(({ tag, value }) => ({ tag, value })) } : {}),
    })));
    const ours = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let off = 0;
    for (const p of parts) { ours.set(p, off); off += p.length; }
    expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(golden).toString('hex'));
  });

  it('reads the golden file back (step > 2^32, unicode tag, float32 values)', () => {
    const file = path.join(tmp, 'golden.tfevents');
    fs.writeFileSync(file, golden);
    const events = readEventFile(file);
    expect(events).toEqual(goldenEvents.map((e): TensorBoardEvent => ({
      wallTime: e.wallTime,
      step: e.step,
      ...(e.fileVersion !== undefined ? { fileVersion: e.fileVersion } : {}),
      ...(e.scalars !== undefined ? { scalars: e.scalars.map((s) => ({ tag: s.tag, value: s.float32 })) } : {}),
    })));
  });
});

describe('EventFileWriter', () => {
  it('names the file as TensorBoard expects and writes file_version first', () => {
    const dir = path.join(tmp, 'a', 'nested');
    const w = new EventFileWriter(dir, { now: () => 1_700_000_000_250 });
    expect(path.basename(w.path)).toBe(`events.out.tfevents.1700000000.${os.hostname()}`);
    const events = readEventFile(w.path); // flushed at construction
    expect(events).toEqual([{ wallTime: 1_700_000_000.25, step: 0, fileVersion: 'brain.Event:2' }]);
    w.close();
    const w2 = new EventFileWriter(dir, { now: () => 1_700_000_000_900 });
    expect(w2.path).toBe(`${w.path}.1`);
    w2.close();
  });

  it('buffers scalars until flush, then appends them durably; close flushes the rest', () => {
    let t = 1_700_000_000_000;
    const w = new EventFileWriter(path.join(tmp, 'b'), { now: () => t, maxQueue: 3 });
    w.addScalar('Train/Loss', 0.25, 0);
    t += 500;
    w.addScalar('Train/AUC', 0.5, 0);
    expect(readEventFile(w.path)).toHaveLength(1);
    w.addScalar('Val/Loss', 1.5, 7, 42.5); // third event: automatic flush
    expect(readEventFile(w.path).slice(1)).toEqual([
      { wallTime: 1_700_000_000, step: 0, scalars: [{ tag: 'Train/Loss', value: 0.25 }] },
      { wallTime: 1_700_000_000.5, step: 0, scalars: [{ tag: 'Train/AUC', value: 0.5 }] },
      { wallTime: 42.5, step: 7, scalars: [{ tag: 'Val/Loss', value: 1.5 }] },
    ]);
    w.addScalar('Val/AUC', Number.NaN, 8);
    w.flush();
    expect(readEventFile(w.path)[4]!.scalars![0]!.value).toBeNaN();
    w.addScalar('Val/AUC_epoch', 0.75, 1);
    w.close();
    w.close();
    expect(readEventFile(w.path).map((e) => e.scalars?.[0]?.tag)).toEqual([undefined, 'Train/Loss', 'Train/AUC', 'Val/Loss', 'Val/AUC', 'Val/AUC_epoch']);
    expect(() => w.addScalar('x', 1, 1)).toThrow(LogFileError);
  });

  it('leaves a readable file when cut mid-record (a killed writer)', () => {
    const w = new EventFileWriter(path.join(tmp, 'c'), { maxQueue: 1 });
    for (let i = 0; i < 5; i++) w.addScalar('Train/Loss', i / 10, i);
    w.close();
    const full = fs.readFileSync(w.path);
    const cut = path.join(tmp, 'c', 'cut.tfevents');
    fs.writeFileSync(cut, full.subarray(0, full.length - 7));
    expect(readEventFile(cut).map((e) => e.step)).toEqual([0, 0, 1, 2, 3]);
    const corrupt = Buffer.from(full);
    corrupt[corrupt.length - 10]! ^= 0xff;
    fs.writeFileSync(cut, corrupt);
    expect(() => readEventFile(cut)).toThrow(/data CRC mismatch/);
  });

  it('rejects bad arguments', () => {
    const w = new EventFileWriter(path.join(tmp, 'd'));
    expect(() => w.addScalar('', 1, 0)).toThrow(TypeError);
    expect(() => w.addScalar('a', 1, -1)).toThrow(RangeError);
    expect(() => w.addScalar('a', 1, 0.5)).toThrow(RangeError);
    expect(() => w.addScalar('a', '1' as unknown as number, 0)).toThrow(TypeError);
    w.close();
    expect(() => new EventFileWriter(path.join(tmp, 'e'), { maxQueue: 0 })).toThrow(RangeError);
    expect(() => new EventFileWriter(path.join(tmp, 'e'), { filenameSuffix: '/x' })).toThrow(RangeError);
    expect(() => readEventFile(path.join(tmp, 'missing'))).toThrow(LogFileError);
  });
});
