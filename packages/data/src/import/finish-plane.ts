import type { Plane } from '../types.js';
import { toCanonical, type OrientedVolume } from './geometry.js';
import { resampleInPlane } from './resample.js';
import { minMaxToUint8 } from './scale-uint8.js';

const AXIS_WORDS = ['slices', 'rows', 'columns'] as const;

/**
 * The steps every plane goes through after its source-specific reading (DICOM series or NIfTI
 * file): reorientation to the plane's display frame, in-plane resampling to `size × size` (centre
 * crop, bilinear) and per-volume min-max scaling to uint8. Returns the volume and the steps in words.
 *
 * @example
 * ```ts
 * const { data, shape, steps } = finishPlane(oriented, 'sagittal', 0, 256);
 * ```
 */
export function finishPlane(
  volume: OrientedVolume,
  plane: Plane,
  sliceAxis: 0 | 1 | 2,
  size: number,
): { data: Uint8Array; shape: [number, number, number]; steps: string[]; range: [number, number]; slicesReversed: boolean } {
  const steps: string[] = [];
  const canon = toCanonical(volume, plane, sliceAxis);
  const { from, flipped } = canon.reorientation;
  const moves: string[] = [];
  if (from[1] > from[2]) moves.push('rows and columns swapped');
  flipped.forEach((f, t) => f && moves.push(`${AXIS_WORDS[t]} reversed`));
  steps.push(moves.length ? `reoriented to the ${plane} display frame: ${moves.join(', ')}` : `already in the ${plane} display frame`);
  const [s, h, w] = canon.shape;
  const { data, crop, resampled } = resampleInPlane(canon.data, canon.shape, [canon.spacing[1], canon.spacing[2]], size);
  if (resampled) {
    const cropped = crop.height !== h || crop.width !== w;
    const box = `${fmt(crop.height)}×${fmt(crop.width)} px at (${fmt(crop.top)}, ${fmt(crop.left)})`;
    steps.push(`${cropped ? `centre-cropped ${h}×${w} to a square field of view (${box}), then ` : ''}resampled bilinearly ${cropped ? '' : `from ${h}×${w} `}to ${size}×${size}`);
  } else {
    steps.push(`no resampling: already ${size}×${size} with square pixels`);
  }
  const scaled = minMaxToUint8(data);
  steps.push(`scaled min-max over the volume: [${fmt(scaled.min)}, ${fmt(scaled.max)}] → 0–255 uint8`);
  return { data: scaled.data, shape: [s, size, size], steps, range: [scaled.min, scaled.max], slicesReversed: flipped[0] };
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
