import * as nifti from 'nifti-reader-js';
import { PLANES, type Plane } from '../../types.js';
import { finishPlane } from '../finish-plane.js';
import { normalize, planeOfNormal, OBLIQUE_LIMIT_DEGREES, type OrientedVolume, type Vec3 } from '../geometry.js';
import { ImportError } from '../import-error.js';
import { importMethod } from '../import-method.js';
import { IMPORT_SIZE, type ImportedExam, type PlaneReport, type SourceFile } from '../types.js';

const DTYPES: Record<number, (b: ArrayBuffer, n: number) => ArrayLike<number>> = {
  2: (b, n) => new Uint8Array(b, 0, n),
  4: (b, n) => new Int16Array(b, 0, n),
  8: (b, n) => new Int32Array(b, 0, n),
  16: (b, n) => new Float32Array(b, 0, n),
  64: (b, n) => new Float64Array(b, 0, n),
  256: (b, n) => new Int8Array(b, 0, n),
  512: (b, n) => new Uint16Array(b, 0, n),
  768: (b, n) => new Uint32Array(b, 0, n),
};

/**
 * Reads one NIfTI-1/2 file (`.nii`, or gzipped `.nii.gz`) as an oriented volume: voxel values
 * (scl_slope/scl_inter applied), axes in C order `[k, j, i]`, their LPS directions and spacing from
 * the sform affine when `sform_code > 0`, else the qform (nibabel's choice), else the pixdims.
 *
 * @example
 * ```ts
 * const { volume, affine } = readNifti({ path: 'sag.nii.gz', bytes });
 * volume.shape; // [slices, rows, columns] as stored: [k, j, i]
 * ```
 */
export function readNifti(file: SourceFile): { volume: OrientedVolume; affine: number[][]; affineSource: string } {
  const { path } = file;
  let buffer = file.bytes.buffer.slice(file.bytes.byteOffset, file.bytes.byteOffset + file.bytes.byteLength) as ArrayBuffer;
  try {
    if (nifti.isCompressed(buffer)) buffer = nifti.decompress(buffer) as ArrayBuffer;
  } catch (e) {
    throw new ImportError(`${path}: gzip data could not be decompressed (${e instanceof Error ? e.message : String(e)})`, { path, cause: e });
  }
  if (!nifti.isNIFTI(buffer)) throw new ImportError(`${path}: not a NIfTI-1/2 file (no n+1/n+2 magic)`, { path });
  const header = nifti.readHeader(buffer);
  const dims = header.dims;
  const [nd, nx, ny, nz] = [dims[0]!, dims[1]!, dims[2] ?? 1, dims[3] ?? 1];
  const extra = dims.slice(4, Math.max(4, nd + 1)).reduce((a, b) => a * Math.max(1, b), 1);
  if (nd < 3 || nz < 2 || extra > 1) throw new ImportError(`${path}: expected one 3-D volume with at least two slices, got dims ${dims.slice(1, nd + 1).join('×')}`, { path });
  const read = DTYPES[header.datatypeCode];
  if (!read) throw new ImportError(`${path}: NIfTI datatype ${header.datatypeCode} is not supported (uint8, int8, int16, uint16, int32, uint32, float32, float64)`, { path });
  const n = nx * ny * nz;
  const image = nifti.readImage(header, buffer);
  const bytesPer = header.numBitsPerVoxel / 8;
  if (image.byteLength < n * bytesPer) throw new ImportError(`${path}: image data holds ${image.byteLength} bytes, ${nx}×${ny}×${nz} needs ${n * bytesPer}`, { path });
  if (!header.littleEndian && bytesPer > 1) throw new ImportError(`${path}: big-endian NIfTI is not supported`, { path });
  const raw = read(image.slice(0, n * bytesPer), n);
  const slope = header.scl_slope !== 0 && Number.isFinite(header.scl_slope) ? header.scl_slope : 1;
  const inter = Number.isFinite(header.scl_inter) && header.scl_slope !== 0 ? header.scl_inter : 0;
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = raw[i]! * slope + inter;
  // nifti-reader-js prefers the qform when its code is higher; nibabel (and most tools) take the sform whenever it is set.
  let affine = header.affine.map((r) => [...r]);
  let affineSource = header.sform_code > 0 ? 'sform' : header.qform_code > 0 ? 'qform' : 'pixdim (no sform/qform)';
  if (header.sform_code > 0 && header.qform_code > header.sform_code && header instanceof nifti.NIFTI1) {
    const view = new DataView(buffer);
    affine = [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => view.getFloat32(280 + 16 * r + 4 * c, header.littleEndian)));
    affine.push([0, 0, 0, 1]);
    affineSource = 'sform';
  }
  const column = (c: number): Vec3 => [affine[0]![c]!, affine[1]![c]!, affine[2]![c]!];
  const lps = (v: Vec3): Vec3 => normalize([-v[0], -v[1], v[2]]);
  const [ci, cj, ck] = [column(0), column(1), column(2)];
  const len = (v: Vec3): number => Math.hypot(v[0], v[1], v[2]) || 1;
  return {
    volume: { data, shape: [nz, ny, nx], directions: [lps(ck), lps(cj), lps(ci)], spacing: [len(ck), len(cj), len(ci)] },
    affine,
    affineSource,
  };
}

/**
 * Imports one NIfTI file per plane into MRNet's three `[s, 256, 256]` uint8 volumes and the
 * `import.json` report. Each file's slices must lie along its third voxel axis (as dcm2niix writes
 * them) and that axis's direction must point along the plane's patient axis; the volume is then
 * permuted/reversed to the same display frame as DICOM imports, resampled and scaled the same way.
 *
 * @example
 * ```ts
 * import { importNiftiFiles } from '@mrnet/data';
 * const exam = importNiftiFiles({ sagittal: sagFile, coronal: corFile, axial: axFile });
 * exam.volumes.axial.shape; // [s, 256, 256]
 * ```
 */
export function importNiftiFiles(files: Record<Plane, SourceFile>, options: { size?: number } = {}): ImportedExam {
  const size = options.size ?? IMPORT_SIZE;
  const planes = {} as Record<Plane, PlaneReport>;
  const volumes = {} as ImportedExam['volumes'];
  for (const plane of PLANES) {
    const file = files[plane];
    const { volume, affineSource } = readNifti(file);
    const normal = volume.directions[0];
    const found = planeOfNormal(normal);
    if (found.plane !== plane) {
      throw new ImportError(`--${plane} ${file.path}: its slices (third voxel axis, from the ${affineSource}) are ${found.plane}, not ${plane}`, { path: file.path });
    }
    const warnings: string[] = [];
    if (found.obliqueDegrees > OBLIQUE_LIMIT_DEGREES) warnings.push(`oblique: the slice normal is ${found.obliqueDegrees.toFixed(1)}° from the ${plane} axis (limit ${OBLIQUE_LIMIT_DEGREES}°)`);
    const done = finishPlane(volume, plane, 0, size);
    const [s, h, w] = volume.shape;
    planes[plane] = {
      source: 'nifti',
      series: file.path,
      seriesDescription: null,
      seriesNumber: null,
      files: [file.path],
      slices: s,
      sourceSize: [h, w],
      pixelSpacing: [volume.spacing[1], volume.spacing[2]],
      sliceSpacing: volume.spacing[0],
      orientation: { row: volume.directions[2], column: volume.directions[1], normal, obliqueDegrees: found.obliqueDegrees },
      steps: [`read ${s} slices along the third voxel axis; orientation from the ${affineSource}`, ...done.steps],
      warnings,
      choice: `given by --${plane}`,
      others: [],
      shape: done.shape,
      intensityRange: done.range,
    };
    volumes[plane] = { data: done.data, shape: done.shape };
  }
  return { volumes, report: { format: 'mrnet-import', version: 1, method: importMethod(size, 'one NIfTI file per plane (--sagittal, --coronal, --axial)'), planes, rejectedSeries: [], skipped: [] } };
}
