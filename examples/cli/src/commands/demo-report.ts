import { readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { PLANES, type Plane } from '@mrnet/data';
import type { StackReport } from '@mrnet/stack';
import type { TrainResult } from '@mrnet/train';
import { CURVES_FILE } from '@mrnet/train';
import { renderPng } from '@mrnet/viz/node';
import type { DemoDatasetSpec } from './demo-dataset.js';
import { operatingPointsMarkdown, stackMetricsJson } from './stack-metrics.js';
import { stackRocFigure } from './stack-roc.js';

/** Everything a finished demo reports. */
export interface DemoOutcome {
  /** The demo folder; links in report.md are relative to it. */
  out: string;
  dataDir: string;
  dataReused: boolean;
  spec: DemoDatasetSpec;
  epochs: number;
  lr: number;
  weightDecay: number;
  /** Whether training exams were augmented. */
  augment: boolean;
  /** Input normalisation the models were trained with. */
  intensity: string;
  backend: string;
  train: Record<Plane, TrainResult>;
  /** Validation AUC of each plane's network before training (its initial weights): the baseline. */
  untrained: Record<Plane, number>;
  stack: StackReport;
  /** Wall-clock seconds of each stage (`stack`: predictions, untrained baseline and stacking) and in total. */
  seconds: { data: number; train: number; stack: number; total: number };
}

/** Files written by {@link writeDemoReport}. */
export interface DemoFiles {
  report: string;
  roc: string;
  results: string;
  /** Each plane's curves PNG and TensorBoard event file. */
  logs: Record<Plane, { curves: string; events: string | null }>;
}

const f3 = (x: number): string => x.toFixed(3);

/** The best epoch, or `final` when no epoch beat val AUC 0 and the final weights were kept. */
const epochLabel = (r: TrainResult): string => (r.bestEpoch > 0 ? String(r.bestEpoch) : 'final');

/**
 * The stack as an equation, `σ(-1.081 − 0.011·axial + 0.001·coronal …)`.
 *
 * @example
 * ```ts
 * stackEquation(report.model, 3); // 'p = σ(-1.081 − 0.011·axial + 0.001·coronal − 0.030·sagittal)'
 * ```
 */
export function stackEquation(m: StackReport['model'], digits: number): string {
  const terms = PLANES.map((p, i) => `${m.coef[i]! < 0 ? '−' : '+'} ${Math.abs(m.coef[i]!).toFixed(digits)}·${p}`);
  return `p = σ(${m.intercept.toFixed(digits)} ${terms.join(' ')})`;
}

/**
 * `12.3 s`, `4 min 05 s`.
 *
 * @example
 * ```ts
 * formatSeconds(245.2); // '4 min 05 s'
 * ```
 */
export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.round(s - 60 * m)).padStart(2, '0')} s`;
}

/**
 * The demo's results table (stdout): per-plane best epoch, the untrained network's val AUC (the
 * baseline), train and val AUC with the bootstrap 95% CI, the stack's, and the wall time of each stage.
 *
 * @example
 * ```ts
 * io.stdout(formatDemoTable(outcome));
 * ```
 */
export function formatDemoTable(o: DemoOutcome): string {
  const s = o.stack;
  const row = (name: string, epoch: string, untrained: string, a: { trainAuc: number; valid: { auc: number; lower: number; upper: number } }): string =>
    `${name.padEnd(9)} ${epoch.padStart(10)} ${untrained.padStart(9)} ${f3(a.trainAuc).padStart(9)} ${f3(a.valid.auc).padStart(7)}  [${f3(a.valid.lower)}, ${f3(a.valid.upper)}]\n`;
  return (
    `MRNet demo: ACL tears on synthetic knees (generated data, not patients) — ${o.spec.train} train / ${o.spec.valid} valid exams, ~${o.spec.slices} slices of ${o.spec.size}×${o.spec.size} px; ` +
    `${o.epochs} epochs from random init, backend ${o.backend}\n\n` +
    `${'model'.padEnd(9)} ${'best epoch'.padStart(10)} ${'untrained'.padStart(9)} ${'train AUC'.padStart(9)} ${'val AUC'.padStart(7)}  95% CI (bootstrap)\n` +
    PLANES.map((p) => row(p, epochLabel(o.train[p]), f3(o.untrained[p]), s.planes[p])).join('') +
    row('stacked', '–', '–', s.stacked) +
    `\nuntrained: val AUC of the same network before training (its initial weights); chance is 0.5\n` +
    `\nstack: ${stackEquation(s.model, 3)}\n` +
    `wall time ${formatSeconds(o.seconds.total)} (data ${formatSeconds(o.seconds.data)}${o.dataReused ? ', reused' : ''}, ` +
    `training ${formatSeconds(o.seconds.train)}, predictions + baseline + stacking ${formatSeconds(o.seconds.stack)})\n`
  );
}

/**
 * The validation ROC curves of the three plane models and the stack, with their operating points, as a PNG.
 *
 * @example
 * ```ts
 * writeFileSync('roc-valid.png', rocFigure(report));
 * ```
 */
export function rocFigure(s: StackReport): Uint8Array {
  return renderPng(stackRocFigure(s));
}

async function eventFile(logDir: string): Promise<string | null> {
  const names = await readdir(logDir).catch(() => [] as string[]);
  const ev = names.filter((n) => n.startsWith('events.out.tfevents.')).sort();
  return ev.length > 0 ? join(logDir, ev[ev.length - 1]!) : null;
}

/**
 * Writes `report.md` (results table, figures and links to every artefact, relative to the demo
 * folder), `roc-valid.png` and `results.json` into the demo folder.
 *
 * @example
 * ```ts
 * const files = await writeDemoReport(outcome);
 * console.log(files.report); // mrnet-demo/report.md
 * ```
 */
export async function writeDemoReport(o: DemoOutcome): Promise<DemoFiles> {
  const link = (file: string): string => encodeURI(relative(o.out, file));
  const s = o.stack;
  const logs = {} as DemoFiles['logs'];
  for (const p of PLANES) logs[p] = { curves: join(o.train[p].logDir, CURVES_FILE), events: await eventFile(o.train[p].logDir) };
  const files: DemoFiles = { report: join(o.out, 'report.md'), roc: join(o.out, 'roc-valid.png'), results: join(o.out, 'results.json'), logs };
  await writeFile(files.roc, rocFigure(s));

  const results = {
    task: s.task,
    dataset: { dir: o.dataDir, ...o.spec },
    training: { epochs: o.epochs, lr: o.lr, weightDecay: o.weightDecay, augment: o.augment, intensity: o.intensity, backend: o.backend, pretrained: 'none' },
    planes: Object.fromEntries(
      PLANES.map((p) => [
        p,
        {
          bestEpoch: o.train[p].bestEpoch,
          untrainedValAuc: o.untrained[p],
          status: o.train[p].status,
          model: o.train[p].modelDir,
          trainAuc: s.planes[p].trainAuc,
          valAuc: s.planes[p].valid.auc,
          valCi95: [s.planes[p].valid.lower, s.planes[p].valid.upper],
        },
      ]),
    ),
    stacked: {
      trainAuc: s.stacked.trainAuc,
      valAuc: s.stacked.valid.auc,
      valCi95: [s.stacked.valid.lower, s.stacked.valid.upper],
      coefficients: { axial: s.model.coef[0], coronal: s.model.coef[1], sagittal: s.model.coef[2], intercept: s.model.intercept },
      model: s.path,
    },
    seconds: o.seconds,
    metrics: stackMetricsJson(s),
  };
  await writeFile(files.results, `${JSON.stringify(results, null, 2)}\n`);

  const tableRow = (name: string, epoch: string, untrained: string, a: StackReport['stacked']): string =>
    `| ${name} | ${epoch} | ${untrained} | ${f3(a.trainAuc)} | **${f3(a.valid.auc)}** | ${f3(a.valid.lower)}–${f3(a.valid.upper)} |`;
  const md = [
    `# MRNet demo: ${s.task.toUpperCase()} tears on synthetic knees`,
    '',
    `Dataset [\`${relative(o.out, o.dataDir)}\`](${link(o.dataDir)}): ${o.spec.train} train / ${o.spec.valid} valid exams, ` +
      `about ${o.spec.slices} slices of ${o.spec.size}×${o.spec.size} px per series (synthetic, seed ${o.spec.seed}). ` +
      `Three MRNets (axial, coronal, sagittal) trained at the same time from random initialisation for ${o.epochs} epochs ` +
      `(Adam, lr ${o.lr}, weight decay ${o.weightDecay}, ${o.intensity} input normalisation) on the ${o.backend} backend, then stacked with a logistic regression fitted on the training predictions.`,
    '',
    `Unlike the seed's \`train.py\` (ImageNet-pretrained AlexNet, lr 1e-5, weight decay 0.1, raw 0–255 input): random initialisation (no download), ` +
      `lr ${o.lr}, weight decay ${o.weightDecay} (coupled L2 swamps the tiny early gradients of a randomly initialised network), ${o.intensity} input normalisation` +
      `${o.augment ? '' : ' and no augmentation (the seed\'s rotation, translation and flip keep a randomly initialised network from learning the tear in a few epochs; the generator already varies pose, size, side and gain)'}; ` +
      `otherwise the seed's procedure (batch 1, ${o.augment ? 'augmentation, ' : ''}class-weighted loss, ReduceLROnPlateau, early stopping, best model by val AUC).`,
    '',
    '| model | best epoch | untrained val AUC | train AUC | val AUC | val 95% CI (bootstrap) |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...PLANES.map((p) => tableRow(p, epochLabel(o.train[p]), f3(o.untrained[p]), s.planes[p])),
    tableRow('stacked', '–', '–', s.stacked),
    '',
    'Untrained val AUC: the same network before training (its initial weights, from the same seed) on the same validation exams, the baseline every ' +
      'trained figure is to be read against (chance is 0.5). The synthetic tear is local: every knee has the same oedema around its ACL and only ' +
      'a tear breaks the dark band inside it (its fibres, bunched into a dark stump in front of the break, darken about as many voxels as the break ' +
      'brightens), so an untrained network cannot tell the classes apart and what the trained models reach is learned ' +
      '(`node tools/measure-baseline.mjs` measures the baseline over five initialisations on a larger validation set).',
    '',
    `Stack: ${stackEquation(s.model, 4)}.`,
    '',
    ...operatingPointsMarkdown(s),
    `Wall time ${formatSeconds(o.seconds.total)}: data ${formatSeconds(o.seconds.data)}${o.dataReused ? ' (reused)' : ''}, ` +
      `training ${formatSeconds(o.seconds.train)}, predictions, untrained baseline and stacking ${formatSeconds(o.seconds.stack)}.`,
    '',
    '## Figures',
    '',
    `![Validation ROC curves](${link(files.roc)})`,
    '',
    ...PLANES.flatMap((p) => [`### ${p}: loss and AUC per epoch`, '', `![${p} training curves](${link(logs[p].curves)})`, '']),
    '## Files',
    '',
    `- Plane models (TensorFlow.js artifacts): ${PLANES.map((p) => `[${p}](${link(join(o.train[p].modelDir ?? '', 'model.json'))})`).join(', ')}`,
    `- Stacked model: [${relative(o.out, s.path ?? '')}](${link(s.path ?? '')})`,
    `- Predictions: [train](${link(s.predictions.splits.train!.csv)}), [valid](${link(s.predictions.splits.valid!.csv)})`,
    `- TensorBoard event files: ${PLANES.map((p) => (logs[p].events ? `[${p}](${link(logs[p].events!)})` : `${p} (none)`)).join(', ')}; ` +
      `view with \`tensorboard --logdir ${relative(o.out, join(o.out, 'logs')) || '.'}\``,
    `- Figures: [validation ROC](${link(files.roc)}), ${PLANES.map((p) => `[${p} curves](${link(logs[p].curves)})`).join(', ')}`,
    `- All figures as JSON: [results.json](${link(files.results)})`,
    '',
    '## Try it',
    '',
    '```sh',
    `mrnet predict --models ${join(o.out, 'models')} --exam ${join(o.dataDir, 'valid')} --id ${s.predictions.splits.valid!.rows[0]!.id}`,
    `mrnet stack --data ${o.dataDir} -t ${s.task} --models ${join(o.out, 'models')}`,
    '```',
    '',
  ].join('\n');
  await writeFile(files.report, md);
  return files;
}
