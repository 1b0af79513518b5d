import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PLANES, TASKS } from '@mrnet/data';
import { type MRNetMetadata } from '@mrnet/model';
import { saveMRNet } from '@mrnet/model/node';
import { EXIT_OK } from '../cli/exit-code.js';
import type { CommandSpec } from '../cli/spec.js';
import { BadInputError } from '../cli/usage-error.js';
import { readCheckpointFlag } from './predict-checkpoint.js';

/** Refuses an `--out` that exists and holds something other than a saved model (it would be replaced). */
async function checkOut(out: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new BadInputError(`--out ${out}: ${code === 'ENOTDIR' ? 'exists and is not a folder' : `cannot read (${code})`}`);
  }
  if (entries.length > 0 && !entries.includes('model.json')) {
    throw new BadInputError(`--out ${out}: folder exists and is not a saved model; choose a new folder (nothing was changed)`);
  }
}

/**
 * `mrnet convert --from FILE.pth --out DIR [--task T] [--plane P]`: converts a PyTorch checkpoint of
 * the seed's MRNet (state_dict or whole pickled module) into a TensorFlow.js artifacts folder
 * (`model.json` + `.bin` shards, written atomically) that `loadMRNet` opens in Node or a browser.
 * An existing saved model at DIR is replaced; any other non-empty folder is refused (exit 2).
 *
 * @example
 * ```sh
 * mrnet convert --from models/model_acl_sagittal.pth --out models-tfjs/acl/sagittal --task acl --plane sagittal
 * ```
 */
export const convertCommand: CommandSpec = {
  name: 'convert',
  summary: "convert a PyTorch checkpoint of the seed's MRNet into a TensorFlow.js artifacts folder",
  description:
    "Reads a PyTorch checkpoint of the seed's MRNet (a state_dict or the whole pickled module, torch >= 1.6\n" +
    'zip format) and writes it as a TensorFlow.js artifacts folder (model.json + weight shards + metadata),\n' +
    'atomically. An existing saved model in DIR is replaced; any other non-empty folder is refused.',
  flags: [
    { name: 'from', type: 'string', required: true, placeholder: 'FILE.pth', help: "the seed's PyTorch checkpoint" },
    { name: 'out', type: 'string', required: true, placeholder: 'DIR', help: 'artifacts folder to write' },
    { name: 'task', short: 't', type: 'enum', values: TASKS, help: 'task recorded in the metadata' },
    { name: 'plane', short: 'p', type: 'enum', values: PLANES, help: 'plane recorded in the metadata' },
  ],
  async run(flags, io) {
    const from = flags['from'] as string;
    const out = flags['out'] as string;
    const weights = await readCheckpointFlag('--from', from);
    await checkOut(out);
    const metadata: MRNetMetadata = { inputNormalisation: 'none', convertedFrom: resolve(from) };
    if (flags['task'] !== undefined) metadata.task = flags['task'] as string;
    if (flags['plane'] !== undefined) metadata.plane = flags['plane'] as string;
    const written = await saveMRNet(weights, out, metadata);
    io.stdout(`${written}\n`);
    return EXIT_OK;
  },
};
