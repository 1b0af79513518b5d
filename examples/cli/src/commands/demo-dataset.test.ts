import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYNTHETIC_GENERATOR_VERSION } from '@mrnet/data/node';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../run.js';
import { ensureDemoDataset } from './demo-dataset.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the demo dataset cache and mrnet synth keep what they did not write', () => {
  it('regenerates an older generator version over only its own files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mrnet-demo-data-'));
    made.push(out);
    const spec = { train: 4, valid: 4, slices: 4, size: 63, seed: 5 };
    const first = await ensureDemoDataset(out, spec, () => undefined);
    const metaPath = join(first.dir, 'dataset.json');
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { version: number };
    writeFileSync(metaPath, JSON.stringify({ ...meta, version: SYNTHETIC_GENERATOR_VERSION - 1 }));
    writeFileSync(join(first.dir, 'notes.txt'), 'mine');
    const again = await ensureDemoDataset(out, spec, () => undefined);
    expect(again).toMatchObject({ dir: first.dir, reused: false });
    expect(again.inspection.ok).toBe(true);
    expect((JSON.parse(readFileSync(metaPath, 'utf8')) as { version: number }).version).toBe(SYNTHETIC_GENERATOR_VERSION);
    expect(readFileSync(join(first.dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('mrnet synth writes into a new folder and refuses a non-empty one without changing it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mrnet-synth-cli-'));
    made.push(out);
    const io = { stdout: () => undefined, stderr: () => undefined };
    const data = join(out, 'data');
    const args = ['synth', '--out', data, '--train', '4', '--valid', '4', '--slices', '4', '--size', '63'];
    expect(await run(args, io)).toBe(0);
    const before = readdirSync(join(data, 'train', 'axial'));
    let err = '';
    expect(await run([...args.slice(0, 3), '--train', '8'], { stdout: () => undefined, stderr: (s) => void (err += s) })).toBe(2);
    expect(err).toContain(data);
    expect(readdirSync(join(data, 'train', 'axial'))).toEqual(before);
  });
});
