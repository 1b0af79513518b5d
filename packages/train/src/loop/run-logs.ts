import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Plane, Task } from '@mrnet/data';
import { curvesFigure, type EpochRecord } from '@mrnet/viz';
import { renderPng } from '@mrnet/viz/node';
import { LogFileError } from '../errors.js';
import { MetricsLog } from '../history/metrics-log.js';
import { EventFileWriter } from '../tensorboard/event-file-writer.js';

/** `YYYYMMDD-HHMMSS` in local time, as the seed's `strftime("%Y%m%d-%H%M%S")`. @internal */
export function runStamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/**
 * Removes the earlier runs (sub-folders) of `{logdir}/{task}/{plane}/`, as the seed's
 * `--flush_history 1`; files there and other task/plane folders are left alone. @internal
 */
export function flushRunHistory(logdir: string, task: Task, plane: Plane): string[] {
  const root = path.join(logdir, task, plane);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new LogFileError(`flushRunHistory: cannot list ${root}: ${(e as Error).message}`, root, { cause: e });
  }
  const removed: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const dir = path.join(root, e.name);
    fs.rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

/** Creates a fresh run folder `{logdir}/{task}/{plane}/{stamp}` (suffix `-1`, `-2`… if taken). @internal */
export function createRunDir(logdir: string, task: Task, plane: Plane, now = new Date()): string {
  const root = path.join(logdir, task, plane);
  try {
    fs.mkdirSync(root, { recursive: true });
  } catch (e) {
    throw new LogFileError(`createRunDir: cannot create ${root}: ${(e as Error).message}`, root, { cause: e });
  }
  const stamp = runStamp(now);
  for (let n = 0; n < 1000; n++) {
    const dir = path.join(root, n === 0 ? stamp : `${stamp}-${n}`);
    try {
      fs.mkdirSync(dir);
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new LogFileError(`createRunDir: cannot create ${dir}: ${(e as Error).message}`, dir, { cause: e });
    }
  }
  throw new LogFileError(`createRunDir: ${root}: too many runs named ${stamp}`, root);
}

/**
 * Name of the loss/AUC curves figure in each run folder (rewritten every epoch).
 * @example
 * ```ts
 * import { join } from 'node:path';
 * import { CURVES_FILE } from '@mrnet/train';
 * const png = join(result.logDir, CURVES_FILE); // …/logs/acl/sagittal/20240101-120000/curves.png
 * ```
 */
export const CURVES_FILE = 'curves.png';

/**
 * A run's logs: TensorBoard event file (the seed's tags), `metrics.jsonl` and `curves.png`, all in
 * one folder. Lines and events are flushed at least once per epoch and before every checkpoint.
 * @internal
 */
export class RunLogs {
  readonly dir: string;
  readonly events: EventFileWriter;
  readonly metrics: MetricsLog;
  readonly #title: string;

  constructor(dir: string, title: string) {
    this.dir = dir;
    this.#title = title;
    this.events = new EventFileWriter(dir, { maxQueue: 50 });
    this.metrics = new MetricsLog(path.join(dir, 'metrics.jsonl'));
  }

  /** Rewrites `curves.png` (atomically: temp file + rename). */
  writeCurves(history: readonly EpochRecord[]): void {
    if (history.length === 0) return;
    const png = renderPng(curvesFigure(history, { title: this.#title }));
    const file = path.join(this.dir, CURVES_FILE);
    const tmp = `${file}.tmp-${process.pid}`;
    try {
      fs.writeFileSync(tmp, png);
      fs.renameSync(tmp, file);
    } catch (e) {
      throw new LogFileError(`RunLogs.writeCurves: cannot write ${file}: ${(e as Error).message}`, file, { cause: e });
    }
  }

  flush(): void {
    this.events.flush();
  }

  close(): void {
    this.events.close();
    this.metrics.close();
  }
}
