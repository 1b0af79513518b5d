import { fitStack } from '@mrnet/stack';
import type { Job } from 'bullmq';
import { parseJobData } from '../jobs/job-data.js';
import { assertVisible } from './check-visible.js';
import type { JobContext } from './job-context.js';
import type { TrainJobResult } from './train-job.js';

/**
 * What a finished stack job returns.
 *
 * @example
 * ```ts
 * const r: StackJobResult = { task: 'acl', seed: 0, modelsDir: 'models', stackPath: 'models/acl/stack.json', valAuc: 0.95, seedMeanValAuc: { '0': 0.9 } };
 * ```
 */
export interface StackJobResult {
  task: string;
  /** The seed whose three plane models were stacked. */
  seed: number;
  modelsDir: string;
  stackPath: string;
  /** The stacked model's validation AUC. */
  valAuc: number;
  /** Each seed's mean best val AUC over its planes (how the seed was chosen). */
  seedMeanValAuc: Record<string, number>;
}

/**
 * Picks the seed to stack: the one whose plane models have the highest mean best val AUC (ties: the
 * smallest seed). With one seed, that seed.
 *
 * @example
 * ```ts
 * import { chooseStackSeed } from '@mrnet/queue';
 * chooseStackSeed([{ seed: 0, bestValAuc: 0.8 }, { seed: 1, bestValAuc: 0.9 }]).seed; // 1
 * ```
 */
export function chooseStackSeed(results: readonly { seed: number; bestValAuc: number }[]): { seed: number; means: Record<string, number> } {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const r of results) {
    const s = sums.get(r.seed) ?? { sum: 0, n: 0 };
    s.sum += r.bestValAuc;
    s.n += 1;
    sums.set(r.seed, s);
  }
  const means: Record<string, number> = {};
  let best: number | null = null;
  for (const [seed, { sum, n }] of [...sums].sort((a, b) => a[0] - b[0])) {
    means[String(seed)] = sum / n;
    if (best === null || sum / n > means[String(best)]!) best = seed;
  }
  if (best === null) throw new Error('chooseStackSeed: no plane results');
  return { seed: best, means };
}

/**
 * Runs a task's stack job once its plane jobs are done: chooses the seed (best mean val AUC over
 * its planes), fits the stacked logistic regression on that seed's models (as `mrnet stack`) and
 * saves `MODELS/TASK/stack.json`.
 *
 * @example
 * ```ts
 * const result = await runStackJob(job, context);
 * ```
 */
export async function runStackJob(job: Job, ctx: JobContext): Promise<StackJobResult> {
  const d = parseJobData('stack', job.data, `job ${job.id}`);
  const children = Object.values(await job.getChildrenValues<TrainJobResult>());
  const { seed, means } = chooseStackSeed(children);
  const modelsDir = d.seedModels[String(seed)];
  if (modelsDir === undefined) throw new Error(`job ${job.id}: no models folder recorded for seed ${seed}`);
  await assertVisible([d.dataRoot], [modelsDir]);
  ctx.log(`job ${job.id}: stacking ${d.task} on seed ${seed} (${modelsDir})`);
  await job.updateProgress({ task: d.task, phase: 'stack', seed });
  const report = await fitStack({ data: d.dataRoot, task: d.task, modelsDir, workers: 1, sliceWorkers: ctx.computeWorkers, backend: d.backend, nResamples: 200 });
  return { task: d.task, seed, modelsDir, stackPath: report.path ?? `${modelsDir}/${d.task}/stack.json`, valAuc: report.stacked.valid.auc, seedMeanValAuc: means };
}
