import { readFile } from 'node:fs/promises';
import { PLANES, readNpy } from '@mrnet/data';
import {
  AlexNetOnlyCheckpointError,
  BACKEND_NAMES,
  createMRNet,
  describeBackend,
  initBackend,
  locateStateDict,
  mrnetWeightsFromStateDict,
  readTorchCheckpoint,
  type MRNetWeights,
  type StateDictLocation,
} from '@mrnet/model';
import { EXIT_OK } from '../cli/exit-code.js';
import { defineCommand, defineFlags, type CommandIo, type FlagValuesOf } from '../cli/spec.js';
import { BadInputError } from '../cli/usage-error.js';

/**
 * Reads the seed's PyTorch checkpoint named by a flag into MRNet weights, and where in the file they
 * were (the wrapper key, e.g. `'model_state_dict'`, if any); every problem with the file (missing,
 * legacy format, other dtype, wrong tensors) is a {@link BadInputError} (exit 2) naming the flag and
 * the file. An AlexNet-only checkpoint is pointed to `mrnet train --pretrained FILE`.
 *
 * @example
 * ```ts
 * const { weights, location } = await readCheckpointFlag('--checkpoint', 'model_acl_sagittal.pth');
 * ```
 */
export async function readCheckpointFlag(flag: string, path: string): Promise<{ weights: MRNetWeights; location: StateDictLocation }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new BadInputError(`${flag} ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const sd = readTorchCheckpoint(bytes, { path });
    const weights = mrnetWeightsFromStateDict(sd, path);
    return { weights, location: locateStateDict(sd)! };
  } catch (e) {
    if (e instanceof AlexNetOnlyCheckpointError) {
      throw new BadInputError(
        `${flag} ${path}: an AlexNet-only checkpoint (no MRNet head classifer.weight/classifer.bias); to train MRNet from it, use mrnet train --pretrained ${path}`,
      );
    }
    if (e instanceof Error && e.name === 'TorchCheckpointError') throw new BadInputError(`${flag} ${e.message}`);
    throw e;
  }
}

/** Reads `--input FILE.npy` as a `[slices, H, W]` float32 volume (any numeric dtype, raw values). */
async function readVolume(path: string): Promise<{ data: Float32Array; shape: [number, number, number] }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new BadInputError(`--input ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let npy: ReturnType<typeof readNpy>;
  try {
    npy = readNpy(bytes);
  } catch (e) {
    throw new BadInputError(`--input ${path}: ${(e as Error).message}`);
  }
  if (npy.shape.length !== 3) throw new BadInputError(`--input ${path}: expected a [slices, height, width] volume, got shape [${npy.shape.join(', ')}]`);
  const [s, h, w] = npy.shape as [number, number, number];
  if (s < 1 || h < 63 || w < 63) throw new BadInputError(`--input ${path}: shape [${s}, ${h}, ${w}]: needs at least 1 slice of at least 63×63 pixels`);
  const data = Float32Array.from(npy.data as ArrayLike<number>, Number);
  return { data, shape: [s, h, w] };
}

/** Flags of `mrnet predict --checkpoint …`. */
export const PREDICT_CHECKPOINT_FLAGS = defineFlags([
  { name: 'checkpoint', type: 'string', required: true, placeholder: 'FILE.pth', help: "the seed's PyTorch checkpoint: a state_dict or the whole pickled MRNet (torch >= 1.6 zip format)" },
  { name: 'plane', short: 'p', type: 'enum', values: PLANES, required: true, help: 'plane of the input series (echoed in the output)' },
  { name: 'input', type: 'string', required: true, placeholder: 'FILE.npy', help: 'one series, [slices, H, W], raw intensities (uint8 0-255 as in MRNet-v1.0)' },
  { name: 'json', type: 'boolean', default: false, help: 'print one JSON document {"plane","logit","probability"} on stdout' },
  { name: 'backend', type: 'enum', values: BACKEND_NAMES, default: 'auto', help: 'TensorFlow.js backend' },
]);

/**
 * Runs `predict --checkpoint`: loads the PyTorch checkpoint, runs MRNet on the volume, prints the
 * logit and probability.
 *
 * @example
 * ```ts
 * await runPredictCheckpoint({ checkpoint: 'm.pth', plane: 'sagittal', input: '0001.npy', json: true, backend: 'cpu' }, io);
 * ```
 */
export async function runPredictCheckpoint(flags: FlagValuesOf<typeof PREDICT_CHECKPOINT_FLAGS>, io: CommandIo): Promise<number> {
  const plane = flags.plane;
  const checkpoint = flags.checkpoint;
  const { weights, location } = await readCheckpointFlag('--checkpoint', checkpoint);
  if (location.wrapperKey !== undefined) io.stderr(`mrnet predict: ${checkpoint}: read the state_dict under '${location.wrapperKey}'\n`);
  const volume = await readVolume(flags.input);
  const choice = await initBackend(flags.backend);
  io.stderr(`mrnet predict: ${describeBackend(choice)}\n`);
  const net = createMRNet({ weights });
  try {
    const { logit, probability } = await net.predictAsync(volume.data, volume.shape);
    if (flags.json) io.stdout(`${JSON.stringify({ plane, logit, probability })}\n`);
    else io.stdout(`${plane}: logit ${logit.toFixed(6)}, probability ${probability.toFixed(6)}\n`);
  } finally {
    net.dispose();
  }
  return EXIT_OK;
}

/**
 * `mrnet predict --checkpoint FILE.pth -p PLANE --input FILE.npy [--json]`: runs a PyTorch
 * checkpoint of the seed's MRNet (its `state_dict`, or the whole module its
 * `torch.save(mrnet, path)` writes) on one series and prints `{"plane","logit","probability"}` —
 * the numbers PyTorch gives for the same checkpoint and input. Bad files exit 2 naming the flag.
 *
 * @example
 * ```sh
 * mrnet predict --checkpoint models/model_acl_sagittal.pth -p sagittal --input valid/sagittal/1130.npy --json
 * ```
 */
export const predictCheckpointCommand = defineCommand({
  name: 'predict',
  summary: "run a PyTorch checkpoint of the seed's MRNet on one series (.npy)",
  description:
    "Reads a PyTorch checkpoint of the seed's MRNet (a state_dict with pretrained_model.features.N.* and\n" +
    'classifer.* keys, or the whole pickled module) and prints the logit and probability for one series.',
  flags: PREDICT_CHECKPOINT_FLAGS,
  run: runPredictCheckpoint,
});
