import type { TrainEvent } from '../loop/train-events.js';
import { formatDuration } from './format-duration.js';

/**
 * Where a {@link ProgressDisplay} writes: a stream-like object (e.g. `process.stderr`).
 *
 * @example
 * ```ts
 * import { ProgressDisplay, type ProgressStream } from '@mrnet/train';
 * const lines: string[] = [];
 * const stream: ProgressStream = { write: (text) => lines.push(text), isTTY: false };
 * const display = new ProgressDisplay({ rows: ['sagittal'], stream });
 * ```
 */
export interface ProgressStream {
  /** Writes text as is (the display adds its own newlines and cursor moves). */
  write(text: string): unknown;
  /** A terminal: status lines are redrawn in place. Otherwise plain lines are printed. */
  isTTY?: boolean;
  /** Terminal width (status lines are cut to it). */
  columns?: number;
}

/**
 * Options of {@link ProgressDisplay}.
 *
 * @example
 * ```ts
 * import { ProgressDisplay, type ProgressDisplayOptions } from '@mrnet/train';
 * const options: ProgressDisplayOptions = { rows: ['axial', 'coronal', 'sagittal'], stream: process.stderr };
 * const display = new ProgressDisplay(options);
 * ```
 */
export interface ProgressDisplayOptions {
  /** One status row per label (e.g. the planes being trained), in display order. Required. */
  rows: readonly string[];
  /** Where to write. Required. */
  stream: ProgressStream;
  /** Force terminal (`true`) or plain (`false`) mode. Default: `stream.isTTY`. */
  tty?: boolean;
  /** Minimum milliseconds between two redraws of the status rows (TTY). Default 100. */
  refreshMs?: number;
  /** Clock in milliseconds (tests). Default `Date.now`. */
  now?: () => number;
  /**
   * Off a terminal: print a row's status line at least this often while it trains (ms), so that a
   * piped or `nohup` run is never silent for long. Default 30 000.
   */
  plainEveryMs?: number;
}

interface RowState {
  epoch: number;
  epochs: number;
  phase: 'train' | 'valid' | 'done' | 'waiting';
  step: number;
  steps: number;
  meanLoss: number;
  auc: number;
  epochElapsed: number;
  trainSize: number;
  validSize: number;
  /** Seconds per finished epoch (for the run ETA). */
  epochSeconds: number[];
  best: number;
  note: string;
  /** Off a terminal: when the status line was last printed, and the tenth of the phase reached. */
  printedAt: number;
  tenth: number;
}

const BAR = 20;

/**
 * Shows training progress: on a terminal, one live status row per plane — epoch, phase, a bar,
 * running loss/AUC, and ETAs for the epoch and the run — with the seed's console lines scrolling
 * above; elsewhere (a file, a pipe, CI) just the seed's lines, prefixed with the row label when
 * there are several rows.
 *
 * @example
 * ```ts
 * import { ProgressDisplay, trainPlaneModel } from '@mrnet/train';
 * const display = new ProgressDisplay({ rows: ['sagittal'], stream: process.stderr });
 * await trainPlaneModel({ dataRoot: 'data', task: 'acl', plane: 'sagittal', onProgress: (e) => display.update('sagittal', e) });
 * display.close();
 * ```
 */
export class ProgressDisplay {
  readonly #rows: string[];
  readonly #state = new Map<string, RowState>();
  readonly #stream: ProgressStream;
  readonly #tty: boolean;
  readonly #refreshMs: number;
  readonly #now: () => number;
  readonly #plainEveryMs: number;
  #drawn = 0;
  #lastDraw = -Infinity;
  #closed = false;

  constructor(options: ProgressDisplayOptions) {
    if (!options || !Array.isArray(options.rows) || options.rows.some((r) => typeof r !== 'string')) {
      throw new TypeError('ProgressDisplay: rows must be an array of strings');
    }
    if (!options.stream || typeof options.stream.write !== 'function') throw new TypeError('ProgressDisplay: stream must have a write method');
    if (options.rows.length === 0) throw new RangeError('ProgressDisplay: rows must not be empty');
    this.#rows = [...options.rows];
    this.#stream = options.stream;
    this.#tty = options.tty ?? options.stream.isTTY === true;
    this.#refreshMs = options.refreshMs ?? 100;
    this.#now = options.now ?? Date.now;
    this.#plainEveryMs = options.plainEveryMs ?? 30_000;
    for (const r of this.#rows) {
      this.#state.set(r, {
        epoch: 0, epochs: 0, phase: 'waiting', step: 0, steps: 0, meanLoss: NaN, auc: NaN, epochElapsed: 0,
        trainSize: 0, validSize: 0, epochSeconds: [], best: 0, note: 'starting', printedAt: this.#now(), tenth: 0,
      });
    }
  }

  /** Feeds one event of the run shown in `row`. */
  update(row: string, event: TrainEvent): void {
    const st = this.#state.get(row);
    if (!st) throw new RangeError(`ProgressDisplay.update: unknown row ${JSON.stringify(row)} (rows: ${this.#rows.join(', ')})`);
    const prefix = this.#rows.length > 1 ? `[${row}] ` : '';
    switch (event.type) {
      case 'start':
        Object.assign(st, { epochs: event.epochs, epoch: event.resumedAt?.epoch ?? 0, trainSize: event.trainSize, validSize: event.validSize, note: '' });
        break;
      case 'step': {
        if (event.step === 0) st.tenth = 0; // a new phase
        Object.assign(st, {
          epoch: event.epoch, epochs: event.epochs, phase: event.phase, step: event.step + 1, steps: event.steps,
          meanLoss: event.meanLoss, auc: event.auc, epochElapsed: event.elapsed,
        });
        if (!this.#tty) this.#plainProgress(row, st);
        break;
      }
      case 'epoch':
        st.epochSeconds.push(event.seconds);
        st.best = Math.max(st.best, event.valAuc);
        break;
      case 'line':
        this.print(`${prefix}${event.text}`);
        return;
      case 'checkpoint':
        if (event.kind === 'best') this.print(`${prefix}best model (epoch ${event.epoch + 1}) saved to ${event.path}`);
        break;
      case 'end':
        st.phase = 'done';
        st.note = `${event.status} in ${formatDuration(event.seconds)}`;
        break;
    }
    this.#redraw(event.type !== 'step');
  }

  /** Prints a line above the status rows (or just the line, when not on a terminal). */
  print(text: string): void {
    if (this.#closed) return;
    if (!this.#tty) {
      this.#stream.write(`${text}\n`);
      return;
    }
    this.#stream.write(`${this.#clear()}${text}\n`);
    this.#drawn = 0;
    this.#redraw(true);
  }

  /** Draws the status rows a last time and stops redrawing. */
  close(): void {
    if (this.#closed) return;
    this.#redraw(true);
    this.#closed = true;
  }

  /** The status row of `row` as text (also used for terminals). */
  statusLine(row: string): string {
    const st = this.#state.get(row)!;
    const label = row.padEnd(Math.max(...this.#rows.map((r) => r.length)));
    if (st.phase === 'waiting') return `${label}  ${st.note}`;
    if (st.phase === 'done') return `${label}  ${st.note}${st.best > 0 ? ` | best val auc ${st.best.toFixed(4)}` : ''}`;
    const frac = st.steps > 0 ? st.step / st.steps : 0;
    const filled = Math.round(frac * BAR);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}`;
    // Epoch ETA from this epoch's rate: validation steps cost about a third of a training step.
    const done = st.phase === 'train' ? st.step : st.trainSize + st.step / 3;
    const total = st.trainSize + st.validSize / 3;
    const rate = done > 0 ? st.epochElapsed / done : NaN;
    const epochLeft = rate * (total - done);
    const perEpoch = st.epochSeconds.length > 0 ? st.epochSeconds.reduce((a, b) => a + b, 0) / st.epochSeconds.length : rate * total;
    const runLeft = epochLeft + perEpoch * Math.max(0, st.epochs - st.epoch - 1);
    const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(4) : '-');
    return `${label}  epoch ${st.epoch + 1}/${st.epochs} ${st.phase.padEnd(5)} ${bar} ${st.step}/${st.steps} loss ${fmt(st.meanLoss)} auc ${fmt(st.auc)} | ETA epoch ${formatDuration(epochLeft)}, run ≤${formatDuration(runLeft)}`;
  }

  // Off a terminal the status rows are not drawn; instead a row's status line is printed every
  // tenth of a phase and at least every `plainEveryMs` (a long epoch is never silent).
  #plainProgress(row: string, st: RowState): void {
    const t = this.#now();
    const tenth = st.steps > 0 ? Math.floor((10 * st.step) / st.steps) : 0;
    if (tenth > st.tenth || t - st.printedAt >= this.#plainEveryMs) {
      st.tenth = tenth;
      st.printedAt = t;
      this.print(this.statusLine(row).replace(/ [█░]+ /, ' '));
    }
  }

  #clear(): string {
    return this.#drawn > 0 ? `\x1b[${this.#drawn}A\x1b[0J` : '';
  }

  #redraw(force: boolean): void {
    if (!this.#tty || this.#closed) return;
    const t = this.#now();
    if (!force && t - this.#lastDraw < this.#refreshMs) return;
    this.#lastDraw = t;
    const width = Math.max(20, (this.#stream.columns ?? 120) - 1);
    const lines = this.#rows.map((r) => {
      const s = this.statusLine(r);
      return s.length > width ? s.slice(0, width) : s;
    });
    this.#stream.write(`${this.#clear()}${lines.join('\n')}\n`);
    this.#drawn = lines.length;
  }
}
