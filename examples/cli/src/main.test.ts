import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Runs the built executable (`npm test` builds first), as a user would.
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
// What npm links as node_modules/.bin/mrnet: a committed launcher that imports ../dist/main.js.
const LAUNCHER = fileURLToPath(new URL('../bin/mrnet.js', import.meta.url));
const made: string[] = [];
afterAll(async () => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

function mrnet(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return node(MAIN, ...argv);
}

function node(script: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...argv], { env: { ...process.env, MRNET_DEBUG: '' } }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out, err });
    });
  });
}

describe('the built mrnet executable', () => {
  it('starts with a node shebang', async () => {
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(MAIN, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('prints help and exits 0', async () => {
    const r = await mrnet('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: mrnet <command> [flags]');
  });

  it('exits 2 with one line naming the flag for a bad flag', async () => {
    const r = await mrnet('inspect', '--data', '.', '--verbose');
    expect(r).toEqual({ code: 2, out: '', err: 'mrnet inspect: --verbose: unknown flag (see mrnet inspect --help)\n' });
  });

  it('exits 2 naming the corrupt file, without a stack trace', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mrnet-main-'));
    made.push(root);
    await writeFile(join(root, 'train-acl.csv'), '0,1\n');
    const r = await mrnet('inspect', '--data', root, '--json');
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as { ok: boolean; problems: string[] };
    expect(doc.ok).toBe(false);
    expect(doc.problems).toContain(`${join(root, 'train-abnormal.csv')}: missing label file`);
    expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('runs through the committed bin launcher with the same output and exit codes', async () => {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ mrnet: './bin/mrnet.js' });
    expect((await readFile(LAUNCHER, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(await node(LAUNCHER, '--help')).toEqual(await mrnet('--help'));
    const bad = await node(LAUNCHER, 'train', '--epoch', '3');
    expect(bad).toEqual({ code: 2, out: '', err: 'mrnet train: --epoch: unknown flag (did you mean --epochs?) (see mrnet train --help)\n' });
  });

  it('the launcher says to build first when dist/ is missing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mrnet-bin-'));
    made.push(root);
    await mkdir(join(root, 'bin'));
    await copyFile(LAUNCHER, join(root, 'bin', 'mrnet.js'));
    await writeFile(join(root, 'package.json'), '{"type":"module"}');
    const r = await node(join(root, 'bin', 'mrnet.js'), '--help');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(`mrnet: ${join(root, 'dist', 'main.js')} is missing: the CLI is not built yet; run \`npm run build\` at the repository root first\n`);
  });
});
