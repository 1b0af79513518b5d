#!/usr/bin/env node
// Scale-out figures (part of `npm run bench`): the 3 tasks × 3 planes grid of tiny synthetic jobs
// (`mrnet queue train --wait`) on 1 and on 3 `mrnet worker` processes, and batch prediction
// throughput (`mrnet queue predict --wait`, exams per second) on 3 workers — all on a
// redis-server started here on a free loopback port. On a 2-core machine 3 workers share 2 cores:
// the ratio shows the queue's overhead and how well jobs interleave, not what 3 machines would do.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'examples/cli/dist/main.js');
if (spawnSync('redis-server', ['--version']).status !== 0) {
  console.log('queue: skipped (no redis-server; apt-get install -y redis-server)');
  process.exit(0);
}
const port = await new Promise((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });
const dir = mkdtempSync(join(tmpdir(), 'mrnet-bench-queue-'));
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const url = `redis://127.0.0.1:${port}`;
const mrnet = (args) => {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mrnet ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return r;
};
const workers = (n) => Array.from({ length: n }, () => spawn(process.execPath, [MAIN, 'worker', '--redis', url, '--workers', '1', '--lock_ms', '5000'], { stdio: 'ignore' }));
const stop = async (ws) => { for (const w of ws) w.kill('SIGTERM'); await Promise.all(ws.map((w) => new Promise((r) => (w.exitCode !== null ? r() : w.once('exit', r))))); };
const TRAIN = ['--epochs', '2', '--pretrained', 'none', '--lr', '1e-4', '--weight_decay', '0', '--intensity', 'imagenet', '--backend', 'wasm'];

try {
  mrnet(['synth', '--out', join(dir, 'data'), '--train', '10', '--valid', '8', '--slices', '4', '--size', '64', '--seed', '3']);
  const grid = {};
  for (const n of [1, 3]) {
    spawnSync('redis-cli', ['-p', String(port), 'flushall']);
    const ws = workers(n);
    const t0 = performance.now();
    mrnet(['queue', 'train', '--redis', url, '--data', join(dir, 'data'), '-t', 'all', '-p', 'all', '--models', join(dir, `models-${n}`), '--logdir', join(dir, `logs-${n}`), ...TRAIN, '--wait']);
    grid[n] = (performance.now() - t0) / 1000;
    await stop(ws);
    console.log(`queue: grid of 9 plane jobs + 3 stack jobs (10 train / 8 valid exams, 4×64², 2 epochs) on ${n} worker${n > 1 ? 's' : ''}: ${grid[n].toFixed(1)} s`);
  }
  console.log(`queue: 3 workers / 1 worker wall time ratio ${(grid[3] / grid[1]).toFixed(2)} (2 cores here: 3 workers share them)`);

  mrnet(['synth', '--out', join(dir, 'archive'), '--train', '4', '--valid', '48', '--slices', '8', '--size', '64', '--seed', '4']);
  const ws = workers(3);
  const t0 = performance.now();
  mrnet(['queue', 'predict', '--redis', url, '--models', join(dir, 'models-3'), '--exams', join(dir, 'archive', 'valid'), '--out', join(dir, 'predictions.csv'), '--chunk', '8', '--backend', 'wasm', '--wait']);
  const s = (performance.now() - t0) / 1000;
  await stop(ws);
  console.log(`queue: batch predict, 48 exams × 3 tasks × 3 planes (8×64²) in chunks of 8 on 3 workers: ${s.toFixed(1)} s, ${(48 / s).toFixed(2)} exams/s`);
} finally {
  redis.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
