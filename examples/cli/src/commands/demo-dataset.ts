import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectDataset, SYNTHETIC_GENERATOR_VERSION, type DatasetInspection } from '@mrnet/data/node';
import { BadInputError } from '../cli/usage-error.js';
import { writeSyntheticDataset } from './synth.js';

/** The synthetic dataset a demo trains on. */
export interface DemoDatasetSpec {
  train: number;
  valid: number;
  slices: number;
  size: number;
  seed: number;
}

/**
 * The cache folder of a demo dataset: `{out}/data/train{T}-valid{V}-slices{S}-px{P}-seed{N}`, so that
 * each size and seed has its own, made once and reused after.
 *
 * @example
 * ```ts
 * demoDatasetDir('mrnet-demo', { train: 60, valid: 30, slices: 16, size: 64, seed: 0 });
 * // 'mrnet-demo/data/train60-valid30-slices16-px64-seed0'
 * ```
 */
export function demoDatasetDir(out: string, s: DemoDatasetSpec): string {
  return join(out, 'data', `train${s.train}-valid${s.valid}-slices${s.slices}-px${s.size}-seed${s.seed}`);
}

/**
 * Makes the demo's synthetic dataset in its cache folder, or reuses it when it is already there,
 * inspects clean and was written by this version of the generator (an older synthetic dataset is
 * regenerated in place). A cache folder that exists but is not a valid dataset is left alone and
 * reported (exit 2).
 *
 * @example
 * ```ts
 * const { dir, reused } = await ensureDemoDataset('mrnet-demo', spec, (line) => console.error(line));
 * ```
 */
export async function ensureDemoDataset(
  out: string,
  spec: DemoDatasetSpec,
  log: (line: string) => void,
): Promise<{ dir: string; reused: boolean; inspection: DatasetInspection }> {
  const dir = demoDatasetDir(out, spec);
  const existing = await readdir(dir).catch(() => [] as string[]);
  const meta = await readFile(join(dir, 'dataset.json'), 'utf8').then(
    (t) => JSON.parse(t) as { format?: unknown; version?: unknown },
    () => ({}) as { format?: unknown; version?: unknown },
  );
  let overwrite = false;
  if (existing.length > 0 && meta.format === 'mrnet-synthetic' && typeof meta.version === 'number' && meta.version !== SYNTHETIC_GENERATOR_VERSION) {
    log(`${dir} holds a dataset of synthetic generator v${meta.version}; regenerating it with v${SYNTHETIC_GENERATOR_VERSION}`);
    // The generator's own marker says it wrote this folder: it replaces only its files there.
    overwrite = true;
  } else if (existing.length > 0) {
    const inspection = await inspectDataset(dir);
    if (!inspection.ok) {
      throw new BadInputError(
        `--out: ${dir} exists but is not a valid MRNet dataset (${inspection.problems.length} problems, first: ${inspection.problems[0]}); remove it or choose another --out`,
      );
    }
    log(`reusing the dataset in ${dir}`);
    return { dir, reused: true, inspection };
  }
  const inspection = await writeSyntheticDataset({ out: dir, ...spec, overwrite }, log, '--out');
  if (!inspection.ok) throw new Error(`${dir}: the generated dataset has ${inspection.problems.length} problems (first: ${inspection.problems[0]})`);
  return { dir, reused: false, inspection };
}
