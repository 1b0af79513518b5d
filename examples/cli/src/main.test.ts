import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Runs the built executable (`npm test` builds first), as a user would.
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const made: string[] = [];
afterAll(async () => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

function mrnet(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...argv], { env: { ...process.env, MRNET_DEBUG: '' } }, (error, out, err) => {
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
});
