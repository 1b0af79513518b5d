import { defineCommand, defineFlags, type FlagSpec, type FlagValues, type FlagValuesOf } from '../cli/spec.js';
import { UsageError } from '../cli/usage-error.js';
import { PREDICT_CHECKPOINT_FLAGS, runPredictCheckpoint } from './predict-checkpoint.js';
import { PREDICT_MODELS_FLAGS, runPredictModels } from './predict-models.js';

const CHECKPOINT_ONLY = (PREDICT_CHECKPOINT_FLAGS as readonly FlagSpec[]).filter((f) => f.required).map((f) => f.name); // checkpoint, plane, input
const MODELS_ONLY = PREDICT_MODELS_FLAGS.map((f) => f.name); // models, exam, id, task

/** The same flag specs, none required. */
type Optional<F extends readonly FlagSpec[]> = { readonly [K in keyof F]: Omit<F[K], 'required'> & { readonly required: false } };

/** `flags`, none required; the help of those that were says in which mode. */
function optional<const F extends readonly FlagSpec[]>(flags: F, mode: string): Optional<F> {
  const specs: readonly FlagSpec[] = flags;
  return specs.map((f) => ({ ...f, required: false, help: f.required ? `${f.help} ${mode}` : f.help })) as unknown as Optional<F>;
}

/** Both modes' flags, none required here: each mode checks its own. */
const FLAGS = defineFlags([
  ...PREDICT_MODELS_FLAGS,
  ...optional(PREDICT_CHECKPOINT_FLAGS, '(--checkpoint mode)'),
]);

/**
 * `mrnet predict`, two modes chosen by the flags:
 *
 * - `--models DIR --exam DIR [--id N] [--task T|all] [--json]`: one exam through every task's
 *   trained plane models and stack. The exam is a folder with `axial.npy`, `coronal.npy` and
 *   `sagittal.npy`, a DICOM folder (imported as `mrnet import` does), or (with `--id N`) an MRNet split folder holding `{plane}/{NNNN}.npy`
 *   (e.g. `--exam MRNet-v1.0/valid --id 1130`).
 * - `--checkpoint FILE.pth -p PLANE --input FILE.npy [--json]`: one series through a PyTorch
 *   checkpoint of the seed's MRNet.
 *
 * @example
 * ```sh
 * mrnet predict --models models --exam MRNet-v1.0/valid --id 1130 --json
 * mrnet predict --checkpoint model_acl_sagittal.pth -p sagittal --input 1130.npy
 * ```
 */
export const predictCommand = defineCommand({
  name: 'predict',
  summary: 'predict one exam with trained models (--models) or one series with a PyTorch checkpoint (--checkpoint)',
  description:
    'With --models DIR --exam DIR: runs every task whose plane models exist (DIR/TASK/{axial,coronal,sagittal}/) on one exam\n' +
    'and prints the three plane probabilities and the stacked one (DIR/TASK/stack.json). The exam is a folder with\n' +
    'axial.npy, coronal.npy and sagittal.npy, a DICOM folder (imported in memory as mrnet import does), or, with --id N,\n' +
    'an MRNet split folder holding PLANE/NNNN.npy\n' +
    '(e.g. --exam MRNet-v1.0/valid --id 1130). A missing plane, a wrong shape or an unreadable file exits 2.\n' +
    "With --checkpoint FILE.pth -p PLANE --input FILE.npy: runs a PyTorch checkpoint of the seed's MRNet (a state_dict\n" +
    'with pretrained_model.features.N.* and classifer.* keys, or the whole pickled module) on one series.',
  flags: FLAGS,
  async run(flags, io) {
    const given = (names: readonly string[]): string[] => names.filter((n) => (flags as FlagValues)[n] !== undefined);
    if (flags.checkpoint !== undefined) {
      const wrong = given(MODELS_ONLY);
      if (wrong.length > 0) throw new UsageError(`--${wrong[0]}: not used with --checkpoint (it belongs to --models mode)`);
      for (const n of CHECKPOINT_ONLY) if ((flags as FlagValues)[n] === undefined) throw new UsageError(`--${n}: required with --checkpoint`);
      return runPredictCheckpoint(flags as FlagValuesOf<typeof PREDICT_CHECKPOINT_FLAGS>, io); // required ones checked just above
    }
    if (flags.models !== undefined) {
      const wrong = given(CHECKPOINT_ONLY);
      if (wrong.length > 0) throw new UsageError(`--${wrong[0]}: not used with --models (it belongs to --checkpoint mode)`);
      if (flags.exam === undefined) throw new UsageError('--exam: required with --models');
      return runPredictModels({ ...flags, models: flags.models, exam: flags.exam }, io);
    }
    throw new UsageError('give --models DIR --exam DIR (trained models) or --checkpoint FILE.pth -p PLANE --input FILE.npy (a PyTorch checkpoint)');
  },
});
