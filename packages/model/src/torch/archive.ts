import { unzipSync } from 'fflate';
import { TorchCheckpointError } from './errors.js';

/** The records of a `torch.save` zip archive, with the folder prefix torch gave them removed. */
export interface TorchArchive {
  /** `data.pkl`: the pickled object graph. */
  pickle: Uint8Array;
  /** Storage records by key (`data/0` → `'0'`). */
  storages: Map<string, Uint8Array>;
  /** `true` when the archive's `byteorder` record says `big` (torch ≥ 2.1 writes it). */
  bigEndian: boolean;
}

const LEGACY_HINT =
  'saved with torch < 1.6 or with _use_new_zipfile_serialization=False (legacy, non-zip format): ' +
  're-save it with torch >= 1.6, e.g. torch.save(torch.load(path), path)';

/**
 * Opens the zip archive `torch.save` has written since PyTorch 1.6 (`{name}/data.pkl`,
 * `{name}/data/{key}`, `{name}/version`), refusing legacy and TorchScript files with a message that
 * says what to do.
 *
 * @throws TorchCheckpointError naming `path`.
 * @internal
 */
export function openTorchArchive(bytes: Uint8Array, path: string): TorchArchive {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`readTorchCheckpoint: ${path}: bytes must be a Uint8Array (got ${typeof bytes})`);
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip) {
    const isPickle = bytes.length >= 2 && bytes[0] === 0x80 && bytes[1]! >= 2 && bytes[1]! <= 5;
    const isTar = bytes.length >= 262 && String.fromCharCode(...bytes.subarray(257, 262)) === 'ustar';
    if (isPickle || isTar) throw new TorchCheckpointError(path, LEGACY_HINT);
    throw new TorchCheckpointError(path, `not a PyTorch checkpoint (${bytes.length} bytes, no zip signature)`);
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    throw new TorchCheckpointError(path, `corrupt or truncated zip archive (${(e as Error).message})`, { cause: e });
  }
  const names = Object.keys(files);
  const pkl = names.filter((n) => /^([^/]+\/)?data\.pkl$/.test(n));
  if (pkl.length !== 1) {
    throw new TorchCheckpointError(path, `zip archive has ${pkl.length} data.pkl records (expected 1): not written by torch.save`);
  }
  const prefix = pkl[0]!.slice(0, -'data.pkl'.length);
  if (names.some((n) => n.startsWith(`${prefix}code/`) || n === `${prefix}constants.pkl`)) {
    throw new TorchCheckpointError(path, 'a TorchScript archive (torch.jit.save): save a state_dict instead, torch.save(model.state_dict(), path)');
  }
  const storages = new Map<string, Uint8Array>();
  for (const n of names) {
    if (n.startsWith(`${prefix}data/`)) storages.set(n.slice(prefix.length + 'data/'.length), files[n]!);
  }
  const order = files[`${prefix}byteorder`];
  const bigEndian = order !== undefined && new TextDecoder().decode(order).trim() === 'big';
  return { pickle: files[pkl[0]!]!, storages, bigEndian };
}
