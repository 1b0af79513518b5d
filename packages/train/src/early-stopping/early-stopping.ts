import { z } from 'zod';
import { parseOptions } from '@mrnet/options';
import { checkEnvelope, StateFormatError } from '@mrnet/options';

/**
 * Options of {@link EarlyStopping}.
 *
 * @example
 * ```ts
 * import { EarlyStopping, type EarlyStoppingOptions } from '@mrnet/train';
 * const options: EarlyStoppingOptions = { patience: 5 };
 * const stopper = new EarlyStopping(options);
 * ```
 */
export interface EarlyStoppingOptions {
  /** Epochs without a strictly lower validation loss after which to stop. Default 5 (`--patience`). */
  patience?: number;
}

/**
 * What {@link EarlyStopping.step} reports for one epoch.
 *
 * @example
 * ```ts
 * import { EarlyStopping, type EarlyStoppingStep } from '@mrnet/train';
 * const stopper = new EarlyStopping({ patience: 1 });
 * stopper.step(0.7);
 * const s: EarlyStoppingStep = stopper.step(0.8); // { improved: false, counter: 1, stop: true }
 * ```
 */
export interface EarlyStoppingStep {
  /** The loss was strictly lower than the best so far (and is now the best). */
  improved: boolean;
  /** Epochs since the last improvement (the seed's `iteration_change_loss`). */
  counter: number;
  /** The counter has reached `patience`: stop training (stays true afterwards). */
  stop: boolean;
}

/**
 * The JSON form of an {@link EarlyStopping} (`toJSON()` / `fromJSON()`).
 *
 * @example
 * ```ts
 * import { EarlyStopping, type EarlyStoppingState } from '@mrnet/train';
 * const state: EarlyStoppingState = stopper.toJSON();
 * const restored = EarlyStopping.fromJSON(state);
 * ```
 */
export interface EarlyStoppingState {
  format: 'mrnet-early-stopping';
  version: 1;
  patience: number;
  /** Best validation loss so far; `null` before the first epoch (the seed: `inf`). */
  best: number | null;
  counter: number;
  stopped: boolean;
}

const optionsSchema = z.strictObject({ patience: z.number().int().positive().default(5) });

/**
 * Early stopping on the validation loss, counted exactly as the seed's `train.py`: after each
 * epoch `iteration_change_loss += 1`; then if `val_loss < best_val_loss` (strictly) the best is
 * updated and the counter reset to 0; training stops when the counter equals `patience`. Feed it
 * the same (rounded to 4 decimals) loss the seed compares. A NaN loss never improves.
 *
 * @example
 * ```ts
 * import { EarlyStopping } from '@mrnet/train';
 * const early = new EarlyStopping({ patience: 2 });
 * early.step(0.7);  // { improved: true,  counter: 0, stop: false }
 * early.step(0.7);  // { improved: false, counter: 1, stop: false }  (equal is no improvement)
 * early.step(0.71); // { improved: false, counter: 2, stop: true }
 * ```
 */
export class EarlyStopping {
  /** Format name written by `toJSON()` and checked by `fromJSON()`. */
  static readonly FORMAT = 'mrnet-early-stopping';
  /** Format version written by `toJSON()` and checked by `fromJSON()`. */
  static readonly VERSION = 1;

  readonly patience: number;
  private bestValue = Infinity;
  private count = 0;
  private stopped = false;

  constructor(options: EarlyStoppingOptions = {}) {
    this.patience = parseOptions('EarlyStopping', optionsSchema, options).patience;
  }

  /** Records one epoch's validation loss. */
  step(valLoss: number): EarlyStoppingStep {
    if (typeof valLoss !== 'number') throw new TypeError(`EarlyStopping.step: valLoss must be a number (got ${typeof valLoss})`);
    this.count += 1;
    const improved = valLoss < this.bestValue;
    if (improved) {
      this.bestValue = valLoss;
      this.count = 0;
    }
    if (this.count === this.patience) this.stopped = true;
    return { improved, counter: this.count, stop: this.stopped };
  }

  /** Best validation loss so far (Infinity before the first epoch). */
  get best(): number {
    return this.bestValue;
  }

  /** Epochs since the last improvement. */
  get counter(): number {
    return this.count;
  }

  /** Whether the patience has been exhausted. */
  get shouldStop(): boolean {
    return this.stopped;
  }

  /** The counters as plain JSON, for resuming. */
  toJSON(): EarlyStoppingState {
    return {
      format: EarlyStopping.FORMAT,
      version: 1,
      patience: this.patience,
      best: Number.isFinite(this.bestValue) ? this.bestValue : null,
      counter: this.count,
      stopped: this.stopped,
    };
  }

  /** Restores counters saved by `toJSON()`; throws `StateFormatError` if they are not that. */
  static fromJSON(json: unknown): EarlyStopping {
    const fmt = EarlyStopping.FORMAT;
    checkEnvelope('EarlyStopping.fromJSON', json, { format: fmt, version: EarlyStopping.VERSION, aliases: ['mrnet.early-stopping'] });
    const schema = z.object({
      patience: z.number().int().positive(),
      best: z.number().nullable(),
      counter: z.number().int().nonnegative(),
      stopped: z.boolean(),
    });
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new StateFormatError(`EarlyStopping.fromJSON: ${issue.path.join('.') || 'state'}: ${issue.message}`, fmt);
    }
    const e = new EarlyStopping({ patience: parsed.data.patience });
    e.bestValue = parsed.data.best ?? Infinity;
    e.count = parsed.data.counter;
    e.stopped = parsed.data.stopped;
    return e;
  }
}
