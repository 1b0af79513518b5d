import { writeFileAtomic } from '@mrnet/options/node';
import { PLANES, TASKS, type Plane, type Task } from '@mrnet/data';
import { evaluateScorer, type ScorerEvaluation } from '@mrnet/metrics';
import { BACKEND_NAMES, type BackendName } from '@mrnet/model';
import { z } from 'zod';
import { extractPredictions, type ExtractProgress, type ExtractedPredictions } from '../extract/extract-predictions.js';
import { stackedModelPath } from '../extract/layout.js';
import type { PredictionRow } from '../extract/predictions-csv.js';
import { parseOptions } from '../options.js';
import { StackedModel } from '../stacked-model.js';

/**
 * Options of {@link fitStack}.
 *
 * @example
 * ```ts
 * const options: FitStackOptions = { data: 'MRNet-v1.0', task: 'acl', modelsDir: 'models' };
 * ```
 */
export interface FitStackOptions {
  /** MRNet-v1.0 dataset root. Required. */
  data: string;
  /** Task. Required. */
  task: Task;
  /** Plane models folder (`{modelsDir}/{task}/{plane}/`); the stacked model is saved as `{modelsDir}/{task}/stack.json`. Required. */
  modelsDir: string;
  /** Where `predictions/` goes. Default `modelsDir`. */
  out?: string;
  /** Worker threads for prediction extraction (0: inline). Default 3. */
  workers?: number;
  /** Backend of the prediction workers. Default `'auto'`. */
  backend?: BackendName;
  /** Threads each exam's slices are split over, per plane model (same probabilities; used on wasm/cpu). Default 1. */
  sliceWorkers?: number;
  /** Bootstrap resamples of the confidence intervals. Default 1000. */
  nResamples?: number;
  /** Seed of the bootstrap. Default 0. */
  seed?: number;
  /** Save the stacked model. Default true. */
  save?: boolean;
  /** Progress of the prediction extraction. */
  onProgress?: (event: ExtractProgress) => void;
}

/**
 * What the stack reports for one scorer (a plane model or the stack): train AUC, validation AUC
 * with its bootstrap CI, sensitivity/specificity/accuracy/PPV/NPV at 0.5 and at the Youden
 * threshold chosen on train (with bootstrap CIs on valid), and each split's class counts with
 * whether they are enough to trust the numbers ({@link ScorerEvaluation} of `@mrnet/metrics`).
 *
 * @example
 * ```ts
 * import { fitStack } from '@mrnet/stack';
 * const report = await fitStack({ data: 'MRNet-v1.0', task: 'acl', modelsDir: 'models' });
 * const { trainAuc, valid, operatingPoints } = report.planes.sagittal; // ScorerAuc
 * console.log(trainAuc, valid.auc, operatingPoints.youden.valid.metrics.sensitivity);
 * ```
 */
export type ScorerAuc = ScorerEvaluation;

/**
 * The result of {@link fitStack}.
 *
 * @example
 * ```ts
 * import { fitStack, type StackReport } from '@mrnet/stack';
 * const report: StackReport = await fitStack({ data: 'MRNet-v1.0', task: 'acl', modelsDir: 'models' });
 * console.log(`stacked val AUC ${report.stacked.valid.auc.toFixed(3)} → ${report.path}`);
 * ```
 */
export interface StackReport {
  task: Task;
  /** The fitted meta-model. */
  model: StackedModel;
  /** Where it was saved, or `null` when `save` is false. */
  path: string | null;
  /** Per-plane AUCs. */
  planes: Record<Plane, ScorerAuc>;
  /** The stacked model's AUCs. */
  stacked: ScorerAuc;
  /** Exams in each split. */
  counts: { train: number; valid: number };
  /** The prediction files used. */
  predictions: ExtractedPredictions;
}

const schema = z.strictObject({
  data: z.string().min(1),
  task: z.enum(TASKS),
  modelsDir: z.string().min(1),
  out: z.string().min(1).optional(),
  workers: z.number().int().min(0).max(64).default(3),
  backend: z.enum(BACKEND_NAMES).default('auto'),
  sliceWorkers: z.number().int().min(1).max(256).default(1),
  nResamples: z.number().int().min(1).default(1000),
  seed: z.number().int().min(0).max(0xffffffff).default(0),
  save: z.boolean().default(true),
  onProgress: z.custom<(e: ExtractProgress) => void>((v) => typeof v === 'function', 'must be a function').optional(),
});

function aucs(train: PredictionRow[], valid: PredictionRow[], score: (r: PredictionRow) => number, nResamples: number, seed: number): ScorerAuc {
  const split = (rows: PredictionRow[]) => ({ yTrue: rows.map((r) => r.label), yScore: rows.map(score) });
  return evaluateScorer(split(train), split(valid), { nResamples, seed });
}

/**
 * The MRNet stacking stage for one task: extracts (or reuses) the plane models' predictions on the
 * train and valid splits ({@link extractPredictions}), fits a {@link StackedModel} (logistic
 * regression with scikit-learn's defaults) on the train predictions, evaluates every plane and the
 * stack ({@link ScorerAuc}: AUC, and the rates at 0.5 and at the Youden threshold chosen on train,
 * on valid with seeded percentile-bootstrap 95% CIs), and saves the stack as
 * `{modelsDir}/{task}/stack.json` (task, feature order, coefficients, the plane models' hashes).
 *
 * @throws UndefinedMetricError (from `@mrnet/metrics`) when a split holds a single class;
 *   the errors of {@link extractPredictions}.
 * @example
 * ```ts
 * import { fitStack } from '@mrnet/stack';
 * const report = await fitStack({ data: 'MRNet-v1.0', task: 'acl', modelsDir: 'models' });
 * console.log(report.stacked.valid.auc, report.model.coef);
 * ```
 */
export async function fitStack(options: FitStackOptions): Promise<StackReport> {
  const o = parseOptions('fitStack', schema, options);
  const predictions = await extractPredictions({
    data: o.data,
    task: o.task,
    modelsDir: o.modelsDir,
    split: ['train', 'valid'],
    ...(o.out !== undefined ? { out: o.out } : {}),
    workers: o.workers,
    backend: o.backend,
    sliceWorkers: o.sliceWorkers,
    ...(o.onProgress !== undefined ? { onProgress: o.onProgress } : {}),
  });
  const train = predictions.splits.train!.rows;
  const valid = predictions.splits.valid!.rows;
  const model = StackedModel.fit(
    train,
    train.map((r) => r.label),
    { task: o.task, planeModelHashes: predictions.planeModelHashes },
  );
  const planes = Object.fromEntries(PLANES.map((p) => [p, aucs(train, valid, (r) => r[p], o.nResamples, o.seed)])) as Record<Plane, ScorerAuc>;
  const stacked = aucs(train, valid, (r) => model.predict(r), o.nResamples, o.seed);
  let path: string | null = null;
  if (o.save) {
    path = stackedModelPath(o.modelsDir, o.task);
    await writeFileAtomic(path, `${JSON.stringify(model, null, 2)}\n`);
  }
  return { task: o.task, model, path, planes, stacked, counts: { train: train.length, valid: valid.length }, predictions };
}
