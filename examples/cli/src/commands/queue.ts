import { PLANES, TASKS, type Plane, type Task } from '@mrnet/data';
import { BACKEND_NAMES, type BackendName } from '@mrnet/model';
import {
  enqueuePredict, enqueueTrainGrid, followJobs, maskRedisUrl, queueStatus, type GridTrainOptions, type JobStatus,
} from '@mrnet/queue';
import { EXIT_FAILURE, EXIT_OK } from '../cli/exit-code.js';
import type { CommandIo, CommandSpec, FlagSpec, FlagValues } from '../cli/spec.js';
import { UsageError } from '../cli/usage-error.js';
import { trainCommand } from './train.js';

const REDIS: FlagSpec = { name: 'redis', type: 'string', required: true, placeholder: 'URL', help: 'Redis server: redis://[:password@]host:port[/db] or rediss:// (TLS)' };
const WAIT: FlagSpec = { name: 'wait', type: 'boolean', default: false, help: 'follow the jobs until they end; exit 0 only if every job succeeded' };
const ATTEMPTS: FlagSpec = { name: 'attempts', type: 'int', default: 3, min: 1, max: 100, placeholder: 'N', help: 'tries per job for run-time failures (bad input is never retried)' };
const BACKOFF: FlagSpec = { name: 'backoff_ms', type: 'int', default: 10_000, min: 0, placeholder: 'MS', help: 'wait before the first retry, doubled at each further one' };

/** `mrnet train` flags that a grid job carries; task, plane, resume and the local-only ones are the grid's. */
const GRID_TRAIN_FLAGS = trainCommand.flags.filter((f) => !['task', 'plane', 'resume', 'flush_history', 'workers', 'seed'].includes(f.name));

function parseSeeds(text: string): number[] {
  const seeds = text.split(',').map((s) => s.trim());
  if (seeds.some((s) => !/^\d+$/.test(s) || Number(s) > 0xffffffff)) throw new UsageError(`--seeds: expected comma-separated whole numbers such as 0,1,2 (got ${JSON.stringify(text)})`);
  const out = seeds.map(Number);
  if (new Set(out).size !== out.length) throw new UsageError(`--seeds: a seed repeats (${text})`);
  return out;
}

function formatProgress(p: unknown): string {
  if (p === null || typeof p !== 'object') return '';
  const o = p as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof o['epoch'] === 'number') parts.push(`epoch ${o['epoch']}/${typeof o['epochs'] === 'number' ? o['epochs'] : '?'}`);
  if (typeof o['step'] === 'number') parts.push(`${String(o['phase'])} ${o['step']}/${String(o['steps'])}`);
  if (typeof o['valAuc'] === 'number') parts.push(`val auc ${(o['valAuc']).toFixed(3)}`);
  if (typeof o['valLoss'] === 'number') parts.push(`val loss ${(o['valLoss']).toFixed(4)}`);
  if (typeof o['resumedFromEpoch'] === 'number') parts.push(`resumed at epoch ${o['resumedFromEpoch']}`);
  if (o['phase'] === 'stack') parts.push(`stacking seed ${String(o['seed'])}`);
  return parts.join(', ');
}

/** A status table row per job. @internal */
export function formatJobRows(rows: readonly JobStatus[]): string {
  const lines = [`${'job'.padEnd(36)} ${'state'.padEnd(16)} ${'try'.padStart(3)} ${'worker'.padEnd(22)} progress / result`];
  for (const r of rows) {
    let detail = formatProgress(r.progress);
    if (r.state === 'failed') detail = `error: ${r.error ?? '?'}`;
    else if (r.state === 'completed' && r.result && typeof r.result === 'object') {
      const o = r.result as Record<string, unknown>;
      detail = typeof o['bestValAuc'] === 'number' ? `best val auc ${(o['bestValAuc']).toFixed(3)} at epoch ${String(o['bestEpoch'])}${typeof o['resumedFromEpoch'] === 'number' ? ` (resumed at epoch ${o['resumedFromEpoch']})` : ''}`
        : typeof o['valAuc'] === 'number' ? `stacked val auc ${(o['valAuc']).toFixed(3)} (seed ${String(o['seed'])})`
          : typeof o['rows'] === 'number' ? `${o['rows']} exams → ${String(o['out'])}` : detail;
    }
    lines.push(`${r.id.padEnd(36)} ${r.state.padEnd(16)} ${String(r.attempt).padStart(3)} ${(r.worker ?? '–').padEnd(22)} ${detail}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Follows jobs with a live table on a terminal, or a line per change otherwise; exit code by outcome. */
async function follow(redis: string, ids: readonly string[], io: CommandIo, label: string): Promise<number> {
  const tty = process.stderr.isTTY === true;
  let last = '';
  let drawn = 0;
  const final = await followJobs(redis, ids, (rows) => {
    // A terminal gets a live table; a log gets a line whenever a job changes state.
    const text = tty ? formatJobRows(rows) : rows.map((r) => `${r.id} ${r.state}`).join('; ');
    if (text === last) return;
    last = text;
    if (tty) {
      if (drawn > 0) io.stderr(`\x1b[${drawn}A\x1b[J`);
      io.stderr(text);
      drawn = text.split('\n').length - 1;
    } else {
      io.stderr(`${label}: ${text}\n`);
    }
  });
  const failed = final.filter((r) => r.state !== 'completed');
  if (!tty) io.stderr(formatJobRows(final));
  io.stderr(`${label}: ${final.length - failed.length}/${final.length} jobs succeeded${failed.length ? ` (failed: ${failed.map((f) => f.id).join(', ')})` : ''}\n`);
  return failed.length === 0 ? EXIT_OK : EXIT_FAILURE;
}

/**
 * `mrnet queue train`: the task × plane × seed training grid as BullMQ flows over Redis; each
 * task's stack job runs when its plane jobs are done. Workers (`mrnet worker`) on any machine that
 * sees the same paths run them.
 *
 * @example
 * ```sh
 * mrnet queue train --redis redis://queue-host:6379 --data /mnt/mrnet/MRNet-v1.0 -t all -p all --models /mnt/mrnet/models --logdir /mnt/mrnet/logs --wait
 * ```
 */
export const queueTrainCommand: CommandSpec = {
  name: 'queue train',
  summary: 'enqueue the training grid (tasks × planes × seeds, then a stack per task) on Redis',
  description:
    'One BullMQ job per task × plane × seed, and per task a stack job that runs when its plane jobs have\n' +
    'succeeded (it stacks the seed with the best mean val AUC over its planes). Paths are made absolute:\n' +
    'every worker must see the data, models and logs folders at the same paths (a shared filesystem).\n' +
    'With one seed, models go to MODELS/TASK/PLANE as with mrnet train; with several, to MODELS/seed-N/TASK/PLANE.',
  flags: [
    REDIS,
    { name: 'task', short: 't', type: 'enum', values: [...TASKS, 'all'], required: true, help: 'task, or all three' },
    { name: 'plane', short: 'p', type: 'enum', values: [...PLANES, 'all'], required: true, help: 'plane, or all three' },
    { name: 'seeds', type: 'string', default: '0', placeholder: '0,1,2', help: 'seeds: one job per task × plane × seed' },
    ...GRID_TRAIN_FLAGS,
    ATTEMPTS,
    BACKOFF,
    WAIT,
  ],
  async run(flags, io) {
    const redis = flags['redis'] as string;
    const lr = flags['lr'] as number;
    if (!(lr > 0) || !Number.isFinite(lr)) throw new UsageError(`--lr: must be a positive number (got ${lr})`);
    const taskFlag = flags['task'] as Task | 'all';
    const planeFlag = flags['plane'] as Plane | 'all';
    const train: GridTrainOptions = {
      epochs: flags['epochs'] as number,
      lr,
      weightDecay: flags['weight_decay'] as number,
      patience: flags['patience'] as number,
      augment: flags['augment'] as boolean,
      lrScheduler: flags['lr_scheduler'] as boolean,
      intensity: flags['intensity'] as GridTrainOptions['intensity'],
      pretrained: flags['pretrained'] as string,
      logEvery: flags['log_every'] as number,
      saveModel: flags['save_model'] as boolean,
      backend: flags['backend'] as BackendName,
    };
    const run = await enqueueTrainGrid({
      redis,
      dataRoot: flags['data'] as string,
      tasks: taskFlag === 'all' ? [...TASKS] : [taskFlag],
      planes: planeFlag === 'all' ? [...PLANES] : [planeFlag],
      seeds: parseSeeds(flags['seeds'] as string),
      modelsDir: flags['models'] as string,
      logdir: flags['logdir'] as string,
      train,
      attempts: flags['attempts'] as number,
      backoffMs: flags['backoff_ms'] as number,
    });
    const ids = run.flows.flatMap((f) => (f.stackJobId === null ? f.trainJobIds : [...f.trainJobIds, f.stackJobId]));
    const stacks = run.flows[0]!.stackJobId === null ? ' (fewer than three planes: no stack jobs)' : ', then a stack job per task';
    io.stderr(`mrnet queue train: run ${run.runId}: ${ids.length} jobs on ${maskRedisUrl(redis)}: ${run.flows[0]!.trainJobIds.length} train jobs per task${stacks}\n`);
    io.stdout(`${ids.join('\n')}\n`);
    if (!flags['wait']) return EXIT_OK;
    return follow(redis, ids, io, 'mrnet queue train');
  },
};

/**
 * `mrnet queue predict`: batch prediction over a split folder or a folder of exam folders, in
 * chunk jobs gathered into one CSV in id order.
 *
 * @example
 * ```sh
 * mrnet queue predict --redis redis://queue-host:6379 --models /mnt/mrnet/models --exams /mnt/archive/exams --out /mnt/archive/predictions.csv --wait
 * ```
 */
export const queuePredictCommand: CommandSpec = {
  name: 'queue predict',
  summary: 'enqueue batch prediction over many exams on Redis, gathered into one CSV',
  description:
    'EXAMS is an MRNet split folder (PLANE/NNNN.npy) or a folder of exam folders (NAME/{axial,coronal,sagittal}.npy).\n' +
    'Chunks of --chunk exams run on any worker; a gather job writes FILE.csv (id, TASK_PLANE…, TASK_stacked\n' +
    'for every task with models) in id order once every chunk is done.',
  flags: [
    REDIS,
    { name: 'models', type: 'string', required: true, placeholder: 'DIR', help: 'models folder (TASK/PLANE/, TASK/stack.json)' },
    { name: 'exams', type: 'string', required: true, placeholder: 'DIR', help: 'split folder or folder of exam folders' },
    { name: 'out', type: 'string', required: true, placeholder: 'FILE.csv', help: 'the CSV to write' },
    { name: 'chunk', type: 'int', default: 16, min: 1, placeholder: 'N', help: 'exams per job' },
    { name: 'backend', type: 'enum', values: BACKEND_NAMES, default: 'auto', help: "TensorFlow.js backend of the workers' prediction threads" },
    ATTEMPTS,
    BACKOFF,
    WAIT,
  ],
  async run(flags, io) {
    const redis = flags['redis'] as string;
    const batch = await enqueuePredict({
      redis, modelsDir: flags['models'] as string, exams: flags['exams'] as string, out: flags['out'] as string, chunk: flags['chunk'] as number,
      backend: flags['backend'] as BackendName, attempts: flags['attempts'] as number, backoffMs: flags['backoff_ms'] as number,
    });
    io.stderr(`mrnet queue predict: run ${batch.runId}: ${batch.exams} exams in ${batch.chunkJobIds.length} chunks on ${maskRedisUrl(redis)}\n`);
    io.stdout(`${[...batch.chunkJobIds, batch.gatherJobId].join('\n')}\n`);
    if (!flags['wait']) return EXIT_OK;
    return follow(redis, [...batch.chunkJobIds, batch.gatherJobId], io, 'mrnet queue predict');
  },
};

/**
 * `mrnet queue status`: every job with state, worker, attempt, progress, result or error.
 *
 * @example
 * ```sh
 * mrnet queue status --redis redis://queue-host:6379 --json
 * ```
 */
export const queueStatusCommand: CommandSpec = {
  name: 'queue status',
  summary: 'every queued job: state, worker, attempt, progress, result or error',
  flags: [REDIS, { name: 'json', type: 'boolean', default: false, help: 'print one JSON document' }],
  async run(flags: FlagValues, io: CommandIo) {
    const rows = await queueStatus(flags['redis'] as string);
    io.stdout(flags['json'] ? `${JSON.stringify({ jobs: rows }, null, 2)}\n` : formatJobRows(rows));
    return EXIT_OK;
  },
};
