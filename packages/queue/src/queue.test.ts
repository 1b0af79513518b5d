import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_REDIS, startRedis, type RedisServer } from '../../../tools/test-support/redis-server.js';
import { checkRedisUrl, connectRedis, maskRedisUrl } from './connection/redis-connection.js';
import { enqueueTrainGrid, seedFolder } from './enqueue/enqueue-train-grid.js';
import { compareExamKeys } from './enqueue/list-exams.js';
import { QueueInputError } from './errors.js';
import { parseJobData } from './jobs/job-data.js';
import { acquireModelLock } from './worker/model-lock.js';
import { formatBatchCsv } from './worker/predict-job.js';
import { chooseStackSeed } from './worker/stack-job.js';
import { startWorker } from './worker/start-worker.js';
import { followJobs } from './status/queue-status.js';

const train = {
  epochs: 1, lr: 1e-4, weightDecay: 0, patience: 5, augment: false, lrScheduler: true, intensity: 'imagenet' as const,
  pretrained: 'none', logEvery: 100, saveModel: true, backend: 'wasm' as const,
};

describe('queue: pure parts', () => {
  it('checks and masks Redis URLs', () => {
    expect(checkRedisUrl('rediss://:pw@db.example:6380/2')).toBe('rediss://:pw@db.example:6380/2');
    expect(() => checkRedisUrl('http://x:1')).toThrow(QueueInputError);
    expect(() => checkRedisUrl('not a url')).toThrow(/--redis: not a url is not a URL/);
    expect(maskRedisUrl('redis://user:s3cret@h:1')).toBe('redis://user:***@h:1');
    expect(maskRedisUrl('redis://h:1')).toBe('redis://h:1');
  });

  it('validates job payloads and never accepts extra fields', () => {
    expect(() => parseJobData('gather', { out: 'x.csv', chunks: 1, exams: 1, run: 'rm -rf /' }, 'job 1')).toThrow(/job 1: gather job data/);
    expect(() => parseJobData('train', { task: 'acl' }, 'job 2')).toThrow(QueueInputError);
    expect(() => parseJobData('nope' as 'train', {}, 'job 3')).toThrow(/unknown job kind/);
  });

  it('orders exam keys numerically when all are numbers, and writes the CSV in that order', () => {
    expect(['10', '9', '100'].sort(compareExamKeys)).toEqual(['9', '10', '100']);
    expect(['b', 'a10', 'a9'].sort(compareExamKeys)).toEqual(['a10', 'a9', 'b']);
    const csv = formatBatchCsv([
      { key: '10', tasks: { acl: { axial: 0.5, coronal: 0.25, sagittal: 0.75, stacked: 0.6 } } },
      { key: '9', tasks: { acl: { axial: 0.1, coronal: 0.2, sagittal: 0.3, stacked: null } } },
    ]);
    expect(csv).toBe('id,acl_axial,acl_coronal,acl_sagittal,acl_stacked\n9,0.1,0.2,0.3,\n10,0.5,0.25,0.75,0.6\n');
  });

  it('stacks the seed with the best mean val AUC over its planes', () => {
    const r = chooseStackSeed([
      { seed: 0, bestValAuc: 0.9 }, { seed: 0, bestValAuc: 0.5 }, { seed: 1, bestValAuc: 0.8 }, { seed: 1, bestValAuc: 0.7 },
    ]);
    expect(r.seed).toBe(1);
    expect(r.means['0']).toBeCloseTo(0.7, 12);
    expect(chooseStackSeed([{ seed: 3, bestValAuc: 0.5 }, { seed: 2, bestValAuc: 0.5 }]).seed).toBe(2);
    expect(seedFolder('/m', 2, [0])).toBe('/m');
    expect(seedFolder('/m', 2, [0, 2])).toBe('/m/seed-2');
  });
});

describe.skipIf(!HAVE_REDIS && !process.env['CI'])('queue: on a real redis-server (with a password)', () => {
  let redis: RedisServer;
  const root = mkdtempSync(join(tmpdir(), 'mrnet-queue-'));
  beforeAll(async () => { redis = await startRedis({ password: 'p@ss w0rd' }); });
  afterAll(async () => { await redis?.close(); rmSync(root, { recursive: true, force: true }); });

  it('a model folder lease is exclusive, released on release, and runs out after a crash', async () => {
    const a = connectRedis(redis.url);
    try {
      const first = await acquireModelLock(a, '/m/acl/axial', 600);
      expect(first).not.toBeNull();
      expect(await acquireModelLock(a, '/m/acl/axial', 600)).toBeNull();
      await first!.release();
      const live = await acquireModelLock(a, '/m/acl/axial', 300);
      await new Promise((r) => setTimeout(r, 900)); // three leases: renewed while held
      expect(await a.exists(live!.key)).toBe(1);
      await live!.release();
      expect(await a.exists(live!.key)).toBe(0);
      // A holder that died (nothing renews its lease): the folder is free once the lease runs out.
      await a.set(live!.key, 'dead-host:1:x', 'PX', 300, 'NX');
      expect(await acquireModelLock(a, '/m/acl/axial', 300)).toBeNull();
      await new Promise((r) => setTimeout(r, 400));
      const taken = await acquireModelLock(a, '/m/acl/axial', 300);
      expect(taken).not.toBeNull();
      await taken!.release();
    } finally {
      await a.quit();
    }
  });

  it('a job with bad input fails once, without retries, naming the path', async () => {
    const run = await enqueueTrainGrid({
      redis: redis.url, dataRoot: join(root, 'no-such-dataset'), tasks: ['acl'], planes: ['axial', 'coronal', 'sagittal'], seeds: [0],
      modelsDir: join(root, 'models'), logdir: join(root, 'logs'), train, attempts: 3, backoffMs: 100, runId: 'bad',
    });
    const worker = startWorker({ redis: redis.url, lockMs: 2000, log: () => undefined });
    try {
      const flow = run.flows[0]!;
      const final = await followJobs(redis.url, [...flow.trainJobIds, flow.stackJobId!], () => undefined, 100);
      const stackJob = final.pop()!;
      for (const trainJob of final) {
        expect(trainJob.state).toBe('failed');
        expect(trainJob.attempt).toBe(1);
        expect(trainJob.error).toContain(join(root, 'no-such-dataset'));
        expect(trainJob.error).toContain('PathNotVisibleError');
      }
      expect(stackJob.state).toBe('failed');
    } finally {
      await worker.shutdown();
    }
  }, 60_000);
});
