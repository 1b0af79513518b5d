import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLANES, TASKS } from '@mrnet/data';
import { readLabelCsv } from '@mrnet/data/node';
import { followJobs, queueStatus, type JobStatus } from '@mrnet/queue';
import { resumeFilePath } from '@mrnet/train';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_REDIS, startRedis, type RedisServer } from '../../../../tools/test-support/redis-server.js';
import { runCli } from '../run-cli.test-support.js';

// `mrnet queue` and `mrnet worker` as a user runs them: a real redis-server, worker processes of
// the built CLI (`npm test` builds first), one killed with SIGKILL and one stopped with SIGTERM,
// Redis restarted mid-run; results compared with the local commands.
const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const trainFlags = (epochs: number): string[] => ['--epochs', String(epochs), '--pretrained', 'none', '--lr', '1e-4', '--weight_decay', '0', '--intensity', 'imagenet', '--backend', 'wasm', '--patience', '10'];
// Two epochs: a worker killed after the first one leaves a checkpoint to resume the second from.
const TRAIN_FLAGS = trainFlags(2);

let root: string;
let data: string;
let redis: RedisServer;
const workers: { proc: ChildProcess; err: () => string; exit: Promise<number | null> }[] = [];

function startWorkerProcess(): (typeof workers)[number] {
  const proc = spawn(process.execPath, [MAIN, 'worker', '--redis', redis.url, '--lock_ms', '2000', '--workers', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => void (err += d.toString()));
  const w = { proc, err: () => err, exit: new Promise<number | null>((r) => proc.on('close', (code) => r(code))) };
  workers.push(w);
  return w;
}

const pidOf = (row: JobStatus): number | null => (row.worker === null ? null : Number(row.worker.split(':').at(-1)));

/** Polls the queue until `pick` returns a job, then returns it. */
async function waitForJob(pick: (rows: JobStatus[]) => JobStatus | undefined, timeoutMs = 540_000): Promise<JobStatus> {
  const t0 = Date.now();
  for (;;) {
    const hit = pick(await queueStatus(redis.url));
    if (hit) return hit;
    if (Date.now() - t0 > timeoutMs) throw new Error('waitForJob: timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const checkpointEpoch = (r: JobStatus): number => ((r.progress as { checkpointEpoch?: number } | null)?.checkpointEpoch ?? 0);

function weightFiles(dir: string): Buffer[] {
  return readdirSync(dir).filter((f) => f.endsWith('.bin')).sort().map((f) => readFileSync(join(dir, f)));
}

const describeRedis = describe.skipIf(!HAVE_REDIS && !process.env['CI']);

describeRedis('mrnet queue + mrnet worker on a real Redis', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'mrnet-cli-queue-'));
    data = join(root, 'data');
    redis = await startRedis();
    const s = await runCli('synth', '--out', data, '--train', '10', '--valid', '8', '--slices', '4', '--size', '64', '--seed', '3');
    expect(s.code, s.err).toBe(0);
    for (const t of TASKS) for (const split of ['train', 'valid'] as const) {
      const labels = (await readLabelCsv(join(data, `${split}-${t}.csv`))).rows.map((r) => r.label);
      expect(new Set(labels).size, `${split}-${t} needs both classes`).toBe(2);
    }
  }, 120_000);
  afterAll(async () => {
    for (const w of workers) w.proc.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exit));
    await redis?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('a 3 × 3 grid on 3 workers survives a SIGKILLed worker (its job resumes from the checkpoint) and equals local mrnet train -p all', async () => {
    for (let i = 0; i < 3; i++) startWorkerProcess();
    const models = join(root, 'grid-models');
    const q = await runCli('queue', 'train', '--redis', redis.url, '--data', data, '-t', 'all', '-p', 'all', '--models', models, '--logdir', join(root, 'grid-logs'), ...TRAIN_FLAGS);
    expect(q.code, q.err).toBe(0);
    const ids = q.out.trim().split(/\s+/);
    expect(ids).toHaveLength(12);

    const victim = await waitForJob((rows) => rows.find((r) => r.kind === 'train' && r.state === 'active' && checkpointEpoch(r) >= 2));
    const victimEpoch = checkpointEpoch(victim);
    const killed = workers.find((w) => w.proc.pid === pidOf(victim))!;
    killed.proc.kill('SIGKILL');
    expect(await killed.exit).toBeNull();

    const final = await followJobs(redis.url, ids, () => undefined, 250);
    for (const r of final) expect(r.state, `${r.id}: ${r.error}`).toBe('completed');
    const taken = final.find((r) => r.id === victim.id)!;
    expect(taken.attempt).toBeGreaterThanOrEqual(2);
    expect((taken.result as { resumedFromEpoch: number | null }).resumedFromEpoch).toBeGreaterThanOrEqual(victimEpoch);
    expect(pidOf(taken)).not.toBe(killed.proc.pid);
    for (const t of TASKS) expect(existsSync(join(models, t, 'stack.json'))).toBe(true);

    const local = join(root, 'local-models');
    for (const t of TASKS) {
      const r = await runCli('train', '--data', data, '-t', t, '-p', 'all', '--models', local, '--logdir', join(root, 'local-logs'), '--workers', '3', ...TRAIN_FLAGS);
      expect(r.code, r.err).toBe(0);
    }
    for (const t of TASKS) for (const p of PLANES) {
      expect(weightFiles(join(models, t, p)), `${t}/${p}`).toEqual(weightFiles(join(local, t, p)));
      expect(existsSync(resumeFilePath(models, t, p))).toBe(false);
    }
  }, 1_200_000);

  it('batch predict gathers one CSV in id order equal to local mrnet predict, through a Redis restart', async () => {
    const models = join(root, 'grid-models');
    const out = join(root, 'valid.csv');
    const q = await runCli('queue', 'predict', '--redis', redis.url, '--models', models, '--exams', join(data, 'valid'), '--out', out, '--chunk', '2', '--backend', 'wasm');
    expect(q.code, q.err).toBe(0);
    const ids = q.out.trim().split(/\s+/);
    await waitForJob((rows) => rows.find((r) => r.kind === 'predict' && r.state === 'completed' && ids.includes(r.id)));
    await redis.restart();
    const final = await followJobs(redis.url, ids, () => undefined, 250);
    for (const r of final) expect(r.state, `${r.id}: ${r.error}`).toBe('completed');

    const [header, ...lines] = readFileSync(out, 'utf8').trim().split('\n');
    expect(header).toBe(`id,${TASKS.flatMap((t) => [...PLANES.map((p) => `${t}_${p}`), `${t}_stacked`]).join(',')}`);
    const examIds = lines.map((l) => Number(l.split(',')[0]));
    expect(examIds).toEqual([...examIds].sort((a, b) => a - b));
    expect(examIds).toHaveLength(8);
    for (const line of lines) {
      const [id, ...values] = line.split(',').map(Number);
      const r = await runCli('predict', '--models', models, '--exam', join(data, 'valid'), '--id', String(id), '--json', '--backend', 'wasm');
      expect(r.code, r.err).toBe(0);
      const doc = JSON.parse(r.out) as { tasks: { task: string; planes: Record<string, number>; stacked: number }[] };
      const expected = TASKS.flatMap((t) => {
        const tp = doc.tasks.find((x) => x.task === t)!;
        return [...PLANES.map((p) => tp.planes[p]!), tp.stacked];
      });
      values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    }
  }, 300_000);

  it('SIGTERM finishes the step, writes the resume checkpoint and hands the job back to another worker', async () => {
    const models = join(root, 'term-models');
    const q = await runCli('queue', 'train', '--redis', redis.url, '--data', data, '-t', 'acl', '-p', 'axial', '--models', models, '--logdir', join(root, 'term-logs'), ...trainFlags(3));
    expect(q.code, q.err).toBe(0);
    const ids = q.out.trim().split(/\s+/);
    expect(ids).toHaveLength(1);
    const job = await waitForJob((rows) => rows.find((r) => r.id === ids[0] && r.state === 'active' && checkpointEpoch(r) >= 2));
    const stopped = workers.find((w) => w.proc.pid === pidOf(job))!;
    stopped.proc.kill('SIGTERM');
    expect(await stopped.exit).toBe(0);
    expect(stopped.err()).toMatch(/interrupted; resume checkpoint .*handing the job back/);
    const final = await followJobs(redis.url, ids, () => undefined, 250);
    for (const r of final) expect(r.state, `${r.id}: ${r.error}`).toBe('completed');
    const trainJob = final.find((r) => r.id === ids[0])!;
    expect(pidOf(trainJob)).not.toBe(stopped.proc.pid);
    expect((trainJob.result as { resumedFromEpoch: number }).resumedFromEpoch).toBeGreaterThanOrEqual(checkpointEpoch(job));
  }, 300_000);

  it('queue status lists every job; bad flags exit 2 naming the flag', async () => {
    const s = await runCli('queue', 'status', '--redis', redis.url, '--json');
    expect(s.code, s.err).toBe(0);
    const doc = JSON.parse(s.out) as { jobs: JobStatus[] };
    expect(doc.jobs.filter((j) => j.kind === 'train')).toHaveLength(10);
    expect(doc.jobs.every((j) => j.state === 'completed')).toBe(true);
    const bad = await runCli('queue', 'train', '--redis', 'http://x', '--data', data, '-t', 'acl', '-p', 'axial', '--models', join(root, 'x'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--redis: http://x is not a redis:// or rediss:// URL');
    const seeds = await runCli('queue', 'train', '--redis', redis.url, '--data', data, '-t', 'acl', '-p', 'axial', '--seeds', '0,0');
    expect(seeds.code).toBe(2);
    expect(seeds.err).toContain('--seeds: a seed repeats');
  }, 60_000);
});
