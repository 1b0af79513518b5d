import { maskRedisUrl, startWorker } from '@mrnet/queue';
import { EXIT_OK } from '../cli/exit-code.js';
import { WORKERS_FLAG, workersFromFlags } from './workers-flag.js';
import type { CommandSpec } from '../cli/spec.js';

/**
 * `mrnet worker --redis URL`: runs queued jobs (training, stacking, batch prediction) until
 * SIGTERM or Ctrl-C, which finish the current training step, write the resume checkpoint and give
 * the job back to the queue.
 *
 * @example
 * ```sh
 * mrnet worker --redis redis://queue-host:6379 --concurrency 1
 * ```
 */
export const workerCommand: CommandSpec = {
  name: 'worker',
  summary: 'run queued jobs (train, stack, predict) from Redis on this machine',
  description:
    'Takes jobs from the queue until SIGTERM/SIGINT: a training job then finishes its current step, writes\n' +
    'MODELS/TASK/PLANE.resume and goes back to the queue for another worker. If this process is killed, its\n' +
    'job is taken over by another worker once its lock runs out (--lock_ms; BullMQ stall detection) and resumes\n' +
    'from the last resume checkpoint. The data, models and logs folders must be visible here at the paths\n' +
    'the jobs name (a shared filesystem); a job whose paths are not is refused and not retried.',
  flags: [
    { name: 'redis', type: 'string', required: true, placeholder: 'URL', help: 'Redis server: redis://[:password@]host:port[/db] or rediss://' },
    { name: 'concurrency', type: 'int', default: 1, min: 1, max: 64, placeholder: 'N', help: 'jobs run at the same time' },
    WORKERS_FLAG,
    { name: 'lock_ms', type: 'int', default: 30_000, min: 1000, placeholder: 'MS', help: "job lock duration; a dead worker's job is taken over after about twice this" },
  ],
  async run(flags, io) {
    const redis = flags['redis'] as string;
    const concurrency = flags['concurrency'] as number;
    // --workers compute threads in all, shared by the jobs this worker runs at once.
    const perJob = workersFromFlags({ workers: flags['workers'] as number | undefined }, concurrency);
    const handle = startWorker({
      redis, concurrency, computeWorkers: perJob, lockMs: flags['lock_ms'] as number,
      log: (line) => io.stderr(`mrnet worker: ${line}\n`),
    });
    io.stderr(`mrnet worker: ${handle.name} waiting for jobs on ${maskRedisUrl(redis)}\n`);
    const stop = (signal: string): void => {
      io.stderr(`mrnet worker: ${signal} — finishing the current step, writing resume checkpoints, handing jobs back\n`);
      void handle.shutdown();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    await handle.closed;
    io.stderr('mrnet worker: stopped\n');
    return EXIT_OK;
  },
};
