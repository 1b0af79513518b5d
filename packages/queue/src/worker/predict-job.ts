import { dirname } from 'node:path';
import { writeFileAtomic } from '@mrnet/options/node';
import { PLANES, TASKS } from '@mrnet/data';
import { predictExams } from '@mrnet/stack';
import type { Job } from 'bullmq';
import { compareExamKeys } from '../enqueue/list-exams.js';
import { parseJobData } from '../jobs/job-data.js';
import { assertVisible } from './check-visible.js';
import type { JobContext } from './job-context.js';

/**
 * One exam's row of a batch prediction: per task, the three plane probabilities and the stacked one
 * (`null` without a stack.json).
 *
 * @example
 * ```ts
 * const row: BatchRow = { key: '1130', tasks: { acl: { axial: 0.2, coronal: 0.3, sagittal: 0.9, stacked: 0.8 } } };
 * ```
 */
export interface BatchRow {
  key: string;
  tasks: Record<string, { axial: number; coronal: number; sagittal: number; stacked: number | null }>;
}

/**
 * Runs a batch-prediction chunk: every task with models, each plane model loaded once for the chunk.
 *
 * @example
 * ```ts
 * const rows = await runPredictJob(job, context);
 * ```
 */
export async function runPredictJob(job: Job, ctx: JobContext): Promise<BatchRow[]> {
  const d = parseJobData('predict', job.data, `job ${job.id}`);
  await assertVisible([d.modelsDir, ...d.exams.map((e) => dirname(e.files.sagittal))]);
  const preds = await predictExams({ modelsDir: d.modelsDir, exams: d.exams.map((e) => ({ id: e.id, files: e.files })), task: 'all', workers: 1, sliceWorkers: ctx.computeWorkers, backend: d.backend });
  const rows = preds.map((p, i): BatchRow => ({
    key: d.exams[i]!.key,
    tasks: Object.fromEntries(p.tasks.map((t) => [t.task, { ...t.planes, stacked: t.stacked }])),
  }));
  await job.updateProgress({ phase: 'predict', exams: rows.length });
  return rows;
}

/**
 * The CSV of a batch prediction, in exam-key order: `id`, then per task (in the order abnormal, acl,
 * meniscus) `TASK_axial,TASK_coronal,TASK_sagittal,TASK_stacked` (empty without a stack).
 *
 * @example
 * ```ts
 * import { formatBatchCsv } from '@mrnet/queue';
 * formatBatchCsv([{ key: '2', tasks: { acl: { axial: 0.1, coronal: 0.2, sagittal: 0.3, stacked: null } } }]);
 * // 'id,acl_axial,acl_coronal,acl_sagittal,acl_stacked\n2,0.1,0.2,0.3,\n'
 * ```
 */
export function formatBatchCsv(rows: readonly BatchRow[]): string {
  const tasks = TASKS.filter((t) => rows.some((r) => r.tasks[t] !== undefined));
  const header = ['id', ...tasks.flatMap((t) => [...PLANES.map((p) => `${t}_${p}`), `${t}_stacked`])];
  const lines = [...rows].sort((a, b) => compareExamKeys(a.key, b.key)).map((r) => [
    r.key,
    ...tasks.flatMap((t) => {
      const v = r.tasks[t];
      return v === undefined ? ['', '', '', ''] : [...PLANES.map((p) => String(v[p])), v.stacked === null ? '' : String(v.stacked)];
    }),
  ].join(','));
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

/**
 * Runs the gather job of a batch prediction once its chunks are done: one CSV in exam-key order,
 * written atomically.
 *
 * @example
 * ```ts
 * const { rows, out } = await runGatherJob(job, context);
 * ```
 */
export async function runGatherJob(job: Job, ctx: JobContext): Promise<{ out: string; rows: number }> {
  const d = parseJobData('gather', job.data, `job ${job.id}`);
  const rows = Object.values(await job.getChildrenValues<BatchRow[]>()).flat();
  if (rows.length !== d.exams) throw new Error(`job ${job.id}: ${rows.length} rows gathered from ${d.chunks} chunks, expected ${d.exams}`);
  await assertVisible([], [dirname(d.out)]);
  await writeFileAtomic(d.out, formatBatchCsv(rows), { mkdir: false });
  ctx.log(`job ${job.id}: wrote ${rows.length} exams to ${d.out}`);
  return { out: d.out, rows: rows.length };
}
