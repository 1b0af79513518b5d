import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { parseOptions } from '@mrnet/options';
import { LogFileError } from '../errors.js';
import { encodeEvent, type TensorBoardEvent } from './event.js';
import { encodeTfRecord } from './tfrecord.js';

/**
 * Options of {@link EventFileWriter}.
 *
 * @example
 * ```ts
 * import { EventFileWriter, type EventFileWriterOptions } from '@mrnet/train';
 * const options: EventFileWriterOptions = { filenameSuffix: '.sagittal', maxQueue: 1 };
 * const writer = new EventFileWriter('logs/acl/sagittal/run1', options);
 * writer.addScalar('Loss/train', 0.69, 1);
 * writer.close();
 * ```
 */
export interface EventFileWriterOptions {
  /** Events buffered before an automatic `flush()`. Default 10 (as tensorboardX's queue). */
  maxQueue?: number;
  /** Appended to the file name (e.g. `'.sagittal'`). Default `''`. */
  filenameSuffix?: string;
  /** Clock in milliseconds since the epoch, for wall times and the file name. Default `Date.now`. */
  now?: () => number;
}

const optionsSchema = z.strictObject({
  maxQueue: z.number().int().positive().default(10),
  filenameSuffix: z.string().regex(/^[^/\\]*$/, 'must not contain a path separator').default(''),
  now: z.custom<() => number>((v) => typeof v === 'function', 'must be a function').default(() => Date.now),
});

/**
 * Writes a TensorBoard event file, `DIR/events.out.tfevents.{10-digit seconds}.{hostname}{suffix}`
 * (a `.1`, `.2`, … is added if that name exists), readable by TensorBoard: TFRecord framing with
 * masked CRC-32C, `Event` protos, the `file_version: "brain.Event:2"` event first. Scalars are
 * buffered and appended on `flush()` (automatic every `maxQueue` events, and on `close()`), each
 * flush followed by an fsync: what was flushed survives a crash, and a process killed mid-append
 * leaves at most one partial record at the end, which readers skip. Synchronous I/O, so it suits
 * a training loop and worker threads alike.
 *
 * @example
 * ```ts
 * import { EventFileWriter } from '@mrnet/train';
 * const writer = new EventFileWriter('./logs/acl/sagittal/20240101-120000');
 * writer.addScalar('Train/Loss', 0.6931, 0);
 * writer.addScalar('Train/AUC', 0.5, 0);
 * writer.close(); // then: tensorboard --logdir ./logs
 * ```
 */
export class EventFileWriter {
  /** Path of the event file. */
  readonly path: string;
  private fd: number | undefined;
  private queue: Uint8Array[] = [];
  private readonly maxQueue: number;
  private readonly now: () => number;

  /**
   * @param dir - folder for the event file, created if missing
   * @param options - see {@link EventFileWriterOptions}
   */
  constructor(dir: string, options: EventFileWriterOptions = {}) {
    if (typeof dir !== 'string' || dir === '') throw new TypeError('EventFileWriter: dir must be a non-empty string');
    const o = parseOptions('EventFileWriter', optionsSchema, options);
    this.maxQueue = o.maxQueue;
    this.now = o.now;
    const ms = this.now();
    const base = `events.out.tfevents.${String(Math.floor(ms / 1000)).padStart(10, '0')}.${os.hostname()}${o.filenameSuffix}`;
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new LogFileError(`EventFileWriter: cannot create ${dir}: ${(e as Error).message}`, dir, { cause: e });
    }
    let file = path.join(dir, base);
    for (let n = 1; ; n++) {
      try {
        this.fd = fs.openSync(file, 'wx');
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || n > 1000) {
          throw new LogFileError(`EventFileWriter: cannot create ${file}: ${(e as Error).message}`, file, { cause: e });
        }
        file = path.join(dir, `${base}.${n}`);
      }
    }
    this.path = file;
    this.enqueue({ wallTime: ms / 1000, step: 0, fileVersion: 'brain.Event:2' });
    this.flush();
  }

  private enqueue(event: TensorBoardEvent): void {
    this.queue.push(encodeTfRecord(encodeEvent(event)));
    if (this.queue.length >= this.maxQueue) this.flush();
  }

  /**
   * Adds a scalar (stored as float32, NaN and ±Infinity included) under `tag` at `step`, the
   * seed's `writer.add_scalar(tag, value, step)`.
   * @param tag - e.g. `'Train/Loss'`
   * @param value - the scalar
   * @param step - integer ≥ 0 (x axis in TensorBoard)
   * @param wallTime - seconds since the epoch; default: now
   */
  addScalar(tag: string, value: number, step: number, wallTime?: number): void {
    if (this.fd === undefined) throw new LogFileError(`EventFileWriter.addScalar: ${this.path} is closed`, this.path);
    if (typeof tag !== 'string' || tag === '') throw new TypeError('EventFileWriter.addScalar: tag must be a non-empty string');
    if (typeof value !== 'number') throw new TypeError(`EventFileWriter.addScalar: '${tag}' value must be a number (got ${typeof value})`);
    if (typeof step !== 'number') throw new TypeError(`EventFileWriter.addScalar: '${tag}' step must be a number (got ${typeof step})`);
    if (!Number.isSafeInteger(step) || step < 0) {
      throw new RangeError(`EventFileWriter.addScalar: '${tag}' step must be an integer ≥ 0 (got ${step})`);
    }
    const wt = wallTime ?? this.now() / 1000;
    if (typeof wt !== 'number' || !Number.isFinite(wt)) throw new RangeError(`EventFileWriter.addScalar: wallTime must be finite (got ${wt})`);
    this.enqueue({ wallTime: wt, step, scalars: [{ tag, value }] });
  }

  /** Appends the buffered events to the file and fsyncs it. */
  flush(): void {
    if (this.fd === undefined || this.queue.length === 0) return;
    const total = this.queue.reduce((n, r) => n + r.length, 0);
    const buf = new Uint8Array(total);
    let off = 0;
    for (const r of this.queue) {
      buf.set(r, off);
      off += r.length;
    }
    try {
      let written = 0;
      while (written < buf.length) written += fs.writeSync(this.fd, buf, written, buf.length - written);
      fs.fsyncSync(this.fd);
    } catch (e) {
      throw new LogFileError(`EventFileWriter.flush: cannot write ${this.path}: ${(e as Error).message}`, this.path, { cause: e });
    }
    this.queue = [];
  }

  /** Flushes and closes the file; later `addScalar` calls throw. Idempotent. */
  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
