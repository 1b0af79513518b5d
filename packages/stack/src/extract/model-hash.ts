import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PredictionError } from './prediction-error.js';

/**
 * SHA-256 content hash of a saved model folder (hex): every regular file in it, in name order, as
 * `name NUL byteLength NUL bytes`. Two folders hash alike exactly when they hold the same files with
 * the same bytes, so a retrained (or replaced) plane model changes its hash.
 *
 * @throws PredictionError naming the folder if it cannot be read or holds no `model.json`.
 * @example
 * ```ts
 * import { hashModelDir } from '@mrnet/stack';
 * const hash = await hashModelDir('models/acl/sagittal'); // '3f5a…' (64 hex digits)
 * ```
 */
export async function hashModelDir(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    throw new PredictionError(`hashModelDir: ${dir}: cannot read the model folder (${e.code ?? e.message})`, { path: dir, cause: e });
  });
  const names = entries.filter((e) => e.isFile()).map((e) => e.name).sort();
  if (!names.includes('model.json')) throw new PredictionError(`hashModelDir: ${dir}: no model.json (not a saved model folder)`, { path: dir });
  const hash = createHash('sha256');
  for (const name of names) {
    const bytes = await readFile(join(dir, name));
    hash.update(name).update('\0').update(String(bytes.length)).update('\0').update(bytes);
  }
  return hash.digest('hex');
}
