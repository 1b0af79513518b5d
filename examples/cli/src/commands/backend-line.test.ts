import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.test-support.js';

// Every command that computes says, in one stderr line, the backend it actually used and, for
// `auto`, why the others were skipped; tfjs's "Hi, looks like you are running TensorFlow.js in
// Node.js" banner never appears. The real executable is run, so that console output tfjs writes
// itself (not through the CLI's io) would be seen.
const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const FIXTURES = join(dirname(createRequire(import.meta.url).resolve('@mrnet/model/package.json')), 'fixtures', 'torch');
const root = mkdtempSync(join(tmpdir(), 'mrnet-backend-line-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const AUTO = /^backend wasm \(auto; skipped tensorflow-gpu: not installed, webgpu: (no GPU adapter|only a software adapter \(.+\), slower than wasm), tensorflow: not installed\)$/;

function mrnet(argv: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [MAIN, ...argv], { timeout: 120_000, env: { ...process.env, ...env } }, (_e, out, err) => resolve({ code: child.exitCode, out: String(out), err: String(err) }));
  });
}

describe('the backend line', () => {
  const ckpt = join(root, 'mrnet.pth');
  writeFileSync(ckpt, gunzipSync(gunzipSync(new Uint8Array(readFileSync(join(FIXTURES, 'mrnet_state_dict.pth.gz.gz'))))));
  const predict = ['predict', '--checkpoint', ckpt, '-p', 'sagittal', '--input', join(FIXTURES, 'input_3x64x64.npy'), '--json'];

  it('predict --backend cpu: exactly one stderr line, no tfjs banner', { timeout: 120_000 }, async () => {
    const r = await mrnet([...predict, '--backend', 'cpu']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('mrnet predict: backend cpu\n');
  });

  it('predict --backend auto: the backend picked and why each one before it was skipped, in one line', { timeout: 120_000 }, async () => {
    const r = await mrnet([...predict, '--backend', 'auto']);
    expect(r.code, r.err).toBe(0);
    const lines = r.err.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.replace(/^mrnet predict: /, '')).toMatch(AUTO);
  });

  it('--backend webgpu without an adapter: one line naming what Dawn tried, exit 2 (the flag asks for what this machine lacks)', { timeout: 120_000 }, async () => {
    const r = await mrnet([...predict, '--backend', 'webgpu'], { MRNET_DAWN_OPTIONS: 'backend=vulkan;adapter=no-such-gpu' });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^mrnet predict: initBackend: backend 'webgpu' found no GPU adapter \(tried backend=vulkan adapter=no-such-gpu \(core\): no adapter\); .*run mrnet doctor\n$/);
  });

  it('train -p all: one line per plane worker (each starts its own engine)', { timeout: 600_000 }, async () => {
    const data = join(root, 'data');
    const s = await runCli('synth', '--out', data, '--train', '4', '--valid', '4', '--slices', '4', '--size', '64', '--seed', '3');
    expect(s.code, s.err).toBe(0);
    const r = await runCli('train', '--data', data, '-t', 'acl', '-p', 'all', '--epochs', '1', '--pretrained', 'none',
      '--models', join(root, 'models'), '--logdir', join(root, 'logs'), '--backend', 'auto', '--workers', '1');
    expect(r.code, r.err).toBe(0);
    for (const plane of ['axial', 'coronal', 'sagittal']) {
      const lines = r.err.split('\n').filter((l) => l.startsWith(`[${plane}] backend `));
      expect(lines, r.err).toHaveLength(1);
      expect(lines[0]!.replace(`[${plane}] `, '')).toMatch(AUTO);
    }
  });
});
