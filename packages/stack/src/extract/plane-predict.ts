import { type Intensity, type Volume } from '@mrnet/data';
import { readVolumeFile } from '@mrnet/data/node';
import { loadMRNet } from '@mrnet/model';
import { SliceParallelMRNet, sliceParallelSupported } from '@mrnet/model/node';
import { PredictionError } from './prediction-error.js';

/** One series to score: an exam id and its `.npy` file. @internal */
export interface SeriesFile {
  id: number;
  path: string;
}

/** A named list of series scored by one plane model (e.g. the train split). @internal */
export interface SeriesGroup {
  name: string;
  files: SeriesFile[];
}

/** Progress of {@link predictPlaneGroups}: `done` of `total` series of group `name` scored. @internal */
export interface GroupProgress {
  name: string;
  done: number;
  total: number;
}


/**
 * Reads one series for prediction; any failure becomes a {@link PredictionError} naming the file
 * (missing, unreadable, not a `.npy`, not `s×H×W` with H, W ≥ 63). @internal
 */
export async function readSeries(path: string, intensity: Intensity): Promise<Volume> {
  try {
    return await readVolumeFile(path, { intensity });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reason = err?.code === 'ENOENT' ? 'no such file' : err?.code === 'EISDIR' ? 'is a folder, not a .npy file' : (err?.message ?? String(e));
    const text = reason.includes(path) ? reason : `${path}: ${reason}`;
    throw new PredictionError(text, { path, cause: e });
  }
}

/**
 * Loads the plane model saved in `modelDir` (tfjs artifacts) and returns its probability for every
 * series of every group, without augmentation, in order. A backend must be active in this thread.
 * Runs the same way inline and in a worker thread. With `sliceWorkers` > 1 (on wasm/cpu) each
 * exam's slices are split over that many threads (same probabilities). @internal
 */
export async function predictPlaneGroups(
  modelDir: string,
  groups: readonly SeriesGroup[],
  onProgress?: (p: GroupProgress) => void,
  sliceWorkers = 1,
): Promise<Record<string, number[]>> {
  // The normalisation the weights were trained with, validated by loadMRNet: never a caller's guess.
  const { model, inputNormalisation: how } = await loadMRNet(modelDir);
  let pool: SliceParallelMRNet | null = null;
  try {
    if (sliceWorkers > 1 && sliceParallelSupported()) pool = await SliceParallelMRNet.create(model, { workers: sliceWorkers });
    const out: Record<string, number[]> = {};
    for (const group of groups) {
      const probs: number[] = [];
      for (const file of group.files) {
        const v = await readSeries(file.path, how);
        probs.push(pool ? 1 / (1 + Math.exp(-(await pool.forward(v, file.path)))) : (await model.predictAsync(v.data, v.shape)).probability);
        onProgress?.({ name: group.name, done: probs.length, total: group.files.length });
      }
      out[group.name] = probs;
    }
    return out;
  } finally {
    await pool?.dispose();
    model.dispose();
  }
}
