import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectDataset } from '@mrnet/data';
import { EXIT_FAILURE, EXIT_OK } from '../cli/exit-code.js';
import type { CommandSpec } from '../cli/spec.js';
import { BadInputError } from '../cli/usage-error.js';
import { formatInspection } from '../format-inspection.js';
import { writeSyntheticDataset } from './synth.js';

/** The demo's dataset: small enough to generate in seconds, big enough to train on. */
export const DEMO_DATASET = { train: 24, valid: 12, slices: 16, size: 64 } as const;

/**
 * `mrnet demo [--out DIR] [--backend B] [--seed N]`: the main job (`npm start`). For now it makes
 * a small synthetic MRNet-v1.0 dataset in `DIR/data` (reused when already there and valid) and
 * prints its summary: exams per split, class balance per task, slice-count range.
 *
 * @example
 * ```sh
 * mrnet demo --out ./mrnet-demo
 * ```
 */
export const demoCommand: CommandSpec = {
  name: 'demo',
  summary: 'the main job: make (or reuse) a synthetic dataset in DIR/data and summarise it',
  description:
    `Generates a small synthetic MRNet-v1.0 dataset (${DEMO_DATASET.train} train + ${DEMO_DATASET.valid} valid exams, ` +
    `${DEMO_DATASET.size}×${DEMO_DATASET.size} slices) in DIR/data,\n` +
    'or reuses it when it is already there and valid, and prints its summary.',
  flags: [
    { name: 'out', type: 'string', default: 'mrnet-demo', placeholder: 'DIR', help: 'demo folder (the dataset goes to DIR/data)' },
    {
      name: 'backend',
      type: 'enum',
      values: ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'],
      default: 'auto',
      help: 'TensorFlow.js backend for the model steps (not needed to make the data)',
    },
    { name: 'seed', type: 'int', default: 0, min: 0, placeholder: 'N', help: 'random seed of the synthetic dataset' },
  ],
  async run(flags, io) {
    const dir = join(flags['out'] as string, 'data');
    const existing = await readdir(dir).catch(() => [] as string[]);
    let inspection;
    if (existing.length > 0) {
      inspection = await inspectDataset(dir);
      if (!inspection.ok) {
        throw new BadInputError(
          `--out: ${dir} exists but is not a valid MRNet dataset (${inspection.problems.length} problems, first: ${inspection.problems[0]}); ` +
            'remove it or choose another --out',
        );
      }
      io.stderr(`mrnet demo: reusing the dataset in ${dir}\n`);
    } else {
      const log = (line: string): void => io.stderr(`mrnet demo: ${line}\n`);
      inspection = await writeSyntheticDataset({ out: dir, ...DEMO_DATASET, seed: flags['seed'] as number }, log, '--out');
      if (!inspection.ok) {
        io.stderr(`mrnet demo: ${dir}: the generated dataset has ${inspection.problems.length} problems (first: ${inspection.problems[0]})\n`);
        return EXIT_FAILURE;
      }
    }
    io.stdout(formatInspection(inspection));
    return EXIT_OK;
  },
};
