import { z } from 'zod';
import { parseOptions } from '@mrnet/options';
import { checkEnvelope, StateFormatError } from '@mrnet/options';

/**
 * Anything with a settable learning rate, such as {@link Adam}.
 *
 * @example
 * ```ts
 * import { ReduceLROnPlateau, type LearningRateHolder } from '@mrnet/train';
 * const holder: LearningRateHolder = { lr: 1e-3 }; // an Adam works too
 * const scheduler = new ReduceLROnPlateau(holder, { factor: 0.5, patience: 0 });
 * scheduler.step(1.0);
 * scheduler.step(1.0);
 * holder.lr; // 0.0005
 * ```
 */
export interface LearningRateHolder {
  lr: number;
}

/**
 * Options of {@link ReduceLROnPlateau}; defaults are PyTorch's.
 *
 * @example
 * ```ts
 * import { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from '@mrnet/train';
 * const seed: ReduceLROnPlateauOptions = { patience: 3, factor: 0.3, threshold: 1e-4 };
 * const scheduler = new ReduceLROnPlateau(adam, seed);
 * ```
 */
export interface ReduceLROnPlateauOptions {
  /** `'min'`: lower metric is better (a loss); `'max'`: higher is better (an AUC). Default `'min'`. */
  mode?: 'min' | 'max';
  /** Multiplier applied to the learning rate on a plateau, in [0, 1). Default 0.1 (the seed: 0.3). */
  factor?: number;
  /** Epochs without improvement tolerated before reducing. Default 10 (the seed: 3). */
  patience?: number;
  /** Minimal change that counts as an improvement. Default 1e-4. */
  threshold?: number;
  /** `'rel'`: better than best·(1 ∓ threshold); `'abs'`: better than best ∓ threshold. Default `'rel'`. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting bad epochs again. Default 0. */
  cooldown?: number;
  /** Lower bound of the learning rate. Default 0. */
  minLr?: number;
  /** A reduction smaller than this is not applied. Default 1e-8. */
  eps?: number;
}

/**
 * The JSON form of a {@link ReduceLROnPlateau} (`toJSON()` / `fromJSON()`).
 *
 * @example
 * ```ts
 * import { ReduceLROnPlateau, type ReduceLROnPlateauState } from '@mrnet/train';
 * const state: ReduceLROnPlateauState = scheduler.toJSON();
 * const restored = ReduceLROnPlateau.fromJSON(state, adam);
 * ```
 */
export interface ReduceLROnPlateauState {
  format: 'mrnet-reduce-lr-on-plateau';
  version: 1;
  options: Required<ReduceLROnPlateauOptions>;
  /** Best metric so far; `null` before the first step (PyTorch: ±inf). */
  best: number | null;
  numBadEpochs: number;
  cooldownCounter: number;
  lastEpoch: number;
}

const optionsSchema = z.strictObject({
  mode: z.enum(['min', 'max']).default('min'),
  factor: z.number().min(0).lt(1).default(0.1),
  patience: z.number().int().nonnegative().default(10),
  threshold: z.number().finite().nonnegative().default(1e-4),
  thresholdMode: z.enum(['rel', 'abs']).default('rel'),
  cooldown: z.number().int().nonnegative().default(0),
  minLr: z.number().finite().nonnegative().default(0),
  eps: z.number().finite().nonnegative().default(1e-8),
});

/**
 * Reduces an optimiser's learning rate when a metric stops improving, with the semantics of
 * PyTorch 1.13's `torch.optim.lr_scheduler.ReduceLROnPlateau` (one parameter group): each
 * `step(metric)` counts a bad epoch unless the metric beats the best by the threshold; when bad
 * epochs exceed `patience`, `lr ← max(lr·factor, minLr)` (skipped if the change is ≤ eps), then
 * `cooldown` epochs pass without counting. A NaN metric counts as a bad epoch, as in PyTorch.
 * The learning rate is read from and written to `optimizer.lr`. Checked for exact equality
 * against PyTorch's learning-rate sequences (`scripts/fixtures/make_train_fixtures.py`).
 *
 * @example
 * ```ts
 * import { Adam, ReduceLROnPlateau } from '@mrnet/train';
 * const adam = new Adam(variables, { lr: 1e-5, weightDecay: 0.1 });
 * const scheduler = new ReduceLROnPlateau(adam, { patience: 3, factor: 0.3, threshold: 1e-4 });
 * for (const valLoss of [0.69, 0.6, 0.6, 0.6, 0.6, 0.6]) scheduler.step(valLoss);
 * adam.lr; // 3e-6: reduced after the 4th epoch without improvement
 * ```
 */
export class ReduceLROnPlateau {
  /** Format name written by `toJSON()` and checked by `fromJSON()`. */
  static readonly FORMAT = 'mrnet-reduce-lr-on-plateau';
  /** Format version written by `toJSON()` and checked by `fromJSON()`. */
  static readonly VERSION = 1;

  readonly options: Readonly<Required<ReduceLROnPlateauOptions>>;
  private readonly optimizer: LearningRateHolder;
  private bestValue: number;
  private bad = 0;
  private cooldownLeft = 0;
  private epoch = 0;

  /**
   * @param optimizer - holder of the learning rate to adjust (e.g. an {@link Adam})
   * @param options - see {@link ReduceLROnPlateauOptions}
   */
  constructor(optimizer: LearningRateHolder, options: ReduceLROnPlateauOptions = {}) {
    if (optimizer === null || typeof optimizer !== 'object' || typeof optimizer.lr !== 'number') {
      throw new TypeError('ReduceLROnPlateau: optimizer must have a numeric lr property');
    }
    this.options = Object.freeze(parseOptions('ReduceLROnPlateau', optionsSchema, options));
    this.optimizer = optimizer;
    this.bestValue = this.worst();
  }

  private worst(): number {
    return this.options.mode === 'min' ? Infinity : -Infinity;
  }

  /** Whether `a` beats `best` by the threshold (PyTorch's `is_better`). */
  private isBetter(a: number, best: number): boolean {
    const { mode, thresholdMode, threshold } = this.options;
    if (mode === 'min' && thresholdMode === 'rel') return a < best * (1 - threshold);
    if (mode === 'min') return a < best - threshold;
    if (thresholdMode === 'rel') return a > best * (threshold + 1);
    return a > best + threshold;
  }

  /** Records one epoch's metric; reduces the optimiser's lr on a plateau and returns the lr. */
  step(metric: number): number {
    if (typeof metric !== 'number') throw new TypeError(`ReduceLROnPlateau.step: metric must be a number (got ${typeof metric})`);
    this.epoch += 1;
    if (this.isBetter(metric, this.bestValue)) {
      this.bestValue = metric;
      this.bad = 0;
    } else {
      this.bad += 1;
    }
    if (this.cooldownLeft > 0) {
      this.cooldownLeft -= 1;
      this.bad = 0;
    }
    if (this.bad > this.options.patience) {
      const oldLr = this.optimizer.lr;
      const newLr = Math.max(oldLr * this.options.factor, this.options.minLr);
      if (oldLr - newLr > this.options.eps) this.optimizer.lr = newLr;
      this.cooldownLeft = this.options.cooldown;
      this.bad = 0;
    }
    return this.optimizer.lr;
  }

  /** Best metric so far (±Infinity before the first step). */
  get best(): number {
    return this.bestValue;
  }

  /** Consecutive epochs without improvement (PyTorch's `num_bad_epochs`). */
  get numBadEpochs(): number {
    return this.bad;
  }

  /** Epochs of cooldown left (PyTorch's `cooldown_counter`). */
  get cooldownCounter(): number {
    return this.cooldownLeft;
  }

  /** Number of `step()` calls so far (PyTorch's `last_epoch`). */
  get lastEpoch(): number {
    return this.epoch;
  }

  /** The scheduler's state as plain JSON (the learning rate itself lives in the optimiser). */
  toJSON(): ReduceLROnPlateauState {
    return {
      format: ReduceLROnPlateau.FORMAT,
      version: 1,
      options: { ...this.options },
      best: Number.isFinite(this.bestValue) ? this.bestValue : null,
      numBadEpochs: this.bad,
      cooldownCounter: this.cooldownLeft,
      lastEpoch: this.epoch,
    };
  }

  /**
   * Restores a scheduler saved by `toJSON()`, attached to `optimizer`. Throws `StateFormatError`
   * for another format or version or a malformed state.
   */
  static fromJSON(json: unknown, optimizer: LearningRateHolder): ReduceLROnPlateau {
    const fmt = ReduceLROnPlateau.FORMAT;
    const j = checkEnvelope('ReduceLROnPlateau.fromJSON', json, { format: fmt, version: ReduceLROnPlateau.VERSION, aliases: ['mrnet.reduce-lr-on-plateau'] }) as Partial<ReduceLROnPlateauState>;
    const schema = z.object({
      options: z.unknown(),
      best: z.number().nullable(),
      numBadEpochs: z.number().int().nonnegative(),
      cooldownCounter: z.number().int().nonnegative(),
      lastEpoch: z.number().int().nonnegative(),
    });
    const parsed = schema.safeParse(j);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new StateFormatError(`ReduceLROnPlateau.fromJSON: ${issue.path.join('.')}: ${issue.message}`, fmt);
    }
    if (optimizer === null || typeof optimizer !== 'object' || typeof optimizer.lr !== 'number') {
      throw new TypeError('ReduceLROnPlateau.fromJSON: optimizer must have a numeric lr property');
    }
    let s: ReduceLROnPlateau;
    try {
      s = new ReduceLROnPlateau(optimizer, parsed.data.options as ReduceLROnPlateauOptions);
    } catch (e) {
      throw new StateFormatError(`ReduceLROnPlateau.fromJSON: ${(e as Error).message}`, fmt);
    }
    s.bestValue = parsed.data.best ?? s.worst();
    s.bad = parsed.data.numBadEpochs;
    s.cooldownLeft = parsed.data.cooldownCounter;
    s.epoch = parsed.data.lastEpoch;
    return s;
  }
}
