import { checkBinaryInput } from './validate.js';
import { aucOfChecked } from './mann-whitney.js';

/**
 * The seed's running AUC: predictions are accumulated one exam at a time and, after each, the
 * ROC AUC over everything seen so far is logged — or 0.5 while only one class has been seen
 * (the seed's `try: roc_auc_score(...) except: auc = 0.5`). Invalid input (a label other than
 * 0/1, a NaN score) throws `MetricInputError` on `push` instead of being logged as 0.5.
 *
 * @example
 * ```ts
 * import { RunningAuc } from '@mrnet/metrics';
 * const running = new RunningAuc();
 * running.push(1, 0.9);
 * running.value();    // 0.5: one class so far
 * running.push(0, 0.2);
 * running.value();    // 1
 * running.reset();    // next epoch
 * ```
 */
export class RunningAuc {
  private readonly labels: number[] = [];
  private readonly scores: number[] = [];
  private cached: number | undefined;

  /** Adds one prediction (label 0/1, score such as a probability) and returns the new value. */
  push(yTrue: number, yScore: number): number {
    checkBinaryInput('RunningAuc.push', [yTrue], [yScore]);
    this.labels.push(yTrue);
    this.scores.push(yScore);
    this.cached = undefined;
    return this.value();
  }

  /** ROC AUC over the predictions pushed so far, or 0.5 while fewer than two classes are seen. */
  value(): number {
    if (this.cached !== undefined) return this.cached;
    const hasPos = this.labels.includes(1);
    const hasNeg = this.labels.includes(0);
    this.cached = hasPos && hasNeg
      ? aucOfChecked(Uint8Array.from(this.labels), Float64Array.from(this.scores), 'RunningAuc.value')
      : 0.5;
    return this.cached;
  }

  /** Number of predictions pushed since construction or the last `reset()`. */
  get count(): number {
    return this.labels.length;
  }

  /** Copies of the labels and scores pushed so far. */
  snapshot(): { yTrue: number[]; yScore: number[] } {
    return { yTrue: [...this.labels], yScore: [...this.scores] };
  }

  /** Forgets every prediction (the seed starts each epoch afresh). */
  reset(): void {
    this.labels.length = 0;
    this.scores.length = 0;
    this.cached = undefined;
  }
}
