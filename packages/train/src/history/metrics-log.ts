import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { parseOptions } from '@mrnet/options';
import { LogFileError } from '../errors.js';

/**
 * One line of `metrics.jsonl`: a flat or nested JSON object.
 *
 * @example
 * ```ts
 * import { MetricsLog, type MetricsRecord } from '@mrnet/train';
 * const record: MetricsRecord = { epoch: 1, trainLoss: 0.69, valAuc: 0.71 };
 * const log = new MetricsLog('logs/metrics.jsonl');
 * log.append(record);
 * log.close();
 * ```
 */
export type MetricsRecord = Record<string, unknown>;

/**
 * Options of {@link MetricsLog}.
 *
 * @example
 * ```ts
 * import { MetricsLog, type MetricsLogOptions } from '@mrnet/train';
 * const options: MetricsLogOptions = { truncate: true, fsync: false };
 * const log = new MetricsLog('scratch/metrics.jsonl', options);
 * ```
 */
export interface MetricsLogOptions {
  /** Start a new file instead of appending to an existing one. Default false (append, for resume). */
  truncate?: boolean;
  /** fsync after every line, so a line survives a power cut. Default true. */
  fsync?: boolean;
}

const optionsSchema = z.strictObject({
  truncate: z.boolean().default(false),
  fsync: z.boolean().default(true),
});

/**
 * Appends one JSON object per line to a `metrics.jsonl` file, each line written with a single
 * `write` and flushed (fsync) before `append` returns, so a crash loses at most the line being
 * written — which {@link MetricsLog.read} then skips. Numbers that JSON cannot hold (NaN,
 * ±Infinity) are written as `null`, as `JSON.stringify` does.
 *
 * @example
 * ```ts
 * import { MetricsLog } from '@mrnet/train';
 * const log = new MetricsLog('./logs/acl/sagittal/20240101-120000/metrics.jsonl');
 * log.append({ epoch: 1, trainLoss: 0.6931, trainAuc: 0.52, valLoss: 0.68, valAuc: 0.61, lr: 1e-5 });
 * log.close();
 * MetricsLog.read(log.path); // [{ epoch: 1, ... }]
 * ```
 */
export class MetricsLog {
  /** The file written. */
  readonly path: string;
  private fd: number | undefined;
  private readonly sync: boolean;

  constructor(file: string, options: MetricsLogOptions = {}) {
    if (typeof file !== 'string' || file === '') throw new TypeError('MetricsLog: file must be a non-empty string');
    const o = parseOptions('MetricsLog', optionsSchema, options);
    this.path = file;
    this.sync = o.fsync;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      this.fd = fs.openSync(file, o.truncate ? 'w' : 'a');
    } catch (e) {
      throw new LogFileError(`MetricsLog: cannot open ${file}: ${(e as Error).message}`, file, { cause: e });
    }
  }

  /** Writes `record` as one JSON line and flushes it. */
  append(record: MetricsRecord): void {
    if (this.fd === undefined) throw new LogFileError(`MetricsLog.append: ${this.path} is closed`, this.path);
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new TypeError(`MetricsLog.append: record must be a plain object (got ${Array.isArray(record) ? 'array' : typeof record})`);
    }
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    try {
      let written = 0;
      while (written < line.length) written += fs.writeSync(this.fd, line, written, line.length - written);
      if (this.sync) fs.fsyncSync(this.fd);
    } catch (e) {
      throw new LogFileError(`MetricsLog.append: cannot write ${this.path}: ${(e as Error).message}`, this.path, { cause: e });
    }
  }

  /** Closes the file (idempotent); later `append` calls throw. */
  close(): void {
    if (this.fd === undefined) return;
    fs.closeSync(this.fd);
    this.fd = undefined;
  }

  /**
   * Reads every complete line of a `metrics.jsonl` file. A last line without its newline (a
   * writer killed mid-line) is skipped; any other line that is not a JSON object throws
   * `LogFileError` naming `file:line`.
   */
  static read(file: string): MetricsRecord[] {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new LogFileError(`MetricsLog.read: cannot read ${file}: ${(e as Error).message}`, file, { cause: e });
    }
    const lines = text.split('\n');
    lines.pop(); // '' after the final newline, or a partial line
    return lines.map((line, i) => {
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        throw new LogFileError(`MetricsLog.read: ${file}:${i + 1}: not JSON: ${line.slice(0, 60)}`, file);
      }
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        throw new LogFileError(`MetricsLog.read: ${file}:${i + 1}: not a JSON object`, file);
      }
      return v as MetricsRecord;
    });
  }
}
