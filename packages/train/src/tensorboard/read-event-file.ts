import * as fs from 'node:fs';
import { LogFileError } from '../errors.js';
import { decodeEvent, type TensorBoardEvent } from './event.js';
import { decodeTfRecords } from './tfrecord.js';

/**
 * Reads the events of a TensorBoard event file (as written by {@link EventFileWriter}: wall time,
 * step, file version, scalar summaries; other fields are ignored). Both CRCs of every record are
 * checked; a partial record at the end (a writer killed mid-append) is skipped, as TensorBoard
 * does. Throws `LogFileError` for an unreadable file or a CRC mismatch.
 *
 * @example
 * ```ts
 * import { readEventFile } from '@mrnet/train';
 * for (const ev of readEventFile(writer.path)) {
 *   for (const s of ev.scalars ?? []) console.log(ev.step, s.tag, s.value);
 * }
 * ```
 */
export function readEventFile(file: string): TensorBoardEvent[] {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw new LogFileError(`readEventFile: cannot read ${file}: ${(e as Error).message}`, file, { cause: e });
  }
  try {
    return decodeTfRecords(bytes).records.map(decodeEvent);
  } catch (e) {
    throw new LogFileError(`readEventFile: ${file}: ${(e as Error).message}`, file, { cause: e });
  }
}
