import { link, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PLANES, TASKS, type Plane, type Task } from '@mrnet/data';
import { loadMRNetWeights, stateDictFromMRNetWeights, writeTorchCheckpoint, type MRNetMetadata } from '@mrnet/model';
import { saveMRNet } from '@mrnet/model/node';
import { parsePlaneModelDir } from '@mrnet/stack';
import { EXIT_OK } from '../cli/exit-code.js';
import { defineCommand, defineFlags, type CommandIo, type FlagValuesOf } from '../cli/spec.js';
import { BadInputError, UsageError } from '../cli/usage-error.js';
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
 * The task and plane a converted model is for: `-t/-p` when given, else read from an `--out` of the
 * form `MODELS/TASK/PLANE` (where `mrnet stack` and `predict --models` look for it). Given flags that
 * contradict such a path are refused; without flags, a path of another form needs them.
 */
export function taskAndPlane(out: string, task: Task | undefined, plane: Plane | undefined): { task: Task; plane: Plane } {
  const fromPath = parsePlaneModelDir(out);
  if (fromPath) {
    const given = { task: task ?? fromPath.task, plane: plane ?? fromPath.plane };
    if (given.task !== fromPath.task || given.plane !== fromPath.plane) {
      throw new BadInputError(
        `-t ${given.task} -p ${given.plane}: --out ${out} is the ${fromPath.task}/${fromPath.plane} folder of a models tree; ` +
          `write to MODELS/${given.task}/${given.plane} or drop -t/-p (nothing was changed)`,
      );
    }
    return given;
  }
  const missing = [task === undefined ? '-t/--task' : '', plane === undefined ? '-p/--plane' : ''].filter(Boolean);
  if (missing.length > 0) {
    throw new UsageError(`${missing.join(' and ')}: required unless --out is a MODELS/TASK/PLANE folder (${out} is not; tasks ${TASKS.join('|')}, planes ${PLANES.join('|')})`);
  }
  return { task: task!, plane: plane! };
}

/** Writes `bytes` to a new file `path`: through a temporary file linked into place, so a crash never leaves half a file and an existing file is never replaced. */
async function writeNewFile(flag: string, path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    await link(tmp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new BadInputError(`${flag} ${path}: file exists; choose a new file (nothing was changed)`);
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') throw new BadInputError(`${flag} ${path}: cannot write (${code})`);
    throw e;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** `--from FILE.pth --out DIR`: PyTorch → TF.js artifacts. */
const CONVERT_FLAGS = defineFlags([
    { name: 'from', type: 'string', required: true, placeholder: 'FILE.pth|MODELDIR', help: "the seed's PyTorch checkpoint (with --out) or a saved model folder (with --to)" },
    { name: 'out', type: 'string', placeholder: 'DIR', help: 'artifacts folder to write (from a .pth)' },
    { name: 'to', type: 'string', placeholder: 'FILE.pth', help: 'PyTorch checkpoint to write (from a saved model folder)' },
    { name: 'task', short: 't', type: 'enum', values: TASKS, help: 'task recorded in the metadata (default: from --out MODELS/TASK/PLANE)' },
    { name: 'plane', short: 'p', type: 'enum', values: PLANES, help: 'plane recorded in the metadata (default: from --out MODELS/TASK/PLANE)' },
]);

type ConvertFlags = FlagValuesOf<typeof CONVERT_FLAGS>;

async function toArtifacts(flags: ConvertFlags, io: CommandIo): Promise<number> {
  const from = flags.from;
  const out = flags.out!;
  const { task, plane } = taskAndPlane(out, flags.task, flags.plane);
  const { weights, location } = await readCheckpointFlag('--from', from);
  await checkOut(out);
  const metadata: MRNetMetadata = { task, plane, inputNormalisation: 'none', convertedFrom: resolve(from) };
  if (location.wrapperKey !== undefined) metadata['checkpointKey'] = location.wrapperKey;
  const written = await saveMRNet(weights, out, metadata);
  if (location.wrapperKey !== undefined) io.stderr(`mrnet convert: ${from}: read the state_dict under '${location.wrapperKey}'\n`);
  io.stdout(`${written}\n`);
  return EXIT_OK;
}

/** `--from MODELDIR --to FILE.pth`: TF.js artifacts → the seed's PyTorch state_dict. */
async function toPytorch(flags: ConvertFlags, io: CommandIo): Promise<number> {
  const from = flags.from;
  const to = flags.to!;
  if (flags.task !== undefined || flags.plane !== undefined) throw new UsageError('-t/-p: only with --out (a .pth written with --to holds no metadata)');
  const isModelDir = await readFile(resolve(from, 'model.json')).then(
    () => true,
    () => false,
  );
  if (!isModelDir) throw new BadInputError(`--from ${from}: not a saved model folder (no model.json); --to converts a folder written by mrnet train or mrnet convert --out`);
  let weights;
  try {
    ({ weights } = await loadMRNetWeights(from));
  } catch (e) {
    if (e instanceof Error && e.name === 'ModelArtifactsError') throw new BadInputError(`--from ${e.message}`);
    throw e;
  }
  await writeNewFile('--to', to, writeTorchCheckpoint(stateDictFromMRNetWeights(weights)));
  io.stdout(`${to}\n`);
  return EXIT_OK;
}

/**
 * `mrnet convert --from FILE.pth --out DIR [-t TASK -p PLANE]` converts a PyTorch checkpoint of the
 * seed's MRNet (state_dict, possibly nested under `model` / `state_dict` / `model_state_dict`, or
 * the whole pickled module) into a TensorFlow.js artifacts folder (`model.json` + `.bin` shards,
 * written atomically) that `loadMRNet` opens in Node or a browser; task and plane come from
 * `-t/-p` or from a `MODELS/TASK/PLANE` output path. An existing saved model at DIR is replaced; any
 * other non-empty folder is refused (exit 2).
 *
 * `mrnet convert --from MODELDIR --to FILE.pth` writes a saved model back as the seed's
 * `state_dict` (`pretrained_model.features.N.*`, `classifer.*`) in the zip format of PyTorch ≥ 1.6,
 * which `torch.load(path, weights_only=True)` reads. An existing file is never replaced.
 *
 * @example
 * ```sh
 * mrnet convert --from models/model_acl_sagittal.pth --out models-tfjs/acl/sagittal
 * mrnet convert --from models-tfjs/acl/sagittal --to model_acl_sagittal.pth
 * ```
 */
export const convertCommand = defineCommand({
  name: 'convert',
  summary: "convert the seed's MRNet between a PyTorch checkpoint and a TensorFlow.js artifacts folder",
  description:
    "--from FILE.pth --out DIR: reads a PyTorch checkpoint of the seed's MRNet (a state_dict, also nested under\n" +
    "'model', 'state_dict' or 'model_state_dict', or the whole pickled module; torch >= 1.6 zip format) and writes\n" +
    'it as a TensorFlow.js artifacts folder (model.json + weight shards + metadata), atomically. Task and plane come\n' +
    'from -t/-p, or from DIR when it is MODELS/TASK/PLANE. An existing saved model in DIR is replaced; any other\n' +
    'non-empty folder is refused.\n' +
    "--from MODELDIR --to FILE.pth: writes a saved model as the seed's state_dict (torch.load(path, weights_only=True)\n" +
    'reads it; load it into the seed\'s MRNet with load_state_dict(sd, strict=False)). FILE must not exist.',
  flags: CONVERT_FLAGS,
  async run(flags, io) {
    const hasOut = flags.out !== undefined;
    const hasTo = flags.to !== undefined;
    if (hasOut === hasTo) throw new UsageError(hasOut ? '--out and --to: give one (--out DIR from a .pth, --to FILE.pth from a model folder)' : '--out or --to: required');
    return hasOut ? toArtifacts(flags, io) : toPytorch(flags, io);
  },
});
