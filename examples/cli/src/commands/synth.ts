import { mkdir, readdir, rm } from 'node:fs/promises';
import { generateSyntheticMRNet, inspectDataset } from '@mrnet/data/node';
import { EXIT_FAILURE, EXIT_OK } from '../cli/exit-code.js';
import { defineCommand } from '../cli/spec.js';
import { BadInputError } from '../cli/usage-error.js';
import { formatInspection } from '../format-inspection.js';

/** Options of {@link writeSyntheticDataset}, as `generateSyntheticMRNet` takes them. */
export interface SynthOptions {
  out: string;
  train: number;
  valid: number;
  slices: number;
  size: number;
  seed: number;
}

/**
 * Generates a synthetic MRNet-v1.0 dataset into a folder that must not exist or be empty (nothing
 * existing is ever overwritten or deleted), then inspects it. If generation fails, a folder this
 * call created is removed again. Shared by `mrnet synth` and `mrnet demo`. `overwrite` (the demo's
 * cache of an older generator version) hands the folder to the generator's own `overwrite`, which
 * replaces only a dataset it wrote and leaves every other file alone.
 *
 * @example
 * ```ts
 * const inspection = await writeSyntheticDataset({ out: 'data', train: 8, valid: 4, slices: 12, size: 64, seed: 0 }, console.error);
 * ```
 */
export async function writeSyntheticDataset(options: SynthOptions & { overwrite?: boolean }, log: (line: string) => void, flag = '--out') {
  const existing = await readdir(options.out).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    if (e.code === 'ENOTDIR') throw new BadInputError(`${flag} ${options.out}: exists and is not a folder`);
    throw e;
  });
  if (existing && existing.length > 0 && options.overwrite !== true) {
    throw new BadInputError(`${flag} ${options.out}: folder exists and is not empty; choose a new folder (nothing was changed)`);
  }
  log(`writing ${options.train} train + ${options.valid} valid exams to ${options.out}`);
  await mkdir(options.out, { recursive: true });
  try {
    await generateSyntheticMRNet(options);
  } catch (e) {
    if (!existing) await rm(options.out, { recursive: true, force: true });
    throw e;
  }
  return inspectDataset(options.out);
}

/**
 * `mrnet synth --out DIR [--train N] [--valid N] [--slices S] [--size PX] [--seed N]`: writes a
 * deterministic synthetic MRNet-v1.0 dataset (three planes, three tasks, CSVs, lesion positions)
 * and prints its summary.
 *
 * @example
 * ```sh
 * mrnet synth --out /tmp/mrnet-synth --train 16 --valid 8 --size 64 --seed 1
 * ```
 */
export const synthCommand = defineCommand({
  name: 'synth',
  summary: 'generate a synthetic MRNet-v1.0 dataset with visible lesions',
  description:
    'Writes a deterministic synthetic MRNet-v1.0 dataset (train/ and valid/ with axial, coronal and sagittal\n' +
    '.npy volumes, the six label CSVs, and where each lesion is) into a new or empty folder, then prints\n' +
    'its summary. Refuses to write into a folder that holds anything.',
  flags: [
    { name: 'out', type: 'string', required: true, placeholder: 'DIR', help: 'new (or empty) folder to write the dataset into' },
    { name: 'train', type: 'int', default: 60, min: 1, placeholder: 'N', help: 'training exams' },
    { name: 'valid', type: 'int', default: 30, min: 1, placeholder: 'N', help: 'validation exams' },
    { name: 'slices', type: 'int', default: 16, min: 4, max: 512, placeholder: 'S', help: 'typical slices per series (each series draws ±25%)' },
    { name: 'size', type: 'int', default: 128, min: 63, max: 1024, placeholder: 'PX', help: 'slice height and width in pixels' },
    { name: 'seed', type: 'int', default: 0, min: 0, placeholder: 'N', help: 'random seed (same seed, same dataset)' },
  ],
  async run(flags, io) {
    const options: SynthOptions = {
      out: flags.out,
      train: flags.train,
      valid: flags.valid,
      slices: flags.slices,
      size: flags.size,
      seed: flags.seed,
    };
    const inspection = await writeSyntheticDataset(options, (line) => io.stderr(`mrnet synth: ${line}\n`));
    io.stdout(formatInspection(inspection));
    if (!inspection.ok) {
      io.stderr(`mrnet synth: ${options.out}: the generated dataset has ${inspection.problems.length} problems (first: ${inspection.problems[0]})\n`);
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  },
});
