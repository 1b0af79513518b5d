import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLANES, SPLITS, TASKS, writeNpy } from '@mrnet/data';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.test-support.js';

const made: string[] = [];
afterAll(async () => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

/** A valid 2-train / 2-valid dataset of 2×64×64 volumes; labels [0, 1] for every task. */
async function makeDataset(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'mrnet-cli-'));
  made.push(root);
  for (const split of SPLITS) {
    const ids = split === 'train' ? [0, 1] : [2, 3];
    for (const task of TASKS) await writeFile(join(root, `${split}-${task}.csv`), `${ids[0]},0\n${ids[1]},1\n`);
    for (const plane of PLANES) {
      await mkdir(join(root, split, plane), { recursive: true });
      for (const id of ids) {
        await writeFile(join(root, split, plane, `000${id}.npy`), writeNpy(new Uint8Array((2 + id) * 64 * 64), [2 + id, 64, 64]));
      }
    }
  }
  return root;
}

let root = '';
beforeEach(async () => {
  root = await makeDataset();
});

describe('mrnet (in process)', () => {
  it('--help and <cmd> --help print to stdout and exit 0; no command exits 2', async () => {
    expect(await runCli('--help')).toMatchObject({ code: 0, err: '' });
    expect((await runCli('--help')).out).toContain('Usage: mrnet <command> [flags]');
    expect((await runCli('inspect', '--help')).out).toContain('Usage: mrnet inspect --data DIR [--json]');
    expect(await runCli()).toMatchObject({ code: 2, out: '' });
    expect(await runCli('frobnicate')).toMatchObject({ code: 2, err: expect.stringMatching(/^mrnet: unknown command "frobnicate"/) });
  });

  it('inspect prints the summary of a valid dataset', async () => {
    const r = await runCli('inspect', '--data', root);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^train +2 +1\/1 \(50\.0%\) +1\/1 \(50\.0%\) +1\/1 \(50\.0%\)$/m);
    expect(r.out).toMatch(/^valid +sagittal +2 +4–5 +64×64 +u1$/m);
    expect(r.out).toContain('No problems found.');
  });

  it('inspect --json prints exactly one JSON document', async () => {
    const r = await runCli('inspect', '--data', root, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { ok: boolean; summary: { splits: { valid: { exams: number } } } };
    expect(doc.ok).toBe(true);
    expect(doc.summary.splits.valid.exams).toBe(2);
  });

  it('inspect lists every problem and exits 2 with a one-line message naming the file', async () => {
    await writeFile(join(root, 'train', 'axial', '0001.npy'), new Uint8Array([0x93, 1, 2]));
    await writeFile(join(root, 'valid-acl.csv'), '2,0\n2,1\n3,5\n');
    await rm(join(root, 'train', 'coronal', '0000.npy'));
    const r = await runCli('inspect', '--data', root);
    expect(r.code).toBe(2);
    expect(r.out).toContain('5 problems:');
    expect(r.out).toContain(`${join(root, 'valid-acl.csv')}: lacks exam ids that other valid label files list: 3`);
    expect(r.out).toContain(`${join(root, 'valid-acl.csv')}:2: duplicate id 2 (first on line 1)`);
    expect(r.out).toContain(`${join(root, 'valid-acl.csv')}:3: the label is not 0 or 1: label "5"`);
    expect(r.out).toContain(`${join(root, 'train', 'axial', '0001.npy')}: truncated: 3 bytes`);
    expect(r.out).toContain(`${join(root, 'train', 'coronal', '0000.npy')}: missing`);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(new RegExp(`^mrnet inspect: ${root}: 5 problems \\(first: `));
    const json = await runCli('inspect', '--data', root, '--json');
    expect(json.code).toBe(2);
    expect((JSON.parse(json.out) as { problems: string[] }).problems).toHaveLength(5);
  });

  it('inspect of a missing folder exits 2 naming it', async () => {
    const r = await runCli('inspect', '--data', join(root, 'nope'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(root, 'nope')}: no such folder`);
  });

  it('bad flags exit 2 naming the flag, never a stack trace', async () => {
    for (const [argv, msg] of [
      [['inspect'], 'mrnet inspect: --data: required (see mrnet inspect --help)'],
      [['inspect', '--data'], 'mrnet inspect: --data: missing value (DIR) (see mrnet inspect --help)'],
      [['inspect', '--dta', 'x'], 'mrnet inspect: --dta: unknown flag (did you mean --data?) (see mrnet inspect --help)'],
      [['train', '--epoch', '3'], 'mrnet train: --epoch: unknown flag (did you mean --epochs?) (see mrnet train --help)'],
      [['synth', '--out', 'x', '--train', 'many'], 'mrnet synth: --train: expected an integer, got "many" (see mrnet synth --help)'],
      [['synth', '--out', 'x', '--size', '32'], 'mrnet synth: --size: must be ≥ 63, got 32 (see mrnet synth --help)'],
      [['demo', '--backend', 'tpu'], 'mrnet demo: --backend: expected one of auto, tensorflow-gpu, webgpu, tensorflow, wasm, cpu, got "tpu" (see mrnet demo --help)'],
    ] as const) {
      const r = await runCli(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`${msg}\n`);
      expect(r.out).toBe('');
    }
  });

  it('synth refuses a non-empty folder and changes nothing in it', async () => {
    const before = await readdir(root, { recursive: true });
    const csv = await readFile(join(root, 'train-acl.csv'), 'utf8');
    const r = await runCli('synth', '--out', root, '--train', '2', '--valid', '2', '--size', '64');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`mrnet synth: --out ${root}: folder exists and is not empty; choose a new folder (nothing was changed)\n`);
    expect(await readdir(root, { recursive: true })).toEqual(before);
    expect(await readFile(join(root, 'train-acl.csv'), 'utf8')).toBe(csv);
  });

  it('synth writes a dataset that inspects clean and prints its summary', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'mrnet-synth-')), 'data');
    made.push(out);
    const r = await runCli('synth', '--out', out, '--train', '4', '--valid', '4', '--slices', '4', '--size', '63', '--seed', '3');
    expect(r.err).toBe(`mrnet synth: writing 4 train + 4 valid exams to ${out}\n`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^train +4 /m);
    expect(r.out).toMatch(/^valid +sagittal +4 +\d–\d +63×63 +u1$/m);
    expect(r.out).toContain('No problems found.');
    const inspect = await runCli('inspect', '--data', out, '--json');
    expect(inspect.code).toBe(0);
    expect((JSON.parse(inspect.out) as { summary: { splits: { train: { exams: number } } } }).summary.splits.train.exams).toBe(4);
  });
});
