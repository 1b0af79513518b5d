import { inspectDataset } from '@mrnet/data/node';
import { EXIT_BAD_INPUT, EXIT_OK } from '../cli/exit-code.js';
import { defineCommand } from '../cli/spec.js';
import { formatInspection } from '../format-inspection.js';

/**
 * `mrnet inspect --data DIR [--json]`: summarises an MRNet-v1.0 dataset (exams per split, class
 * balance per task, slice counts, image sizes) and lists every problem in it. Exit code 2 when
 * there is any problem. With `--json`, stdout holds exactly one JSON document
 * `{ ok, summary, problems }`.
 *
 * @example
 * ```sh
 * mrnet inspect --data MRNet-v1.0
 * mrnet inspect --data MRNet-v1.0 --json | jq .summary.splits.train.exams
 * ```
 */
export const inspectCommand = defineCommand({
  name: 'inspect',
  summary: 'summarise an MRNet-v1.0 dataset folder, or list every problem in it',
  description:
    'Summarises an MRNet-v1.0 dataset folder (exams per split, class balance per task, slice-count range and\n' +
    'image size per plane) after checking every label CSV and every .npy header. Lists every problem at once\n' +
    'and exits with code 2 if there is any.',
  flags: [
    { name: 'data', type: 'string', required: true, placeholder: 'DIR', help: 'dataset root (holds train/, valid/ and the label CSVs)' },
    { name: 'json', type: 'boolean', default: false, help: 'print one JSON document { ok, summary, problems } on stdout' },
  ],
  async run(flags, io) {
    const data = flags.data;
    const result = await inspectDataset(data);
    io.stdout(flags.json ? `${JSON.stringify(result, null, 2)}\n` : formatInspection(result));
    if (result.ok) return EXIT_OK;
    const n = result.problems.length;
    io.stderr(`mrnet inspect: ${data}: ${n} problem${n === 1 ? '' : 's'} (first: ${result.problems[0]})\n`);
    return EXIT_BAD_INPUT;
  },
});
