// Compares the readers with pydicom, nibabel and PyTorch (fixtures by scripts/fixtures/make_import_fixtures.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readNpy } from '../npy/index.js';
import { checkSeries, groupBySeries, seriesVolume } from './dicom/dicom-series.js';
import { parseDicom, type DicomSlice } from './dicom/parse-dicom.js';
import { ImportError } from './import-error.js';
import { importNiftiFiles } from './nifti/import-nifti.js';
import { listFilesDeep } from './node/read-dicom-folder.js';
import { resampleInPlane } from './resample.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'import');
const npy = (name: string) => readNpy(readFileSync(join(DIR, name)));

function seriesOf(folder: string) {
  const slices: DicomSlice[] = [];
  for (const p of listFilesDeep(join(DIR, 'dicom', folder))) {
    const r = parseDicom({ path: p.slice(join(DIR, 'dicom').length + 1), bytes: readFileSync(p) });
    if (r.kind === 'slice') slices.push(r.slice);
  }
  const groups = [...groupBySeries(slices).values()];
  expect(groups).toHaveLength(1);
  const checked = checkSeries(groups[0]!);
  if (!checked.ok) throw new Error(checked.reason);
  return checked.series;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('DICOM series written by pydicom', () => {
  test('oblique sagittal: same slice order and values (rescaled) as pydicom', () => {
    const series = seriesOf('sag');
    const order = JSON.parse(readFileSync(join(DIR, 'sag-order.json'), 'utf8')) as { series: string; files: string[] };
    expect(series.uid).toBe(order.series);
    expect(series.plane).toBe('sagittal');
    expect(series.obliqueDegrees).toBeCloseTo(10, 5);
    expect(series.sliceSpacing).toBeCloseTo(3, 5);
    expect(series.slices.map((s) => s.path)).toEqual(order.files);
    const ref = npy('sag-ordered.npy');
    const vol = seriesVolume(series);
    expect(vol.shape).toEqual(ref.shape);
    expect(maxAbsDiff(vol.data, ref.data as Float32Array)).toBe(0);
  });

  test('centre crop + bilinear resize = torch interpolate(align_corners=False) on the centre square', () => {
    const ref = npy('sag-ordered.npy');
    const want = npy('sag-resampled.npy');
    const out = resampleInPlane(ref.data as Float32Array, ref.shape as [number, number, number], [0.5, 0.5], 16);
    expect(out.crop).toEqual({ top: 0, left: 2, height: 20, width: 20 });
    expect(maxAbsDiff(out.data, want.data as Float32Array)).toBeLessThan(1e-3);
  });

  test('MONOCHROME1 uint16 with 12 bits stored: values and order as pydicom, then negated', () => {
    const series = seriesOf('cor');
    expect(series.plane).toBe('coronal');
    const order = JSON.parse(readFileSync(join(DIR, 'cor-order.json'), 'utf8')) as { files: string[] };
    expect(series.slices.map((s) => s.path)).toEqual(order.files.map((f) => f));
    const ref = npy('cor-ordered.npy');
    const vol = seriesVolume(series);
    expect(maxAbsDiff(vol.data, Array.from(ref.data as Float32Array, (v) => -v))).toBe(0);
  });

  test('RLE Lossless (pydicom-encoded) decodes to pydicom’s pixel_array', () => {
    const r = parseDicom({ path: 'rle.dcm', bytes: readFileSync(join(DIR, 'dicom', 'rle', 'rle.dcm')) });
    if (r.kind !== 'slice') throw new Error(r.reason);
    const ref = npy('rle-expected.npy');
    expect(r.slice.stored).toBeInstanceOf(Uint16Array);
    expect(Array.from(r.slice.stored)).toEqual(Array.from(ref.data as Uint16Array));
  });

  for (const [name, ctor] of [['jpeg-lossless-sv1-u12', Uint16Array], ['jpeg-lossless-sv6-i16', Int16Array]] as const) {
    test(`JPEG Lossless (${name}, encoded by DCMTK) decodes to the original values`, () => {
      const r = parseDicom({ path: name, bytes: readFileSync(join(DIR, 'dicom', 'jpeg', `${name}.dcm`)) });
      if (r.kind !== 'slice') throw new Error(r.reason);
      expect(r.slice.stored).toBeInstanceOf(ctor);
      expect(Array.from(r.slice.stored)).toEqual(Array.from(npy(`${name}-expected.npy`).data as ArrayLike<number>));
    });
  }

  test('JPEG Baseline: ImportError naming the file and the syntax', () => {
    const path = 'jpeg/jpeg-baseline.dcm';
    const bytes = readFileSync(join(DIR, 'dicom', path));
    expect(() => parseDicom({ path, bytes })).toThrow(ImportError);
    expect(() => parseDicom({ path, bytes })).toThrow(/^jpeg\/jpeg-baseline\.dcm: pixel data in JPEG Baseline \(Process 1\) \(1\.2\.840\.10008\.1\.2\.4\.50\), which this reader cannot decode/);
  });
});

describe('NIfTI files written by nibabel', () => {
  const file = (plane: string) => ({ path: `nifti/${plane}.nii.gz`, bytes: readFileSync(join(DIR, 'nifti', `${plane}.nii.gz`)) });

  test('non-identity affines (sform, qform, sform over a higher-coded qform): same display-frame arrays as nibabel', () => {
    const exam = importNiftiFiles({ sagittal: file('sagittal'), coronal: file('coronal'), axial: file('axial') }, { size: 16 });
    for (const plane of ['sagittal', 'coronal', 'axial'] as const) {
      const ref = npy(`nifti/${plane}-expected.npy`);
      expect(exam.volumes[plane].shape).toEqual(ref.shape);
      expect(maxAbsDiff(exam.volumes[plane].data, ref.data as Uint8Array)).toBe(0);
    }
    expect(exam.report.planes.axial.steps[0]).toMatch(/from the sform/);
    expect(exam.report.planes.coronal.steps[0]).toMatch(/from the qform/);
    expect(exam.report.planes.sagittal.sliceSpacing).toBeCloseTo(3, 6);
  });

  test('a file whose slices are in another plane, and a file that is not NIfTI: ImportError naming it', () => {
    expect(() => importNiftiFiles({ sagittal: file('axial'), coronal: file('coronal'), axial: file('axial') }, { size: 16 })).toThrow(
      /^--sagittal nifti\/axial\.nii\.gz: its slices \(third voxel axis, from the sform\) are axial, not sagittal$/,
    );
    expect(() => importNiftiFiles({ sagittal: { path: 'x.nii', bytes: new Uint8Array(400) }, coronal: file('coronal'), axial: file('axial') })).toThrow(/^x\.nii: not a NIfTI-1\/2 file/);
  });
});
