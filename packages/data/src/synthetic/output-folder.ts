import { access, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SyntheticOutputError } from './synthetic-output-error.js';
import { examPlanePath, labelCsvPath } from '../dataset/paths.js';
import { PLANES, SPLITS, TASKS, type Split } from '../types.js';

/** The `format` of `dataset.json`, the marker by which the generator recognises a folder it wrote. */
export const SYNTHETIC_FORMAT = 'mrnet-synthetic';

/** The split summaries a previous `dataset.json` records: enough to list every file it wrote. */
interface PreviousDataset {
  format?: unknown;
  splits?: Partial<Record<Split, { ids?: unknown }>>;
}

/**
 * Every file a synthetic dataset with these id ranges consists of (relative layout of
 * `generateSyntheticMRNet`): the per-plane volumes, the lesion files, the label CSVs and the
 * `dataset.json` marker.
 */
export function syntheticFiles(out: string, ids: Partial<Record<Split, readonly [number, number]>>): string[] {
  const files: string[] = [];
  for (const split of SPLITS) {
    const range = ids[split];
    if (range) {
      for (let id = range[0]; id <= range[1]; id++) {
        for (const plane of PLANES) files.push(examPlanePath(out, split, plane, id));
        files.push(join(out, 'lesions', split, `${String(id).padStart(4, '0')}.json`));
      }
    }
    for (const task of TASKS) files.push(labelCsvPath(out, split, task));
  }
  files.push(join(out, 'dataset.json'));
  return files;
}

function idRanges(meta: PreviousDataset): Partial<Record<Split, [number, number]>> {
  const ranges: Partial<Record<Split, [number, number]>> = {};
  for (const split of SPLITS) {
    const ids = meta.splits?.[split]?.ids;
    if (Array.isArray(ids) && ids.length === 2 && ids.every((i) => Number.isSafeInteger(i) && (i as number) >= 0)) {
      ranges[split] = [ids[0] as number, ids[1] as number];
    }
  }
  return ranges;
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Makes `out` ready for a new synthetic dataset whose files are `next`, never deleting anything
 * the generator did not write:
 * - missing or empty folder: created / used as is;
 * - non-empty folder without `overwrite`: refused ({@link SyntheticOutputError}, nothing changed);
 * - with `overwrite`, only a folder whose `dataset.json` says `format: 'mrnet-synthetic'` (the
 *   generator's own marker) is accepted; the files that dataset lists are removed and every other
 *   file in the folder is left as it is. If a foreign file sits where the new dataset would write,
 *   the call is refused before anything is removed.
 */
export async function prepareSyntheticOut(out: string, overwrite: boolean, next: (out: string) => string[]): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      await mkdir(out, { recursive: true });
      return;
    }
    if (code === 'ENOTDIR') throw new SyntheticOutputError(`generateSyntheticMRNet: ${out}: exists and is not a folder`, out);
    throw e;
  }
  if (entries.length === 0) return;
  if (!overwrite) {
    throw new SyntheticOutputError(
      `generateSyntheticMRNet: ${out}: folder is not empty; choose an empty or new folder, or pass overwrite: true to replace a synthetic dataset there (nothing was changed)`,
      out,
    );
  }
  const meta = await readFile(join(out, 'dataset.json'), 'utf8').then(
    (text) => {
      try {
        return JSON.parse(text) as PreviousDataset;
      } catch {
        return {};
      }
    },
    () => ({}) as PreviousDataset,
  );
  if (meta === null || typeof meta !== 'object' || meta.format !== SYNTHETIC_FORMAT) {
    throw new SyntheticOutputError(
      `generateSyntheticMRNet: ${out}: folder is not empty and holds no synthetic dataset (no dataset.json with format '${SYNTHETIC_FORMAT}'); overwrite only replaces a dataset the generator wrote (nothing was changed)`,
      out,
    );
  }
  const previous = syntheticFiles(out, idRanges(meta));
  const ours = new Set(previous);
  for (const file of next(out)) {
    if (!ours.has(file) && (await exists(file))) {
      throw new SyntheticOutputError(
        `generateSyntheticMRNet: ${file}: the new dataset would replace this file, which the previous synthetic dataset in ${out} did not write (nothing was changed)`,
        file,
      );
    }
  }
  for (const file of previous) await rm(file, { force: true });
}
