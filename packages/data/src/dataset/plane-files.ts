import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plane, Split } from '../types.js';

/**
 * Lists the `.npy` file names in `ROOT/{split}/{plane}` (one directory read instead of one stat per
 * exam). A missing folder is returned as a problem. Internal helper.
 */
export async function listPlaneFiles(root: string, split: Split, plane: Plane): Promise<{ dir: string; names: Set<string>; problem?: string }> {
  const dir = join(root, split, plane);
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return { dir, names: new Set(entries.filter((e) => e.isFile() && e.name.endsWith('.npy')).map((e) => e.name)) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { dir, names: new Set(), problem: `${dir}: ${code === 'ENOENT' ? 'missing folder' : `cannot read (${code ?? String(e)})`}` };
  }
}
