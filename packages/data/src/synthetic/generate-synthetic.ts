import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseOptions } from '@mrnet/options';
import { examPlanePath, labelCsvPath } from '../dataset/paths.js';
import { writeNpy } from '../npy/index.js';
import { createRng, deriveSeed } from '../random/index.js';
import { PLANES, SPLITS, TASKS, type Plane, type Split, type Task } from '../types.js';
import { MIN_SLICE_SIZE } from '../volume/index.js';
import { drawKneeAnatomy, renderPlane, type LesionType, type SliceLesion } from './knee-phantom.js';
import { labelsOf, MRNET_PREVALENCE, sampleFindings } from './labels.js';
import { prepareSyntheticOut, SYNTHETIC_FORMAT, syntheticFiles } from './output-folder.js';

/**
 * Version of the synthetic generator, written to `dataset.json`; bumped whenever the same seed
 * would produce different bytes.
 *
 * @example
 * ```ts
 * import { SYNTHETIC_GENERATOR_VERSION } from '@mrnet/data/node';
 * console.log(`synthetic generator v${SYNTHETIC_GENERATOR_VERSION}`);
 * ```
 */
export const SYNTHETIC_GENERATOR_VERSION = 3;

/**
 * Options of {@link generateSyntheticMRNet}.
 *
 * @example
 * ```ts
 * import { generateSyntheticMRNet, type SyntheticOptions } from '@mrnet/data/node';
 * const options: SyntheticOptions = { out: 'synth', train: 24, valid: 12, slices: 8, size: 64, seed: 1 };
 * await generateSyntheticMRNet(options);
 * ```
 */
export interface SyntheticOptions {
  /** Output folder: created if missing; if it exists it must be empty, unless `overwrite` is set. */
  out: string;
  /**
   * Replace a synthetic dataset already in `out`. Only a folder whose `dataset.json` marks it as
   * written by this generator is accepted; exactly the files that dataset lists are removed, and any
   * other file in the folder is left alone (a foreign file where the new dataset would write is
   * refused before anything changes). Default `false`: a non-empty `out` is refused.
   */
  overwrite?: boolean;
  /** Number of training exams (ids 0 … train − 1). Default 60. */
  train?: number;
  /** Number of validation exams (ids continue after the training ids, as in MRNet). Default 30. */
  valid?: number;
  /** Typical slices per series; each series draws its own count in ±25 % of it (at least 4). Default 16. */
  slices?: number;
  /** Slice height and width in pixels (≥ 63; MRNet's are 256). Default 128. */
  size?: number;
  /** Seed: the same seed gives byte-identical files. Default 0. */
  seed?: number;
}

/**
 * Per-split summary returned by {@link generateSyntheticMRNet}.
 *
 * @example
 * ```ts
 * import { generateSyntheticMRNet } from '@mrnet/data/node';
 * const { splits } = await generateSyntheticMRNet({ out: 'synth', train: 24, valid: 12 });
 * console.log(splits.valid.ids, splits.valid.positives.acl); // [24, 35] and the ACL positives
 * ```
 */
export interface SyntheticSplitSummary {
  /** Number of exams. */
  exams: number;
  /** First and last exam id. */
  ids: [number, number];
  /** Positive labels per task. */
  positives: Record<Task, number>;
  /** Smallest and largest slice count over all series of the split. */
  slices: [number, number];
}

/**
 * What {@link generateSyntheticMRNet} wrote.
 *
 * @example
 * ```ts
 * import { generateSyntheticMRNet } from '@mrnet/data/node';
 * const summary = await generateSyntheticMRNet({ out: 'synth', seed: 1 });
 * console.log(`${summary.files} files in ${summary.out}`);
 * ```
 */
export interface SyntheticSummary {
  /** The output folder. */
  out: string;
  /** The seed used. */
  seed: number;
  /** Per split: counts, id range, positives, slice-count range. */
  splits: Record<Split, SyntheticSplitSummary>;
  /** Number of files written. */
  files: number;
}

/**
 * One lesion of one exam in one plane: the slice range and a mask per slice.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import type { PlaneLesion } from '@mrnet/data/node';
 * const lesion: PlaneLesion | undefined = JSON.parse(readFileSync('synth/lesions/train/0003.json', 'utf8')).planes.sagittal.lesions['aclTear'];
 * console.log(lesion?.slices); // first and last slice where the tear is visible
 * ```
 */
export interface PlaneLesion {
  /** First and last slice (inclusive) where the lesion is visible. */
  slices: [number, number];
  /** Per slice: bounding box and run-length mask in that slice's pixel coordinates. */
  perSlice: SliceLesion[];
}

/**
 * Contents of `lesions/{split}/{id:04d}.json`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import type { SyntheticLesionFile } from '@mrnet/data/node';
 * const file: SyntheticLesionFile = JSON.parse(readFileSync('synth/lesions/train/0003.json', 'utf8'));
 * console.log(file.labels, file.findings);
 * ```
 */
export interface SyntheticLesionFile {
  id: number;
  split: Split;
  labels: Record<Task, 0 | 1>;
  /** The findings present (an ACL tear implies `acl = 1`, a meniscal tear `meniscus = 1`, any finding `abnormal = 1`). */
  findings: LesionType[];
  /** Per plane: the series shape `[slices, size, size]` and where each finding is. */
  planes: Record<Plane, { shape: [number, number, number]; lesions: Partial<Record<LesionType, PlaneLesion>> }>;
}

const schema = z
  .object({
    out: z.string().min(1),
    train: z.number().int().min(1).max(100_000).default(60),
    valid: z.number().int().min(1).max(100_000).default(30),
    slices: z.number().int().min(4).max(512).default(16),
    size: z.number().int().min(MIN_SLICE_SIZE).max(1024).default(128),
    seed: z.number().int().refine(Number.isSafeInteger, 'must be a safe integer').default(0),
    overwrite: z.boolean().default(false),
  })
  .strict();

/**
 * Writes a complete synthetic MRNet-v1.0 dataset of knee-like volumes:
 * `out/{train,valid}/{axial,coronal,sagittal}/{id:04d}.npy` (uint8 `s×size×size`, `s` varying per
 * series), `out/{train,valid}-{abnormal,acl,meniscus}.csv` (rows `id,label`, unpadded ids, no
 * header; validation ids continue after the training ids), `out/lesions/{split}/{id:04d}.json`
 * (where each finding is, per plane and slice: {@link SyntheticLesionFile}) and `out/dataset.json`
 * (generator version, options, seed).
 *
 * Labels follow MRNet's prevalences (abnormal 80.6 %, ACL 23.3 %, meniscus 37.1 %), consistently
 * (a tear implies abnormal; effusions and bone bruises make abnormal-only exams); every task has a
 * positive and a negative exam in each split of ≥ 4 exams. Every positive has a visible cause that
 * spans several slices: an ACL tear is a fluid-bright break in the dark ligament band, its fibres
 * bunched into a thick dark stump in front of the break, inside a soft-edged bright
 * oedema/haemorrhage halo around the disrupted segment (its lesion mask, gap + stump + halo, covers about 4–8 % of a slice at any `size`, on ≥ 3 consecutive sagittal slices at the
 * default 16 slices), a meniscal tear a bright cleft a few pixels wide through the dark wedge.
 * Since version 3 the classes differ only in that local structure: every knee has the same oedema
 * around its ACL (around an intact band it is no finding and in no mask), a tear's dark stump
 * darkens about as many voxels as its gap brightens, the extra findings are as frequent with as
 * without a tear, and the gain varies ±20 % per exam, so a randomly initialised
 * MRNet is at chance (validation AUC in [0.35, 0.65]; `tools/measure-baseline.mjs`) and what a
 * trained one reaches is learned.
 * Deterministic: the same options give byte-identical files.
 *
 * @throws TypeError / RangeError for bad options; `SyntheticOutputError` (an `InputError`) if
 * `out` is not empty and `overwrite` is not set, or holds something the generator did not write.
 * @example
 * ```ts
 * import { generateSyntheticMRNet, openMRNetDataset } from '@mrnet/data/node';
 * const summary = await generateSyntheticMRNet({ out: '/tmp/synth', train: 20, valid: 10, seed: 1 });
 * console.log(summary.splits.train.positives.acl);
 * const ds = await openMRNetDataset('/tmp/synth', { split: 'valid', task: 'acl' });
 * ```
 */
export async function generateSyntheticMRNet(options: SyntheticOptions): Promise<SyntheticSummary> {
  const o = parseOptions('generateSyntheticMRNet', schema, options);
  await prepareSyntheticOut(o.out, o.overwrite, (out) =>
    syntheticFiles(out, { train: [0, o.train - 1], valid: [o.train, o.train + o.valid - 1] }),
  );
  let files = 0;
  const splits = {} as Record<Split, SyntheticSplitSummary>;
  for (const [si, split] of SPLITS.entries()) {
    const count = split === 'train' ? o.train : o.valid;
    const firstId = split === 'train' ? 0 : o.train;
    const findings = sampleFindings(createRng(deriveSeed(o.seed, 1, si)), count);
    for (const plane of PLANES) await mkdir(join(o.out, split, plane), { recursive: true });
    await mkdir(join(o.out, 'lesions', split), { recursive: true });
    const csv: Record<Task, string[]> = { abnormal: [], acl: [], meniscus: [] };
    const positives: Record<Task, number> = { abnormal: 0, acl: 0, meniscus: 0 };
    let minS = Infinity;
    let maxS = 0;
    for (let e = 0; e < count; e++) {
      const id = firstId + e;
      const f = findings[e]!;
      const labels = labelsOf(f);
      const rng = createRng(deriveSeed(o.seed, 2, id));
      const anatomy = drawKneeAnatomy(rng, f);
      const planes = {} as SyntheticLesionFile['planes'];
      for (const [pi, plane] of PLANES.entries()) {
        const s = Math.max(4, Math.round(o.slices * rng.uniform(0.75, 1.25)));
        minS = Math.min(minS, s);
        maxS = Math.max(maxS, s);
        const { data, lesions } = renderPlane(anatomy, plane, s, o.size, createRng(deriveSeed(o.seed, 3, id, pi)));
        await writeFile(examPlanePath(o.out, split, plane, id), writeNpy(data, [s, o.size, o.size]));
        files++;
        const byType: Partial<Record<LesionType, PlaneLesion>> = {};
        for (const [type, perSlice] of Object.entries(lesions) as [LesionType, SliceLesion[]][]) {
          byType[type] = { slices: [perSlice[0]!.slice, perSlice[perSlice.length - 1]!.slice], perSlice };
        }
        planes[plane] = { shape: [s, o.size, o.size], lesions: byType };
      }
      const lesionFile: SyntheticLesionFile = {
        id,
        split,
        labels,
        findings: findingTypes(anatomy),
        planes,
      };
      await writeFile(join(o.out, 'lesions', split, `${String(id).padStart(4, '0')}.json`), JSON.stringify(lesionFile) + '\n');
      files++;
      for (const task of TASKS) {
        csv[task].push(`${id},${labels[task]}`);
        positives[task] += labels[task];
      }
    }
    for (const task of TASKS) {
      await writeFile(labelCsvPath(o.out, split, task), csv[task].join('\n') + '\n');
      files++;
    }
    splits[split] = { exams: count, ids: [firstId, firstId + count - 1], positives, slices: [minS, maxS] };
  }
  const meta = {
    format: SYNTHETIC_FORMAT,
    generator: '@mrnet/data generateSyntheticMRNet',
    version: SYNTHETIC_GENERATOR_VERSION,
    options: { train: o.train, valid: o.valid, slices: o.slices, size: o.size, seed: o.seed },
    seed: o.seed,
    prevalenceTarget: MRNET_PREVALENCE,
    splits,
  };
  await writeFile(join(o.out, 'dataset.json'), JSON.stringify(meta, null, 2) + '\n');
  files++;
  return { out: o.out, seed: o.seed, splits, files };
}

function findingTypes(a: ReturnType<typeof drawKneeAnatomy>): LesionType[] {
  const out: LesionType[] = [];
  if (a.aclGap !== null) out.push('aclTear');
  if (a.meniscusTear !== null) out.push('meniscusTear');
  if (a.effusion !== null) out.push('effusion');
  if (a.boneBruise !== null) out.push('boneBruise');
  return out;
}
