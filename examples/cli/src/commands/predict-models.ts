import { PLANES, TASKS, type Plane } from '@mrnet/data';
import { describeBackend, initBackend } from '@mrnet/model';
import { predictExam, type TaskPrediction } from '@mrnet/stack';
import { EXIT_OK } from '../cli/exit-code.js';
import { defineFlags, type CommandIo, type FlagValuesOf } from '../cli/spec.js';
import { importedLines, resolveExamInput } from './exam-input.js';
import { parseSeriesFlag } from './import-flags.js';
import type { PREDICT_CHECKPOINT_FLAGS } from './predict-checkpoint.js';
import { asBadInput } from './stack-errors.js';
import { WORKERS_FLAG, workersFromFlags } from './workers-flag.js';

/** Flags of `mrnet predict --models …` (besides the shared `--json` and `--backend`). */
export const PREDICT_MODELS_FLAGS = defineFlags([
  { name: 'models', type: 'string', placeholder: 'DIR', help: 'models folder (DIR/TASK/PLANE/, DIR/TASK/stack.json)' },
  {
    name: 'exam',
    type: 'string',
    placeholder: 'DIR',
    help: 'exam folder with axial.npy, coronal.npy, sagittal.npy; a DICOM folder (imported as mrnet import does); or, with --id, a split folder (DATA/valid) with PLANE/ID.npy',
  },
  { name: 'series', type: 'string', placeholder: 'PLANE=UID,…', help: 'DICOM --exam: take these SeriesInstanceUIDs (as mrnet import --series)' },
  { name: 'id', type: 'int', min: 0, placeholder: 'N', help: 'exam id inside the --exam split folder (reads PLANE/NNNN.npy)' },
  { name: 'task', short: 't', type: 'enum', values: [...TASKS, 'all'], placeholder: 'T|all', help: 'task to predict (default all: every task with models)' },
  WORKERS_FLAG,
]);

/**
 * The JSON document `mrnet predict --models … --json` prints.
 *
 * @example
 * ```ts
 * import { predictExam } from '@mrnet/stack';
 * const doc = predictionsJson(files, await predictExam({ modelsDir: 'models', files }));
 * ```
 */
export function predictionsJson(files: Record<Plane, string> | { dicom: string; series: Record<Plane, string> }, tasks: readonly TaskPrediction[]) {
  return { exam: files, tasks: tasks.map((t) => ({ task: t.task, planes: t.planes, stacked: t.stacked, stale: t.stale })) };
}

/**
 * Runs `predict --models DIR --exam DIR [--id N] [--task T|all]`: the three plane probabilities and
 * the stacked one for every task whose models exist. Bad exam files (missing plane, wrong shape,
 * unreadable) exit 2 naming the file.
 *
 * @example
 * ```ts
 * await runPredictModels({ models: 'models', exam: 'MRNet-v1.0/valid', id: 1130, json: true, backend: 'wasm' }, io);
 * ```
 */
/** What `runPredictModels` reads: the models-mode flags with `--models` and `--exam` given, and the shared `--json`/`--backend`. */
export type PredictModelsFlags = FlagValuesOf<typeof PREDICT_MODELS_FLAGS> & { models: string; exam: string } & Pick<FlagValuesOf<typeof PREDICT_CHECKPOINT_FLAGS>, 'json' | 'backend'>;

export async function runPredictModels(flags: PredictModelsFlags, io: CommandIo): Promise<number> {
  const modelsDir = flags.models;
  const id = flags.id;
  const task = flags.task ?? 'all';
  const examDir = flags.exam;
  let exam;
  try {
    exam = await resolveExamInput(examDir, id, parseSeriesFlag(flags.series));
  } catch (e) {
    throw asBadInput(e);
  }
  const { files, imported } = exam;
  try {
    if (imported) for (const line of importedLines(imported)) io.stderr(`mrnet predict: DICOM ${line}\n`);
    const choice = await initBackend(flags.backend);
    const t0 = performance.now();
    // The planes run one after another on this thread, each exam split over every compute thread.
    const sliceWorkers = workersFromFlags(flags, 1);
    const tasks = await predictExam({ modelsDir, files, task, sliceWorkers });
    const seconds = ((performance.now() - t0) / 1000).toFixed(2);
    io.stderr(`mrnet predict: ${tasks.length} task${tasks.length === 1 ? '' : 's'} × 3 planes in ${seconds} s (${sliceWorkers} worker${sliceWorkers === 1 ? '' : 's'}); ${describeBackend(choice)}\n`);
    for (const t of tasks) {
      if (t.stale) io.stderr(`mrnet predict: warning: ${t.stackPath} was fitted on other ${t.task} plane models (retrained since); rerun mrnet stack\n`);
    }
    if (flags.json) {
      const source = imported ? { dicom: examDir, series: Object.fromEntries(PLANES.map((p) => [p, imported.planes[p].series])) as Record<Plane, string> } : files;
      io.stdout(`${JSON.stringify(predictionsJson(source, tasks), null, 2)}\n`);
    } else {
      io.stdout(`${'task'.padEnd(9)} ${PLANES.map((p) => p.padStart(8)).join(' ')}  ${'stacked'.padStart(8)}\n`);
      for (const t of tasks) {
        const stacked = t.stacked === null ? '(no stack)' : `${t.stacked.toFixed(4).padStart(8)}${t.stale ? ' (stale)' : ''}`;
        io.stdout(`${t.task.padEnd(9)} ${PLANES.map((p) => t.planes[p].toFixed(4).padStart(8)).join(' ')}  ${stacked}\n`);
      }
    }
    return EXIT_OK;
  } catch (e) {
    throw asBadInput(e);
  } finally {
    await exam.dispose();
  }
}
