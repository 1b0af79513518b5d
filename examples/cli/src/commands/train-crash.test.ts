import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '@mrnet/data';
import { loadMRNetWeights } from '@mrnet/model';
import { MetricsLog, readEventFile } from '@mrnet/train';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../run.js';

// Crash safety of `mrnet train`, on the built executable (`npm test` builds first), as a user
// would hit it: Ctrl-C (SIGINT) and SIGKILL, including in the middle of a checkpoint write.
const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
let root: string;
let data: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mrnet-cli-crash-'));
  data = join(root, 'data');
  const code = await run(['synth', '--out', data, '--train', '4', '--valid', '4', '--slices', '4', '--size', '64', '--seed', '6'], { stdout: () => {}, stderr: () => {} });
  expect(code).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Child {
  proc: ChildProcess;
  err: () => string;
  out: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor: (re: RegExp) => Promise<void>;
}

function train(dir: string, extra: string[], env: Record<string, string> = {}): Child {
  const args = [MAIN, 'train', '--data', data, '-t', 'acl', '-p', 'sagittal', '--pretrained', 'none', '--backend', 'wasm', '--workers', '1',
    '--models', join(dir, 'models'), '--logdir', join(dir, 'logs'), '--log_every', '1', '--lr', '1e-4', ...extra];
  const proc = spawn(process.execPath, args, { env: { ...process.env, MRNET_DEBUG: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  proc.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of waiters.splice(0)) {
      if (w.re.test(err)) w.resolve();
      else waiters.push(w);
    }
  });
  proc.stdout!.on('data', (d: Buffer) => void (out += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('close', (code, signal) => resolve({ code, signal })));
  return {
    proc, err: () => err, out: () => out, exit,
    waitFor: (re) =>
      new Promise<void>((resolve, reject) => {
        if (re.test(err)) return resolve();
        waiters.push({ re, resolve });
        void exit.then(() => reject(new Error(`exited before ${re}: ${err}`)));
      }),
  };
}

/** What must hold after any crash: the best model (if any) loads, the logs parse. */
async function expectReadable(dir: string): Promise<{ epochs: number; valAuc: number | undefined }> {
  const modelDir = join(dir, 'models', 'acl', 'sagittal');
  let valAuc: number | undefined;
  if (existsSync(modelDir)) {
    const { weights, metadata } = await loadMRNetWeights(modelDir);
    expect(weights.features.length).toBe(5);
    valAuc = metadata.valAuc as number;
  }
  let epochs = 0;
  const runs = join(dir, 'logs', 'acl', 'sagittal');
  for (const r of existsSync(runs) ? readdirSync(runs) : []) {
    const files = readdirSync(join(runs, r));
    if (files.includes('metrics.jsonl')) epochs += MetricsLog.read(join(runs, r, 'metrics.jsonl')).filter((x) => x['type'] === 'epoch').length;
    for (const f of files.filter((n) => n.startsWith('events.out.tfevents.'))) expect(readEventFile(join(runs, r, f))[0]!.fileVersion).toBe('brain.Event:2');
  }
  return { epochs, valAuc };
}

describe('mrnet train crash safety', () => {
  it('Ctrl-C finishes the step, writes a resume checkpoint and exits 130; --resume completes the run', async () => {
    const dir = join(root, 'sigint');
    const c = train(dir, ['--epochs', '2']);
    await c.waitFor(/Single batch number : 1 \//);
    c.proc.kill('SIGINT');
    const { code } = await c.exit;
    expect(code, c.err()).toBe(130);
    expect(c.err()).toMatch(/resume checkpoint written to .*sagittal\.resume/);
    expect(c.out()).toMatch(/^acl sagittal: interrupted after 0 epochs/);
    expect(existsSync(join(dir, 'models', 'acl', 'sagittal.resume'))).toBe(true);
    const r = train(dir, ['--epochs', '2', '--resume']);
    expect((await r.exit).code, r.err()).toBe(0);
    expect(r.out()).toMatch(/^acl sagittal: completed after 2 epochs/);
    expect(existsSync(join(dir, 'models', 'acl', 'sagittal.resume'))).toBe(false);
    expect((await expectReadable(dir)).epochs).toBe(2);
  }, 300_000);

  it('SIGKILL inside a checkpoint write leaves the previous best model and the logs readable', async () => {
    const dir = join(root, 'sigkill');
    // 1. Killed while writing the end-of-epoch resume checkpoint: the epoch-1 best model is intact.
    const a = train(dir, ['--epochs', '3'], { MRNET_TEST_CHECKPOINT_PAUSE: 'resume:60000' });
    await a.waitFor(/mrnet-test: inside resume checkpoint/);
    a.proc.kill('SIGKILL');
    expect((await a.exit).signal).toBe('SIGKILL');
    const first = await expectReadable(dir);
    expect(first.epochs).toBe(1);
    expect(existsSync(join(dir, 'models', 'acl', 'sagittal.resume'))).toBe(false); // never half-written
    // 2. A new run killed while replacing that best model: the old one still loads, unchanged.
    const b = train(dir, ['--epochs', '3', '--seed', '1'], { MRNET_TEST_CHECKPOINT_PAUSE: 'best:60000' });
    await b.waitFor(/mrnet-test: inside best checkpoint/);
    b.proc.kill('SIGKILL');
    await b.exit;
    const second = await expectReadable(dir);
    expect(second.valAuc).toBe(first.valAuc);
  }, 300_000);

  it('SIGKILL at random moments never leaves an unreadable model or log', async () => {
    const rng = createRng(11);
    const dir = join(root, 'random');
    for (let k = 0; k < 4; k++) {
      const c = train(dir, ['--epochs', '4', '--seed', String(k)]);
      await c.waitFor(/Single batch number : 1 \//);
      await new Promise((r) => setTimeout(r, rng.uniform(0, 4000)));
      c.proc.kill('SIGKILL');
      await c.exit;
      await expectReadable(dir);
    }
  }, 300_000);
});
