import { join } from 'node:path';
import { PLANES, type Plane } from '@mrnet/data';
import { BACKEND_NAMES, describeBackend, initBackend, type BackendName } from '@mrnet/model';
import { saveMRNet } from '@mrnet/model/node';
import { fitStack, planeModelDir } from '@mrnet/stack';
import { ProgressDisplay, trainPlanes, type TrainResult } from '@mrnet/train';
import { EXIT_OK } from '../cli/exit-code.js';
import { defineCommand, type CommandIo, type FlagValuesOf } from '../cli/spec.js';
import { WORKERS_FLAG, workersFromFlags } from './workers-flag.js';
import { UsageError } from '../cli/usage-error.js';
import { untrainedAuc } from './demo-baseline.js';
import { ensureDemoDataset, type DemoDatasetSpec } from './demo-dataset.js';
import { formatDemoTable, formatSeconds, writeDemoReport } from './demo-report.js';
import { asBadInput } from './stack-errors.js';
import { extractProgressPrinter } from './stack.js';

/**
 * The demo's default sizes: small enough to finish within 5 minutes on a 2-core CPU with the wasm
 * backend, big enough for a stacked validation AUC ≥ 0.85 on synthetic generator v3 (where an
 * untrained network is at chance).
 */
export const DEMO_DEFAULTS = { train: 60, valid: 30, slices: 8, size: 64, epochs: 5, lr: 1e-4 } as const;

/**
 * Augmentation of the demo: off. The seed's (rotation ±25°, translation ±11 %, flip) keeps a randomly
 * initialised network from learning the tear within a few epochs of 60 exams (measured with the
 * seed's PyTorch model on generator v3: sagittal val AUC 0.63 after 3 epochs with it, 0.92
 * without); the generator already varies pose, size, side and gain from exam to exam.
 */
export const DEMO_AUGMENT = false;

/** Input normalisation of the demo's models (recorded in their metadata; prediction reads it from there). */
export const DEMO_INTENSITY = 'imagenet' as const;

/**
 * Adam weight decay of the demo: 0. From random initialisation the gradients are tiny at first, and
 * the seed's coupled L2 of 0.1 then dominates Adam's normalised step and only shrinks the weights.
 */
export const DEMO_WEIGHT_DECAY = 0;

/**
 * `mrnet demo [--out DIR] [--backend B] [--seed N] [--train N] [--valid N] [--slices S] [--size PX]
 * [--epochs E] [--lr LR]`: the main job (`npm start`). Makes (or reuses) a synthetic MRNet-v1.0
 * dataset in `DIR/data/…`, trains the ACL models of the three planes at the same time (one worker
 * thread and engine each) from random initialisation, extracts their predictions, fits the
 * stack, prints the results table and writes `DIR/report.md` (linking the ROC and training-curve
 * PNGs, TensorBoard event files, models, predictions and `results.json`).
 *
 * @example
 * ```sh
 * mrnet demo --out ./mrnet-demo
 * mrnet demo --out ./big-demo --train 200 --valid 100 --size 128 --epochs 10
 * ```
 */
export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'the main job: synthetic data → three plane models in parallel → stack → report',
  description:
    'Makes a synthetic MRNet-v1.0 dataset in DIR/data/ (reused on later runs), trains the ACL MRNets of the three planes\n' +
    'at the same time in worker threads (random initialisation; no download needed), runs them over the train and valid\n' +
    'exams, fits the logistic-regression stack, and prints per-plane and stacked val AUC (bootstrap 95% CI) next to the\n' +
    'untrained networks\' val AUC (the baseline: about 0.5 on the synthetic data, where only a local finding tells the\n' +
    'classes) and the wall time. Writes DIR/report.md with the ROC and training-curve figures, TensorBoard logs (DIR/logs),\n' +
    'models (DIR/models), ' +
    `predictions and results.json. Defaults (${DEMO_DEFAULTS.train}/${DEMO_DEFAULTS.valid} exams, ${DEMO_DEFAULTS.size} px, ${DEMO_DEFAULTS.epochs} epochs) ` +
    'take a few minutes on a 2-core CPU; the size flags make it bigger.',
  flags: [
    { name: 'out', type: 'string', default: 'mrnet-demo', placeholder: 'DIR', help: 'demo folder: data/, models/, logs/, report.md' },
    { name: 'backend', type: 'enum', values: BACKEND_NAMES, default: 'auto', help: 'TensorFlow.js backend (each worker thread starts its own)' },
    { name: 'seed', type: 'int', default: 0, min: 0, max: 0xffffffff, placeholder: 'N', help: 'seed of the dataset, initialisation, shuffles and bootstrap' },
    { name: 'train', type: 'int', default: DEMO_DEFAULTS.train, min: 4, placeholder: 'N', help: 'training exams' },
    { name: 'valid', type: 'int', default: DEMO_DEFAULTS.valid, min: 4, placeholder: 'N', help: 'validation exams' },
    { name: 'slices', type: 'int', default: DEMO_DEFAULTS.slices, min: 4, max: 512, placeholder: 'S', help: 'typical slices per series' },
    { name: 'size', type: 'int', default: DEMO_DEFAULTS.size, min: 63, max: 1024, placeholder: 'PX', help: 'slice height and width in pixels' },
    { name: 'epochs', type: 'int', default: DEMO_DEFAULTS.epochs, min: 1, placeholder: 'E', help: 'training epochs per plane' },
    { name: 'lr', type: 'number', default: DEMO_DEFAULTS.lr, placeholder: 'LR', help: 'Adam learning rate' },
    WORKERS_FLAG,
  ],
  run: (flags, io): Promise<number> => runDemo(flags, io),
});

async function runDemo(flags: FlagValuesOf<typeof demoCommand.flags>, io: CommandIo): Promise<number> {
  const t0 = performance.now();
  const since = (t: number): number => (performance.now() - t) / 1000;
  const out = flags.out;
  const lr = flags.lr;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new UsageError(`--lr: must be a positive number (got ${lr})`);
  const epochs = flags.epochs;
  const seed = flags.seed;
  const spec: DemoDatasetSpec = {
    train: flags.train,
    valid: flags.valid,
    slices: flags.slices,
    size: flags.size,
    seed,
  };
  const log = (line: string): void => io.stderr(`mrnet demo: ${line}\n`);

  const data = await ensureDemoDataset(out, spec, log);
  const tData = since(t0);

  const choice = await initBackend(flags.backend).catch((e: unknown) => {
    throw asBadInput(e);
  });
  const backend = choice.name as BackendName;
  log(describeBackend(choice));
  log(`training the ACL models of the three planes in parallel worker threads (${epochs} epochs; each worker starts its own ${backend} engine)`);
  const t1 = performance.now();
  const display = new ProgressDisplay({ rows: [...PLANES], stream: { write: (t) => io.stderr(t), isTTY: process.stderr.isTTY === true, columns: process.stderr.columns } });
  let results: Partial<Record<Plane, TrainResult>>;
  try {
    results = await trainPlanes({
      dataRoot: data.dir,
      task: 'acl',
      backend,
      epochs,
      lr,
      weightDecay: DEMO_WEIGHT_DECAY,
      augment: DEMO_AUGMENT,
      pretrained: 'none',
      seed,
      modelsDir: join(out, 'models'),
      logdir: join(out, 'logs'),
      flushHistory: true,
      logEvery: 1_000_000,
      workers: 0,
      sliceWorkers: workersFromFlags(flags, PLANES.length),
      intensity: DEMO_INTENSITY,
      onProgress: (plane, e) => display.update(plane, e),
    });
  } finally {
    display.close();
  }
  const train = results as Record<Plane, TrainResult>;
  for (const p of PLANES) {
    const r = train[p];
    if (r.modelDir !== null) continue;
    // No epoch beat val AUC 0 (possible on a tiny validation set): keep the final weights instead.
    const dir = planeModelDir(join(out, 'models'), 'acl', p);
    log(`${p}: no epoch improved the val AUC above 0; saving the final weights to ${dir}`);
    const last = r.history[r.history.length - 1];
    await saveMRNet(r.weights, dir, { task: 'acl', plane: p, inputNormalisation: DEMO_INTENSITY, bestEpoch: 0, finalEpoch: r.history.length, valAuc: last?.valAuc, trainAuc: last?.trainAuc });
    train[p] = { ...r, modelDir: dir };
  }
  const tTrain = since(t1);
  log(`trained in ${formatSeconds(tTrain)}; extracting predictions and stacking, and scoring the untrained networks (the baseline)`);

  const t2 = performance.now();
  // The baseline (the networks training started from: same seed, no label seen) is scored on this
  // thread while the extraction workers run.
  const [stack, baseline] = await Promise.all([
    fitStack({
      data: data.dir,
      task: 'acl',
      modelsDir: join(out, 'models'),
      workers: 3,
      backend,
      seed,
      onProgress: extractProgressPrinter('mrnet demo', io),
    }).catch((e: unknown) => {
      throw asBadInput(e);
    }),
    untrainedAuc({ data: data.dir, seeds: [seed], intensity: DEMO_INTENSITY }),
  ]);
  const untrained = Object.fromEntries(PLANES.map((p) => [p, baseline[p][0]!])) as Record<Plane, number>;
  const tStack = since(t2);
  const outcome = {
    out,
    dataDir: data.dir,
    dataReused: data.reused,
    spec,
    epochs,
    lr,
    weightDecay: DEMO_WEIGHT_DECAY,
    augment: DEMO_AUGMENT,
    intensity: DEMO_INTENSITY,
    backend: choice.backend,
    train,
    untrained,
    stack,
    seconds: { data: tData, train: tTrain, stack: tStack, total: since(t0) },
  };
  const files = await writeDemoReport(outcome);
  io.stdout(formatDemoTable(outcome));
  io.stdout(`report: ${files.report}\n`);
  return EXIT_OK;
}
