import { PLANES, TASKS, type Plane, type Task } from '@mrnet/data';
import { BACKEND_NAMES, describeBackend, initBackend } from '@mrnet/model';
import { downloadByHandHint } from '@mrnet/model/node';
import { ProgressDisplay, trainPlaneModel, trainPlanes, type TrainPlaneOptions, type TrainResult } from '@mrnet/train';
import { EXIT_OK, RuntimeFailure } from '../cli/exit-code.js';
import { defineCommand, type CommandIo, type FlagValuesOf } from '../cli/spec.js';
import { BadInputError, UsageError } from '../cli/usage-error.js';
import { WORKERS_FLAG, workersFromFlags } from './workers-flag.js';

/** Exit code of a run interrupted by Ctrl-C (128 + SIGINT), after its resume checkpoint is written. */
export const EXIT_INTERRUPTED = 130;

// Every package's input errors extend InputError (exit 2 by instanceof). A pretrained-weights
// failure is input only when --pretrained named a file (a failed download is a runtime failure).
function asInputError(e: unknown, pretrainedIsPath: boolean): unknown {
  if (e instanceof Error && e.name === 'PretrainedWeightsError' && pretrainedIsPath) return new BadInputError(e.message);
  const download = e as Error & { url?: unknown; reason?: unknown; path?: unknown };
  if (e instanceof Error && e.name === 'PretrainedWeightsError' && typeof download.url === 'string' && typeof download.reason === 'string' && typeof download.path === 'string') {
    // A failed download is not bad input (exit 1), but the advice names the CLI's flag, not the library's option.
    return new RuntimeFailure(`--pretrained torchvision: ${download.reason}; ${downloadByHandHint(download.url, download.path, 'pass --pretrained PATH')}`, { cause: e });
  }
  return e;
}

/**
 * `MRNET_TEST_CHECKPOINT_PAUSE=best:MS` (or `resume:MS`): a test hook that announces
 * `mrnet-test: inside <kind> checkpoint` on stderr and pauses MS ms in the middle of every such
 * checkpoint write, so that tests can kill the process there. Unset in normal use.
 */
function checkpointHookFromEnv(io: CommandIo): TrainPlaneOptions['checkpointHook'] {
  const spec = process.env['MRNET_TEST_CHECKPOINT_PAUSE'];
  if (!spec) return undefined;
  const [kind, ms] = spec.split(':');
  return async (k) => {
    if (k !== kind) return;
    io.stderr(`mrnet-test: inside ${k} checkpoint\n`);
    await new Promise((r) => setTimeout(r, Number(ms)));
  };
}

function summary(task: Task, r: TrainResult): string {
  const best = r.bestEpoch > 0 ? `best val auc ${r.bestValAuc.toFixed(4)} at epoch ${r.bestEpoch}` : 'no epoch finished';
  const where = r.status === 'interrupted' ? `resume with --resume (checkpoint ${r.resumeFile})` : `model ${r.modelDir ?? '(not saved)'}`;
  const n = r.history.length;
  const workers = `${r.sliceWorkers} worker${r.sliceWorkers === 1 ? '' : 's'}`;
  return `${task} ${r.plane}: ${r.status} after ${n} ${n === 1 ? 'epoch' : 'epochs'} (${workers}), ${best}; ${where}; logs ${r.logDir}\n`;
}

/**
 * `mrnet train --data DIR -t TASK -p PLANE|all [...]`: trains the seed's MRNet for one task on one
 * plane, or on all three planes at the same time (one worker thread and TensorFlow.js engine per
 * plane). Progress (the seed's console lines, and live status rows with ETAs on a terminal) goes
 * to stderr; one summary line per plane to stdout. Ctrl-C finishes the current step, writes a
 * resume checkpoint and exits 130; `--resume` continues from it.
 *
 * @example
 * ```sh
 * mrnet train --data MRNet-v1.0 -t acl -p sagittal --epochs 50 --lr 1e-5
 * mrnet train --data MRNet-v1.0 -t acl -p all --resume
 * ```
 */
export const trainCommand = defineCommand({
  name: 'train',
  summary: "train MRNet for a task on one plane or all three (the seed's train.py)",
  description:
    "Trains one plane's MRNet (AlexNet features → pool → max over slices → linear) as the seed's train.py:\n" +
    'shuffled batch-1 epochs with augmentation, class-weighted BCE, Adam with weight decay, ReduceLROnPlateau\n' +
    'on the val loss, early stopping, and the best model (by val AUC) saved to MODELS/TASK/PLANE/.\n' +
    'Logs (TensorBoard events, metrics.jsonl, curves.png) go to LOGDIR/TASK/PLANE/YYYYMMDD-HHMMSS/.\n' +
    '-p all trains the three planes at the same time in worker threads. Ctrl-C finishes the current step,\n' +
    'writes MODELS/TASK/PLANE.resume and exits 130; --resume continues from it (same final weights).\n' +
    "--workers N compute threads (default MRNET_WORKERS, else every core) are shared fairly by the planes (2 cores, -p all:\n" +
    "one each; 16 cores: five each); a plane with several splits each exam's slices over them, with the same numbers as one.\n" +
    'Exams are read and augmented ahead by one loader thread per plane (not configurable).\n' +
    "Progress (the seed's lines; live status rows with ETAs on a terminal) goes to stderr, one summary line per plane to stdout.",
  flags: [
    { name: 'data', type: 'string', required: true, placeholder: 'DIR', help: 'MRNet-v1.0 dataset folder' },
    { name: 'task', short: 't', type: 'enum', values: TASKS, required: true, help: 'label to learn' },
    { name: 'plane', short: 'p', type: 'enum', values: [...PLANES, 'all'], required: true, help: 'series to train on; all = the three at once' },
    { name: 'augment', type: 'boolean', default: true, help: 'random rotation/translation/flip of training exams' },
    { name: 'lr_scheduler', type: 'boolean', default: true, help: 'ReduceLROnPlateau on the val loss (patience 3, factor 0.3)' },
    { name: 'epochs', type: 'int', default: 50, min: 1, placeholder: 'N', help: 'maximum number of epochs' },
    { name: 'lr', type: 'number', default: 1e-5, placeholder: 'LR', help: 'Adam learning rate (> 0)' },
    { name: 'weight_decay', type: 'number', default: 0.1, min: 0, placeholder: 'WD', help: 'Adam weight decay (L2 added to the gradient)' },
    { name: 'patience', type: 'int', default: 5, min: 1, placeholder: 'N', help: 'early stopping: epochs without val-loss improvement' },
    { name: 'flush_history', type: 'boolean', default: false, help: 'remove earlier runs of this task+plane from LOGDIR first' },
    { name: 'save_model', type: 'boolean', default: true, help: 'save the best model (by val AUC)' },
    { name: 'pretrained', type: 'string', default: 'torchvision', placeholder: 'torchvision|none|PATH', help: 'backbone: ImageNet AlexNet, random, or a .pth / model folder' },
    { name: 'models', type: 'string', default: 'models', placeholder: 'DIR', help: 'best models go to DIR/TASK/PLANE/' },
    { name: 'logdir', type: 'string', default: 'logs', placeholder: 'DIR', help: 'runs are logged to DIR/TASK/PLANE/TIMESTAMP/' },
    { name: 'backend', type: 'enum', values: BACKEND_NAMES, default: 'auto', help: 'TensorFlow.js backend' },
    { name: 'seed', type: 'int', default: 0, min: 0, max: 0xffffffff, placeholder: 'N', help: 'seed of initialisation, shuffling and augmentation' },
    { name: 'resume', type: 'boolean', default: false, help: 'continue the interrupted run of this task+plane' },
    { name: 'log_every', type: 'int', default: 100, min: 1, placeholder: 'N', help: 'a console line every N training steps' },
    WORKERS_FLAG,
    { name: 'intensity', type: 'enum', values: ['none', 'stanford', 'imagenet'], default: 'none', help: "input normalisation (none = raw 0-255, the seed's)" },
  ],
  async run(flags, io): Promise<number> {
    return runTrain(flags, io);
  },
});

async function runTrain(flags: FlagValuesOf<typeof trainCommand.flags>, io: CommandIo): Promise<number> {
  const lr = flags.lr;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new UsageError(`--lr: must be a positive number (got ${lr})`);
  const task = flags.task;
  const planeFlag = flags.plane;
  const planes: Plane[] = planeFlag === 'all' ? [...PLANES] : [planeFlag];
  const pretrained = flags.pretrained;
  const common = {
    dataRoot: flags.data,
    task,
    epochs: flags.epochs,
    lr,
    weightDecay: flags.weight_decay,
    patience: flags.patience,
    augment: flags.augment,
    lrScheduler: flags.lr_scheduler,
    intensity: flags.intensity,
    pretrained,
    seed: flags.seed,
    modelsDir: flags.models,
    logdir: flags.logdir,
    logEvery: flags.log_every,
    flushHistory: flags.flush_history,
    saveModel: flags.save_model,
    resume: flags.resume,
    workers: 1, // loader threads per plane: reading ahead one exam keeps up with a step
    sliceWorkers: workersFromFlags(flags, planes.length),
  };
  const backend = flags.backend;
  const isPath = !['torchvision', 'none'].includes(pretrained);

  const display = new ProgressDisplay({
    rows: planes,
    stream: { write: (s: string) => io.stderr(s), isTTY: process.stderr.isTTY === true, columns: process.stderr.columns },
  });
  const ac = new AbortController();
  const onSigint = (): void => {
    if (ac.signal.aborted) {
      io.stderr('mrnet train: second Ctrl-C, quitting now (the last checkpoint on disk stays valid)\n');
      process.exit(EXIT_INTERRUPTED);
    }
    display.print('mrnet train: Ctrl-C — finishing the current step, then writing a resume checkpoint (Ctrl-C again to quit at once)');
    ac.abort();
  };
  process.on('SIGINT', onSigint);
  let results: TrainResult[];
  try {
    if (planes.length === 1) {
      const choice = await initBackend(backend);
      display.print(`mrnet train: ${describeBackend(choice)}`);
      const plane = planes[0]!;
      const hook = checkpointHookFromEnv(io);
      results = [
        await trainPlaneModel({ ...common, plane, signal: ac.signal, onProgress: (e) => display.update(plane, e), ...(hook ? { checkpointHook: hook } : {}) }),
      ];
    } else {
      display.print(`mrnet train: ${planes.join(', ')} in parallel worker threads, each starting its own --backend ${backend} engine (each reports the one it got)`);
      const byPlane = await trainPlanes({ ...common, planes, backend, signal: ac.signal, onProgress: (p, e) => display.update(p, e) });
      results = planes.map((p) => byPlane[p]!);
    }
  } catch (e) {
    throw asInputError(e, isPath);
  } finally {
    process.off('SIGINT', onSigint);
    display.close();
  }
  for (const r of results) io.stdout(summary(task, r));
  return results.some((r) => r.status === 'interrupted') ? EXIT_INTERRUPTED : EXIT_OK;
}
