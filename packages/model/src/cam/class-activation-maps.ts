import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { ModelShapeError } from '../errors.js';
import { MIN_INPUT_SIZE } from '../network/specs.js';
import { CamModelError } from './errors.js';
import { linearHeadOf, type CamModel } from './linear-head.js';

/**
 * Options of {@link classActivationMaps}.
 *
 * @example
 * ```ts
 * import { classActivationMaps, type CamOptions } from '@mrnet/model';
 * const options: CamOptions = { upsample: 'nearest', channels: 'winning' };
 * const cams = classActivationMaps(net, volume.data, volume.shape, options);
 * ```
 */
export interface CamOptions {
  /**
   * How the `h' × w'` maps are brought to the slice size: `'bilinear'` (default; half-pixel
   * centres, i.e. PyTorch's `align_corners=False`) or `'nearest'` (shows the feature-map cells).
   */
  upsample?: 'bilinear' | 'nearest';
  /**
   * Channels summed into each slice's map: `'all'` (default; the classic CAM
   * `Σ_c w_c · F_{i,c}`, what slice i's features say on their own) or `'winning'` (only the channels
   * slice i wins in the max over slices, i.e. exactly the part of slice i that reaches the logit).
   */
  channels?: 'all' | 'winning';
  /**
   * Scaling of `maps` to [0, 1]: `'joint'` (default; one min and max over every slice, so slices
   * can be compared with each other, as a radiologist compares them) or `'per-slice'`.
   */
  normalise?: 'joint' | 'per-slice';
}

const optionsSchema = z.strictObject({
  upsample: z.enum(['bilinear', 'nearest']).default('bilinear'),
  channels: z.enum(['all', 'winning']).default('all'),
  normalise: z.enum(['joint', 'per-slice']).default('joint'),
});

/**
 * What {@link classActivationMaps} returns (plain arrays: no tensors to dispose).
 *
 * @example
 * ```ts
 * import { classActivationMaps, createMRNet, type ClassActivationMaps } from '@mrnet/model';
 * const net = createMRNet({ seed: 1 });
 * const cams: ClassActivationMaps = classActivationMaps(net, new Float32Array(2 * 64 * 64), [2, 64, 64]);
 * cams.shape; // [2, 64, 64]: one map per slice, at the slice size
 * ```
 */
export interface ClassActivationMaps {
  /** `[slices, H, W]`, the input's shape. */
  shape: [number, number, number];
  /** `[slices, H, W]` row-major, in [0, 1]: the upsampled maps scaled by {@link ClassActivationMaps.range}. */
  maps: Float32Array;
  /** `[slices, h', w']`, the feature-map grid (7×7 for 256² slices, 3×3 for 128²). */
  rawShape: [number, number, number];
  /** `[slices, h', w']` row-major: `Σ_c w_c · F_{i,c}(y, x)` in logit units, before upsampling and scaling. */
  rawMaps: Float32Array;
  /**
   * The raw (logit-unit) values that 0 and 1 of `maps` stand for: the minimum and maximum of the
   * upsampled maps — over all slices with `normalise: 'joint'`, else one pair per slice
   * (`perSliceRange`). Equal ends (a constant map) give `maps` of 0.
   */
  range: [number, number];
  /** Per slice `[min, max]` of the upsampled maps (the ranges used with `normalise: 'per-slice'`). */
  perSliceRange: [number, number][];
  /** For each of the C channels, the slice whose average-pooled feature is the maximum (first on ties). */
  winningSlicePerChannel: Int32Array;
  /** For each slice, how many channels it wins. */
  channelsWon: Int32Array;
  /**
   * For each slice i, its share of the logit: `Σ_{c won by i} w_c · mean_{y,x} F_{i,c}(y, x)`.
   * `bias + Σ_i sliceContributions[i] = logit` exactly (up to float rounding).
   */
  sliceContributions: number[];
  /** The slice with the largest contribution to the logit (first on ties). */
  decisiveSlice: number;
  /** Slice indices sorted by contribution, largest first. */
  slicesByContribution: number[];
  /** The linear head's bias `b`. */
  bias: number;
  /** `b + Σ_c w_c · max_i mean_{y,x} F_{i,c}` — MRNet's logit for this volume. */
  logit: number;
  /** `sigmoid(logit)`. */
  probability: number;
}

function parseOptions(options: unknown): z.output<typeof optionsSchema> {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`classActivationMaps: options must be an object (got ${options === null ? 'null' : typeof options})`);
  }
  for (const [k, v] of Object.entries(options)) {
    if (v !== undefined && typeof v !== 'string') throw new TypeError(`classActivationMaps: options.${k} must be a string (got ${typeof v})`);
  }
  const r = optionsSchema.safeParse(options);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const msg = `classActivationMaps: options.${issue.path.join('.') || ''}: ${issue.message}`;
    throw issue.code === 'invalid_type' ? new TypeError(msg) : new RangeError(msg);
  }
  return r.data;
}

function checkVolume(volume: unknown, shape: unknown): [number, number, number] {
  if (!(volume instanceof Float32Array)) {
    throw new TypeError(`classActivationMaps: volume must be a Float32Array of slices×H×W values (got ${volume === null ? 'null' : (volume as object)?.constructor?.name ?? typeof volume})`);
  }
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new ModelShapeError(`classActivationMaps: shape must be [slices, H, W] with positive integers (got ${JSON.stringify(shape)})`);
  }
  const [s, h, w] = shape as [number, number, number];
  if (s * h * w !== volume.length) {
    throw new ModelShapeError(`classActivationMaps: shape [${s}, ${h}, ${w}] needs ${s * h * w} values but the volume holds ${volume.length}`);
  }
  if (h < MIN_INPUT_SIZE || w < MIN_INPUT_SIZE) {
    throw new ModelShapeError(`classActivationMaps: slices of ${h}×${w} are below AlexNet's minimum ${MIN_INPUT_SIZE}×${MIN_INPUT_SIZE}`);
  }
  return [s, h, w];
}

function minMax(a: Float32Array, from: number, to: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = from; k < to; k++) {
    const v = a[k]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * Class activation maps (Zhou et al. 2016) of one plane's series under MRNet — exact, no gradients.
 *
 * MRNet scores a series of `s` slices as
 * `logit = b + Σ_c w_c · max_i p_{i,c}` with `p_{i,c} = mean_{y,x} F_{i,c}(y, x)`,
 * where `F_i` (`[h', w', C]`, C = 256) are slice i's last AlexNet features (after the final ReLU and
 * max-pool: {@link MRNet.lastConvFeatures}) and `(w, b)` the `Linear(256, 1)` head. Because the
 * pooling is linear, slice i's map is
 *
 * `CAM_i(y, x) = Σ_c w_c · F_{i,c}(y, x)`   (so `mean_{y,x} CAM_i = Σ_c w_c · p_{i,c}`),
 *
 * bilinearly upsampled from `h' × w'` to the slice's `H × W`.
 *
 * **How the max over slices decides which slices matter.** For each channel c only the slice
 * `win_c = argmax_i p_{i,c}` reaches the logit (`winningSlicePerChannel`). Grouping the channels by
 * the slice that wins them,
 * `logit = b + Σ_i mean_{y,x} Σ_{c: win_c = i} w_c · F_{i,c}(y, x) = b + Σ_i sliceContributions[i]`:
 * the logit is the bias plus the spatial mean of each slice's CAM *restricted to the channels it
 * wins* (`channels: 'winning'` returns exactly those maps). A slice that wins no channel does not
 * influence the prediction at all, however bright its full CAM looks; the `decisiveSlice` is the
 * slice with the largest contribution. Positive contributions push towards a tear, negative ones
 * (channels with `w_c < 0`) away from it.
 *
 * `maps` are scaled to [0, 1] **jointly over all slices** by default (0 = the lowest value of any
 * slice, 1 = the highest), so a slice that looks hot is hot compared with the others; `range` gives
 * the logit-unit values of 0 and 1 for a colour-bar legend.
 *
 * Runs in `tf.tidy`: no tensor outlives the call.
 *
 * @param model - an {@link MRNet} (or any {@link CamModel}: `lastConvFeatures` + a linear head).
 * @param volume - `s·H·W` values, row-major, as the model expects them (same normalisation as in training).
 * @param shape - `[s, H, W]`, H and W ≥ 63.
 * @param options - {@link CamOptions}.
 * @throws ModelShapeError for a wrong shape; TypeError for a volume that is not a Float32Array;
 *   {@link CamModelError} for a model without a linear head; TypeError/RangeError for bad options.
 * @example
 * ```ts
 * import { initBackend, loadMRNet, classActivationMaps } from '@mrnet/model';
 * import { readVolumeFile } from '@mrnet/data/node';
 * await initBackend('auto');
 * const { model } = await loadMRNet('models/acl/sagittal');
 * const { data, shape } = await readVolumeFile('valid/sagittal/1130.npy');
 * const cam = classActivationMaps(model, data, shape, { upsample: 'bilinear' });
 * console.log(cam.decisiveSlice, cam.sliceContributions, cam.probability);
 * model.dispose();
 * ```
 */
export function classActivationMaps(
  model: CamModel,
  volume: Float32Array,
  shape: readonly [number, number, number],
  options: CamOptions = {},
): ClassActivationMaps {
  const o = parseOptions(options);
  const [s, H, W] = checkVolume(volume, shape);
  const head = linearHeadOf('classActivationMaps', model);
  const C = head.weight.length;

  const { raw, pooled, rawShape } = tf.tidy(() => {
    const x = tf.tensor3d(volume, [s, H, W]);
    const F = model.lastConvFeatures(x);
    if (!(F instanceof tf.Tensor) || F.rank !== 4 || F.shape[0] !== s) {
      throw new CamModelError(`classActivationMaps: lastConvFeatures returned shape [${F?.shape}], expected [${s}, h', w', C]`);
    }
    const [, h, w, c] = F.shape;
    if (c !== C) throw new CamModelError(`classActivationMaps: features have ${c} channels but the linear head has ${C} weights`);
    const pooledT = tf.mean(F, [1, 2]); // [s, C]
    return {
      raw: F.dataSync() as Float32Array, // [s, h, w, C]: the sums are done in float64 below
      pooled: pooledT.dataSync() as Float32Array,
      rawShape: [s, h, w] as [number, number, number],
    };
  });
  const [, h, w] = rawShape;

  // Max over slices per channel: who wins, and the logit b + Σ_c w_c · max_i p_{i,c}.
  const win = new Int32Array(C);
  const channelsWon = new Int32Array(s);
  const contributions = new Array<number>(s).fill(0);
  let logit = head.bias;
  for (let c = 0; c < C; c++) {
    let best = 0;
    for (let i = 1; i < s; i++) if (pooled[i * C + c]! > pooled[best * C + c]!) best = i;
    win[c] = best;
    channelsWon[best]! += 1;
    const term = head.weight[c]! * pooled[best * C + c]!;
    contributions[best]! += term;
    logit += term;
  }

  // CAM_i(y, x) = Σ_c w_c F_{i,c}(y, x), over all channels or only those slice i wins.
  const rawMaps = new Float32Array(s * h * w);
  for (let i = 0; i < s; i++) {
    for (let p = 0; p < h * w; p++) {
      const base = (i * h * w + p) * C;
      let acc = 0;
      for (let c = 0; c < C; c++) {
        if (o.channels === 'winning' && win[c] !== i) continue;
        acc += head.weight[c]! * raw[base + c]!;
      }
      rawMaps[i * h * w + p] = acc;
    }
  }

  const up = tf.tidy(() => {
    const m = tf.tensor4d(rawMaps, [s, h, w, 1]);
    const r = o.upsample === 'bilinear' ? tf.image.resizeBilinear(m, [H, W], false, true) : tf.image.resizeNearestNeighbor(m, [H, W], false, true);
    return r.dataSync() as Float32Array;
  });

  const n = H * W;
  const perSliceRange = Array.from({ length: s }, (_, i) => minMax(up, i * n, (i + 1) * n));
  const range: [number, number] = [Math.min(...perSliceRange.map((r) => r[0])), Math.max(...perSliceRange.map((r) => r[1]))];
  const maps = new Float32Array(s * n);
  for (let i = 0; i < s; i++) {
    const [lo, hi] = o.normalise === 'joint' ? range : perSliceRange[i]!;
    if (!(hi > lo)) continue; // constant: 0
    const scale = 1 / (hi - lo);
    // lo ≤ up[k] ≤ hi by construction; min/max only absorb the last bit of float rounding.
    for (let k = i * n; k < (i + 1) * n; k++) maps[k] = Math.min(1, Math.max(0, (up[k]! - lo) * scale));
  }

  const slicesByContribution = Array.from({ length: s }, (_, i) => i).sort((a, b) => contributions[b]! - contributions[a]! || a - b);
  return {
    shape: [s, H, W],
    maps,
    rawShape,
    rawMaps,
    range,
    perSliceRange,
    winningSlicePerChannel: win,
    channelsWon,
    sliceContributions: contributions,
    decisiveSlice: slicesByContribution[0]!,
    slicesByContribution,
    bias: head.bias,
    logit,
    probability: 1 / (1 + Math.exp(-logit)),
  };
}
