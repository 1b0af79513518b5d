import type { Plane, Task } from '@mrnet/data';

/**
 * What {@link trainPlaneModel} reports through `onProgress`, in order: one `start`; per epoch,
 * `step` events (train then valid) and one `epoch`; `checkpoint` whenever a model or resume file is
 * committed; `line` for each of the seed's console lines; one `end`.
 *
 * @example
 * ```ts
 * const onProgress = (e: TrainEvent): void => {
 *   if (e.type === 'line') console.log(e.text);
 * };
 * ```
 */
export type TrainEvent =
  | {
      type: 'start';
      task: Task;
      plane: Plane;
      epochs: number;
      trainSize: number;
      validSize: number;
      logDir: string;
      /** Where a resumed run continues (0-based epoch, phase, steps already done), or `null`. */
      resumedAt: { epoch: number; phase: 'train' | 'valid'; step: number } | null;
    }
  | {
      type: 'step';
      phase: 'train' | 'valid';
      /** 0-based epoch. */
      epoch: number;
      epochs: number;
      /** 0-based step within the phase. */
      step: number;
      steps: number;
      loss: number;
      /** Mean loss of the phase so far. */
      meanLoss: number;
      /** Running AUC of the phase so far (0.5 while one class only). */
      auc: number;
      lr: number;
      /** Seconds since the epoch started (this process). */
      elapsed: number;
    }
  | {
      type: 'epoch';
      /** 0-based epoch. */
      epoch: number;
      epochs: number;
      trainLoss: number;
      trainAuc: number;
      valLoss: number;
      valAuc: number;
      /** Learning rate used during the epoch. */
      lr: number;
      seconds: number;
      /** Val AUC strictly improved (a best model was saved if `saveModel`). */
      best: boolean;
      /** The early-stopping counter after this epoch. */
      counter: number;
    }
  | { type: 'checkpoint'; kind: 'best' | 'resume'; path: string; epoch: number }
  | { type: 'line'; text: string }
  | { type: 'end'; status: TrainStatus; seconds: number };

/**
 * How a run ended.
 *
 * @example
 * ```ts
 * import { trainPlaneModel, type TrainStatus } from '@mrnet/train';
 * const status: TrainStatus = (await trainPlaneModel({ dataRoot: 'data', task: 'acl', plane: 'axial', pretrained: 'none' })).status;
 * if (status === 'interrupted') console.error('run again with resume: true to continue');
 * ```
 */
export type TrainStatus = 'completed' | 'early-stopped' | 'interrupted';

/**
 * A number as Python's `repr` prints it (`1e-05`, `0.0003`, `0.5`), so console lines read like the
 * seed's. @internal
 */
export function pyRepr(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const exp = Math.floor(Math.log10(Math.abs(x)));
  if (exp < -4 || exp >= 16) {
    const [m, e] = x.toExponential().split('e') as [string, string];
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  const s = String(x);
  return Number.isInteger(x) ? `${s}.0` : s;
}

/** The seed's per-`log_every` training line. @internal */
export function formatTrainStepLine(e: { epoch: number; epochs: number; step: number; steps: number; meanLoss: number; auc: number; lr: number }): string {
  return `[Epoch: ${e.epoch + 1} / ${e.epochs} |Single batch number : ${e.step} / ${e.steps} ]| avg train loss ${pyRepr(e.meanLoss)} | train auc : ${pyRepr(e.auc)} | lr : ${pyRepr(e.lr)}`;
}

/** The seed's per-`log_every` validation line. @internal */
export function formatValidStepLine(e: { epoch: number; epochs: number; step: number; steps: number; meanLoss: number; auc: number; lr: number }): string {
  return `[Epoch: ${e.epoch + 1} / ${e.epochs} |Single batch number : ${e.step} / ${e.steps} ] | avg val loss ${pyRepr(e.meanLoss)} | val auc : ${pyRepr(e.auc)} | lr : ${pyRepr(e.lr)}`;
}

/** The seed's epoch summary line, preceded by which epoch it is (1-based: `epoch 1/50 | …`). @internal */
export function formatEpochLine(e: { epoch: number; epochs: number; trainLoss: number; trainAuc: number; valLoss: number; valAuc: number; seconds: number }): string {
  return `epoch ${e.epoch}/${e.epochs} | train loss : ${pyRepr(e.trainLoss)} | train auc ${pyRepr(e.trainAuc)} | val loss ${pyRepr(e.valLoss)} | val auc ${pyRepr(e.valAuc)} | elapsed time ${e.seconds.toFixed(2)} s`;
}
