import { createMRNet, type MRNet } from '../network/mrnet.js';
import type { MRNetWeights } from '../network/weights.js';
import type { Intensity } from '@mrnet/data';
import type { MRNetMetadata } from './format.js';
import { loadWeightsFromHttp } from './load-from-http.js';

/**
 * Reads the weights and metadata of a folder saved by `saveMRNet`, without creating tensors
 * (handy in worker threads). `http(s)://` URLs are fetched (works in browsers); a local path or
 * `file://` URL is read with `node:fs`.
 *
 * @throws ModelArtifactsError naming the file or URL that is missing or malformed.
 * @example
 * ```ts
 * import { loadMRNetWeights } from '@mrnet/model';
 * const { weights, metadata } = await loadMRNetWeights('./models/acl-sagittal');
 * console.log(metadata.valAuc, weights.features.length);
 * ```
 */
export async function loadMRNetWeights(urlOrDir: string): Promise<{ weights: MRNetWeights; metadata: MRNetMetadata }> {
  if (typeof urlOrDir !== 'string' || urlOrDir.length === 0) {
    throw new TypeError(`loadMRNet: urlOrDir must be a non-empty string (got ${typeof urlOrDir})`);
  }
  if (/^https?:\/\//i.test(urlOrDir)) return loadWeightsFromHttp(urlOrDir);
  const { loadWeightsFromDir } = await import('./load-from-dir.js');
  return loadWeightsFromDir(urlOrDir);
}

/**
 * Loads a model saved by `saveMRNet` from a local folder, a `file://` URL, or an
 * `http(s)://` URL (fetch; works in browsers). Initialise a backend first.
 *
 * @returns the model (dispose it when done), its metadata and the input normalisation its
 *   weights expect (apply it to every volume given to the model).
 * @throws ModelArtifactsError naming the file or URL that is missing or malformed, or whose
 *   `inputNormalisation` is unknown; StateFormatError for another format or a newer version.
 * @example
 * ```ts
 * import { initBackend, loadMRNet } from '@mrnet/model';
 * await initBackend('auto');
 * const { model, metadata, inputNormalisation } = await loadMRNet('https://example.org/models/acl-sagittal/');
 * console.log(metadata.task, metadata.plane, inputNormalisation);
 * model.dispose();
 * ```
 */
export async function loadMRNet(urlOrDir: string): Promise<LoadedMRNet> {
  const { weights, metadata } = await loadMRNetWeights(urlOrDir);
  return { model: createMRNet({ weights }), metadata, inputNormalisation: metadata.inputNormalisation! };
}

/**
 * What {@link loadMRNet} returns: the model, its metadata, and the input normalisation its weights
 * expect (validated; pass it to `readVolumeFile`/`toVolume` as `intensity`).
 *
 * @example
 * ```ts
 * import { readVolumeFile } from '@mrnet/data/node';
 * import { loadMRNet, type LoadedMRNet } from '@mrnet/model';
 * const loaded: LoadedMRNet = await loadMRNet('models/acl/sagittal');
 * const volume = await readVolumeFile('exam/sagittal.npy', { intensity: loaded.inputNormalisation });
 * loaded.model.predict(volume.data, volume.shape).probability;
 * ```
 */
export interface LoadedMRNet {
  model: MRNet;
  metadata: MRNetMetadata;
  /** The normalisation the weights were trained with (from `metadata`, see {@link inputNormalisationOf}). */
  inputNormalisation: Intensity;
}
