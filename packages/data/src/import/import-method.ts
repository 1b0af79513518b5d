/**
 * The `method` block of `import.json`: how every plane was made, in words.
 *
 * @example
 * ```ts
 * importMethod(256, 'one file per plane').inPlane;
 * ```
 */
export function importMethod(size: number, seriesChoice: string): { size: number; inPlane: string; intensity: string; sliceOrder: string; seriesChoice: string } {
  return {
    size,
    inPlane: `largest centred square field of view (in millimetres), bilinear resampling to ${size}×${size} (half-pixel centres, no antialiasing); no padding`,
    intensity: 'rescaled values (MONOCHROME1 negated), then min-max over the whole volume to 0–255, rounded to uint8',
    sliceOrder: 'by position along the slice normal; then axes permuted/reversed (never interpolated) to the display frame: axial inferior→superior, rows anterior→posterior, columns right→left; coronal anterior→posterior, rows superior→inferior, columns right→left; sagittal right→left, rows superior→inferior, columns anterior→posterior',
    seriesChoice,
  };
}
