import { z } from 'zod';
import { parseOptions } from '@mrnet/options';
import { NpyFormatError } from '../errors.js';
import type { NpyArray } from '../npy/index.js';

/**
 * Intensity normalisations a volume can be read with.
 *
 * @example
 * ```ts
 * INTENSITIES; // ['none', 'stanford', 'imagenet']
 * ```
 */
export const INTENSITIES = ['none', 'stanford', 'imagenet'] as const;
/**
 * How voxel values are scaled for the model:
 * - `none` — raw values (0–255 for MRNet's uint8 files), as the seed feeds them;
 * - `stanford` — per-volume min-max to 0–255, then `(x − 58.09) / 49.73` (Stanford's original);
 * - `imagenet` — `x / 255`, then `(x − 0.449) / 0.226`: the ImageNet channel means
 *   (0.485, 0.456, 0.406) and standard deviations (0.229, 0.224, 0.225) averaged, since the grey
 *   slice is repeated to three channels.
 *
 * @example
 * ```ts
 * const intensity: Intensity = 'stanford';
 * ```
 */
export type Intensity = (typeof INTENSITIES)[number];

/**
 * Smallest height/width AlexNet's feature extractor accepts (MRNet's slices are 256).
 *
 * @example
 * ```ts
 * toVolume({ data: new Uint8Array(62 * 62), shape: [1, 62, 62] }); // throws: H, W ≥ MIN_SLICE_SIZE
 * ```
 */
export const MIN_SLICE_SIZE = 63;
/**
 * Stanford MRNet's dataset mean after min-max scaling to 0–255.
 *
 * @example
 * ```ts
 * const z = (127.5 - STANFORD_MEAN) / STANFORD_STD;
 * ```
 */
export const STANFORD_MEAN = 58.09;
/**
 * Stanford MRNet's dataset standard deviation after min-max scaling to 0–255.
 *
 * @example
 * ```ts
 * const z = (127.5 - STANFORD_MEAN) / STANFORD_STD;
 * ```
 */
export const STANFORD_STD = 49.73;
/**
 * Grey ImageNet mean (average of the RGB channel means).
 *
 * @example
 * ```ts
 * const z = (128 / 255 - IMAGENET_GREY_MEAN) / IMAGENET_GREY_STD;
 * ```
 */
export const IMAGENET_GREY_MEAN = 0.449;
/**
 * Grey ImageNet standard deviation (average of the RGB channel standard deviations).
 *
 * @example
 * ```ts
 * const z = (128 / 255 - IMAGENET_GREY_MEAN) / IMAGENET_GREY_STD;
 * ```
 */
export const IMAGENET_GREY_STD = 0.226;

/**
 * One MRI series ready for the model: `data` is `Float32Array` laid out `[slices, height, width]`.
 *
 * @example
 * ```ts
 * const { data, shape: [s, h, w] }: Volume = await readVolumeFile('0000.npy');
 * ```
 */
export interface Volume {
  /** Voxels in C order, `[slices, height, width]`, one channel. */
  data: Float32Array;
  /** `[slices, height, width]`. */
  shape: [number, number, number];
}

/**
 * Options of {@link toVolume} and `readVolumeFile`.
 *
 * @example
 * ```ts
 * await readVolumeFile('0000.npy', { intensity: 'imagenet' });
 * ```
 */
export interface VolumeOptions {
  /** File named in errors (default: none). */
  path?: string;
  /** Intensity normalisation (default `'none'`, as the seed). */
  intensity?: Intensity;
}

const schema = z
  .object({ path: z.string().optional(), intensity: z.enum(INTENSITIES).default('none') })
  .strict();

/**
 * Checks that an array is an MRNet-style volume `s×H×W` (s ≥ 1, H and W ≥ 63) and converts it to
 * `Float32Array` with the chosen intensity normalisation. A wrong shape throws
 * {@link NpyFormatError} naming the file.
 *
 * A constant volume has no range to min-max scale: under `stanford` it maps to `(0 − 58.09) / 49.73`
 * everywhere (every voxel taken as 0) instead of NaN.
 *
 * @example
 * ```ts
 * import { toVolume } from '@mrnet/data';
 * import { readNpyFile } from '@mrnet/data/node';
 * const path = 'MRNet-v1.0/train/sagittal/0000.npy';
 * const vol = toVolume(await readNpyFile(path), { path, intensity: 'stanford' });
 * vol.shape; // [s, 256, 256]
 * ```
 */
export function toVolume(npy: Pick<NpyArray, 'data' | 'shape'>, options: VolumeOptions = {}): Volume {
  const { path, intensity } = parseOptions('toVolume', schema, options);
  const { shape, data } = npy;
  const [s, h, w] = shape;
  if (shape.length !== 3 || s! < 1 || h! < MIN_SLICE_SIZE || w! < MIN_SLICE_SIZE) {
    const got = shape.length === 0 ? 'a scalar' : `shape ${shape.join('×')}`;
    throw new NpyFormatError(
      `toVolume: ${path === undefined ? '' : `${path}: `}expected a 3-D s×H×W volume with s ≥ 1 and H, W ≥ ${MIN_SLICE_SIZE}, got ${got}`,
      { path },
    );
  }
  if (data.length !== s! * h! * w!) {
    throw new NpyFormatError(`toVolume: ${path ?? ''}${path ? ': ' : ''}data holds ${data.length} values, shape ${shape.join('×')} needs ${s! * h! * w!}`, { path });
  }
  const out = new Float32Array(data.length);
  if (intensity === 'none') {
    out.set(data);
  } else if (intensity === 'imagenet') {
    for (let i = 0; i < data.length; i++) out[i] = (data[i]! / 255 - IMAGENET_GREY_MEAN) / IMAGENET_GREY_STD;
  } else {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const scale = max > min ? 255 / (max - min) : 0;
    for (let i = 0; i < data.length; i++) out[i] = ((data[i]! - min) * scale - STANFORD_MEAN) / STANFORD_STD;
  }
  return { data: out, shape: [s!, h!, w!] };
}
