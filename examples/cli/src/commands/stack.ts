import { PLANES, TASKS, type Plane } from '@mrnet/data';
import { BACKEND_NAMES } from '@mrnet/model';
import { fitStack, type ExtractProgress, type ScorerAuc, type StackReport } from '@mrnet/stack';
import { EXIT_OK } from '../cli/exit-code.js';
import { defineCommand, type CommandIo } from '../cli/spec.js';
import { WORKERS_FLAG, workersFromFlags } from './workers-flag.js';
import { asBadInput } from './stack-errors.js';
import { formatOperatingPoints, reliabilityJson, scorerJson } from './stack-metrics.js';

/**
 * The JSON document `mrnet stack --json` prints: exam counts and whether they are enough to trust
 * the numbers (`reliability`: fewer than 10 positives or negatives in a split makes its AUC and CIs
 * unreliable), per-plane and stacked AUCs (val with a bootstrap 95% CI) and operating points (at
 * 0.5 and at Youden's J threshold chosen on train: sensitivity, specificity, accuracy, PPV, NPV
 * with CIs on valid, confusion matrices), the coefficients, and the files used and written.
 *
 * @example
 * ```ts
 * import { fitStack } from '@mrnet/stack';
 * const doc = stackReportJson(await fitStack({ data, task: 'acl', modelsDir: 'models' }));
 * ```
 */
export function stackReportJson(r: StackReport) {
  return {
    task: r.task,
    counts: r.counts,
    reliability: reliabilityJson(r),
    planes: Object.fromEntries(PLANES.map((p) => [p, scorerJson(r.planes[p])])) as Record<Plane, ReturnType<typeof scorerJson>>,
    stacked: scorerJson(r.stacked),
    coefficients: { axial: r.model.coef[0], coronal: r.model.coef[1], sagittal: r.model.coef[2], intercept: r.model.intercept },
    stackPath: r.path,
    predictions: {
      train: r.predictions.splits.train!.csv,
      valid: r.predictions.splits.valid!.csv,
      reused: r.predictions.splits.train!.reused && r.predictions.splits.valid!.reused,
    },
    planeModelHashes: r.predictions.planeModelHashes,
  };
}

const f3 = (x: number): string => x.toFixed(3);

/**
 * The human-readable table of a stacking report: one row per plane and one for the stack, with
 * train AUC, val AUC and its 95% CI; the operating-points table (see {@link formatOperatingPoints}) with
 * any reliability warning; then the coefficients.
 *
 * @example
 * ```ts
 * process.stdout.write(formatStackReport(report));
 * ```
 */
export function formatStackReport(r: StackReport): string {
  const row = (name: string, s: ScorerAuc): string =>
    `${name.padEnd(10)} ${f3(s.trainAuc).padStart(9)} ${f3(s.valid.auc).padStart(7)}  [${f3(s.valid.lower)}, ${f3(s.valid.upper)}]\n`;
  const c = r.model.coef;
  return (
    `${r.task}: ${r.counts.train} train / ${r.counts.valid} valid exams\n` +
    `${'model'.padEnd(10)} ${'train AUC'.padStart(9)} ${'val AUC'.padStart(7)}  95% CI (bootstrap)\n` +
    PLANES.map((p) => row(p, r.planes[p])).join('') +
    row('stacked', r.stacked) +
    '\n' +
    formatOperatingPoints(r) +
    '\n' +
    `coefficients: axial ${c[0].toFixed(4)}, coronal ${c[1].toFixed(4)}, sagittal ${c[2].toFixed(4)}, intercept ${r.model.intercept.toFixed(4)}\n` +
    (r.path ? `stacked model: ${r.path}\n` : '')
  );
}

/**
 * Progress lines of prediction extraction for stderr: the prediction workers' backend (each distinct
 * line once), one per reused or written CSV and one when a plane finishes a split.
 *
 * @example
 * ```ts
 * import { fitStack } from '@mrnet/stack';
 * await fitStack({ ...options, onProgress: extractProgressPrinter('mrnet stack', io) });
 * ```
 */
export function extractProgressPrinter(prefix: string, io: CommandIo): (e: ExtractProgress) => void {
  const backends = new Set<string>(); // the workers' engines, each distinct line once
  return (e) => {
    if (e.type === 'backend') {
      if (!backends.has(e.line)) io.stderr(`${prefix}: predictions on ${e.line}\n`);
      backends.add(e.line);
    } else if (e.type === 'reused') io.stderr(`${prefix}: reusing ${e.csv} (plane models unchanged)\n`);
    else if (e.type === 'written') io.stderr(`${prefix}: wrote ${e.csv}\n`);
    else if (e.done === e.total) io.stderr(`${prefix}: ${e.plane} model scored ${e.total} ${e.split} exams\n`);
  };
}

/**
 * `mrnet stack --data DIR -t TASK --models DIR [--json]`: runs the three plane models over the
 * train and valid exams (or reuses their predictions), fits the logistic-regression stack on train,
 * and reports per-plane and stacked val AUC with bootstrap 95% CIs and the coefficients. The stack
 * is saved as `MODELS/TASK/stack.json`, the predictions as `MODELS/predictions/TASK-SPLIT.csv`.
 *
 * @example
 * ```sh
 * mrnet stack --data MRNet-v1.0 -t acl --models models --json
 * ```
 */
export const stackCommand = defineCommand({
  name: 'stack',
  summary: 'fit the logistic-regression stack over the three plane models and report AUCs, sensitivity, specificity',
  description:
    'Runs the best model of each plane (MODELS/TASK/PLANE/) over the train and valid exams without augmentation,\n' +
    'in three worker threads, writing MODELS/predictions/TASK-{train,valid}.csv (reused while the models are unchanged);\n' +
    'fits a logistic regression (scikit-learn defaults) on the train predictions, saves it as MODELS/TASK/stack.json,\n' +
    'and prints each plane’s and the stack’s val AUC with a bootstrap 95% CI; sensitivity, specificity, PPV, NPV and accuracy\n' +
    'at 0.5 and at Youden’s J threshold chosen on train (never on valid), with bootstrap 95% CIs on valid; and the coefficients.\n' +
    'A split with fewer than 10 positives or negatives is flagged: its AUC and CIs are unreliable.',
  flags: [
    { name: 'data', type: 'string', required: true, placeholder: 'DIR', help: 'MRNet-v1.0 dataset folder' },
    { name: 'task', short: 't', type: 'enum', values: TASKS, required: true, help: 'task whose plane models are stacked' },
    { name: 'models', type: 'string', required: true, placeholder: 'DIR', help: 'models folder (DIR/TASK/PLANE/ from mrnet train)' },
    { name: 'json', type: 'boolean', default: false, help: 'print one JSON document on stdout' },
    { name: 'backend', type: 'enum', values: BACKEND_NAMES, default: 'auto', help: 'TensorFlow.js backend of the prediction workers' },
    WORKERS_FLAG,
    { name: 'seed', type: 'int', default: 0, min: 0, max: 0xffffffff, placeholder: 'N', help: 'seed of the bootstrap resampling' },
  ],
  async run(flags, io) {
    // N compute threads: 1 = this thread; else the three planes in up to three threads, each
    // splitting its exams' slices over its share of N.
    const total = workersFromFlags(flags, 1);
    const workers = total === 1 ? 0 : Math.min(3, total);
    const backend = flags.backend;
    let onProgress = extractProgressPrinter('mrnet stack', io);
    if (workers === 0) {
      const { describeBackend, initBackend } = await import('@mrnet/model');
      const choice = await initBackend(backend).catch((e: unknown) => {
        throw asBadInput(e);
      });
      // Said once the models start scoring on this thread (not when the predictions are reused, nor before a bad-input error).
      const print = onProgress;
      let said = false;
      onProgress = (e) => {
        if (e.type === 'series' && !said) print({ type: 'backend', plane: e.plane, line: describeBackend(choice) });
        said ||= e.type === 'series';
        print(e);
      };
    }
    const report = await fitStack({
      data: flags.data,
      task: flags.task,
      modelsDir: flags.models,
      workers,
      sliceWorkers: workersFromFlags(flags, 3),
      backend,
      seed: flags.seed,
      onProgress,
    }).catch((e: unknown) => {
      throw asBadInput(e);
    });
    io.stdout(flags.json ? `${JSON.stringify(stackReportJson(report), null, 2)}\n` : formatStackReport(report));
    return EXIT_OK;
  },
});
