import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// The tool behind the demo's "untrained ≈ chance" claim runs against the built packages; an export
// that moves (e.g. to a /node subpath) must fail here rather than when someone re-measures.
describe('tools/measure-baseline.mjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mrnet-baseline-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates its dataset, scores untrained networks per seed and plane, and writes the JSON it prints', async () => {
    const args = ['--data', join(dir, 'data'), '--valid', '8', '--slices', '4', '--size', '63', '--seeds', '0,1', '--planes', 'sagittal,axial', '--json', join(dir, 'auc.json')];
    const { stdout } = await promisify(execFile)(process.execPath, [join(import.meta.dirname, 'measure-baseline.mjs'), ...args], { env: { ...process.env, MRNET_WORKERS: '1' } });
    const json = JSON.parse(readFileSync(join(dir, 'auc.json'), 'utf8')) as { exams: number; positives: number; auc: Record<string, number[]> };
    expect(json.exams).toBe(8);
    expect(json.positives).toBeGreaterThan(0);
    expect(Object.keys(json.auc)).toEqual(['sagittal', 'axial']);
    for (const [plane, v] of Object.entries(json.auc)) {
      expect(v).toHaveLength(2);
      for (const x of v) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
      }
      // The printed row is the JSON's numbers.
      expect(stdout).toContain(`${plane.padEnd(9)} ${v.map((x) => x.toFixed(3).padStart(7)).join(' ')}`);
    }
    expect(stdout).toMatch(/^untrained MRNet, validation ACL AUC \(8 exams, \d+ positive; imagenet normalisation, backend wasm/m);
  }, 120_000);
});
