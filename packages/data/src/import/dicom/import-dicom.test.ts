import { describe, expect, test } from 'vitest';
import { InputError } from '@mrnet/options';
import type { Plane } from '../../types.js';
import type { Vec3 } from '../geometry.js';
import { ImportError } from '../import-error.js';
import type { SourceFile } from '../types.js';
import { dicomBytes, srBytes, writeKnownSeries, type KnownVolume, type Variant } from './dicom-writer.test-support.js';
import { importDicomFiles } from './import-dicom.js';

// The display frames the importer promises ([slice, row, column] directions in LPS), written out
// here independently of CANONICAL_FRAME.
const FRAME: Record<Plane, [Vec3, Vec3, Vec3]> = {
  axial: [[0, 0, 1], [0, 1, 0], [1, 0, 0]],
  coronal: [[0, 1, 0], [0, 0, -1], [1, 0, 0]],
  sagittal: [[1, 0, 0], [0, 0, -1], [0, 1, 0]],
};

/** A deterministic volume holding every value 0–255 (so min-max scaling is the identity). */
function knownData(shape: [number, number, number], seed: number): Uint8Array {
  const [s, h, w] = shape;
  const out = new Uint8Array(s * h * w);
  for (let i = 0; i < out.length; i++) out[i] = (i * 2654435761 + seed * 97) % 256 >>> 0;
  out[0] = 0;
  out[1] = 255;
  return out;
}

function known(plane: Plane, slices: number, size = 256, seed = 1): KnownVolume {
  const shape: [number, number, number] = [slices, size, size];
  return { data: knownData(shape, seed), shape, frame: FRAME[plane], spacing: [3.5, 0.6, 0.6], origin: [-80, 30.5, 12] };
}

function exam(variants: Partial<Record<Plane, Variant>> = {}, extra: Partial<Parameters<typeof writeKnownSeries>[2]> = {}): { files: SourceFile[]; volumes: Record<Plane, KnownVolume> } {
  const volumes = { axial: known('axial', 3, 256, 1), coronal: known('coronal', 4, 256, 2), sagittal: known('sagittal', 5, 256, 3) };
  const files = (['axial', 'coronal', 'sagittal'] as const).flatMap((p, i) =>
    writeKnownSeries(volumes[p], variants[p] ?? {}, { seriesUid: `1.2.3.${i}`, description: `${p} series`, seriesNumber: i + 1, ...extra }, 11 + i),
  );
  return { files, volumes };
}

function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('importDicomFiles', () => {
  test('round trip: returns the known volumes exactly, whatever the file names, nesting and InstanceNumbers', () => {
    const { files, volumes } = exam();
    const out = importDicomFiles(files);
    for (const p of ['axial', 'coronal', 'sagittal'] as const) {
      expect(out.volumes[p].shape).toEqual(volumes[p].shape);
      expect(firstDiff(out.volumes[p].data, volumes[p].data)).toBe(-1);
      expect(out.report.planes[p].steps.join('; ')).toMatch(/no resampling/);
    }
    expect(out.report.planes.sagittal.slices).toBe(5);
    expect(out.report.planes.sagittal.sliceSpacing).toBeCloseTo(3.5, 6);
    expect(out.report.planes.axial.orientation.normal.map((x) => Math.round(x))).toEqual([0, 0, 1]);
  });

  const variants: [string, Variant][] = [
    ['slices stored in the other direction', { flip: [true, false, false] }],
    ['rows reversed', { flip: [false, true, false] }],
    ['columns reversed', { flip: [false, false, true] }],
    ['rows and columns swapped', { transpose: true }],
    ['swapped, every axis reversed', { transpose: true, flip: [true, true, true] }],
    ['both in-plane axes reversed (normal flipped back)', { flip: [true, true, true] }],
  ];
  for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
    for (const [name, v] of variants) {
      test(`${plane}: ${name} → the same display-frame volume`, () => {
        const { files, volumes } = exam({ [plane]: v });
        const out = importDicomFiles(files);
        expect(out.report.planes[plane].series).toBe(`1.2.3.${['axial', 'coronal', 'sagittal'].indexOf(plane)}`);
        expect(firstDiff(out.volumes[plane].data, volumes[plane].data)).toBe(-1);
      });
    }
  }

  test('RescaleSlope/Intercept applied before scaling; MONOCHROME1 inverted', () => {
    // stored = (K − intercept) / slope, so the modality values are K again
    const { files, volumes } = exam({}, { slope: 0.5, intercept: -20, store: (v) => 2 * (v + 20) });
    const out = importDicomFiles(files);
    expect(firstDiff(out.volumes.axial.data, volumes.axial.data)).toBe(-1);
    expect(out.report.planes.axial.steps.join('; ')).toMatch(/RescaleSlope/);
    const mono1 = exam({}, { photometric: 'MONOCHROME1' });
    const inv = importDicomFiles(mono1.files);
    const expected = Array.from(mono1.volumes.coronal.data, (v) => 255 - v);
    expect(firstDiff(inv.volumes.coronal.data, expected)).toBe(-1);
    expect(inv.report.planes.coronal.steps.join('; ')).toMatch(/MONOCHROME1/);
  });

  test('512² slices: bilinear 2× downsampling is the mean of each 2×2 block', () => {
    const small = known('sagittal', 3, 256, 5);
    const big = new Uint8Array(3 * 512 * 512);
    for (let s = 0; s < 3; s++) for (let r = 0; r < 512; r++) for (let c = 0; c < 512; c++) big[(s * 512 + r) * 512 + c] = small.data[(s * 256 + (r >> 1)) * 256 + (c >> 1)]!;
    const { files } = exam();
    const sag = writeKnownSeries({ ...small, data: big, shape: [3, 512, 512], spacing: [3.5, 0.3, 0.3] }, { flip: [false, true, false] }, { seriesUid: '9.9', description: 'sag t2' }, 5);
    const out = importDicomFiles([...files.filter((_, i) => i < 7), ...sag]);
    expect(out.report.planes.sagittal.series).toBe('9.9');
    expect(out.report.planes.sagittal.sourceSize).toEqual([512, 512]);
    expect(firstDiff(out.volumes.sagittal.data, small.data)).toBe(-1);
  });

  for (const [rows, cols] of [[320, 288], [288, 320]] as const) {
    test(`${rows}×${cols} slices: centre crop to a square, then bilinear to 256² (a ramp stays exact)`, () => {
      // f(r, c) = r + 2c is linear, so bilinear interpolation reproduces it exactly at any point inside.
      const shape: [number, number, number] = [2, rows, cols];
      const ramp = new Uint16Array(2 * rows * cols);
      for (let s = 0; s < 2; s++) for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) ramp[(s * rows + r) * cols + c] = r + 2 * c + 1000 * s;
      const vol: KnownVolume = { data: ramp, shape, frame: FRAME.coronal, spacing: [4, 0.5, 0.5], origin: [0, 0, 0] };
      const { files } = exam();
      const cor = writeKnownSeries(vol, {}, { seriesUid: '7.7', description: 'COR T1', ctor: Uint16Array }, 3);
      const out = importDicomFiles([...files, ...cor]);
      expect(out.report.planes.coronal.series).toBe('7.7');
      const side = Math.min(rows, cols);
      const top = (rows - side) / 2;
      const left = (cols - side) / 2;
      const expected: number[] = [];
      for (let s = 0; s < 2; s++) for (let i = 0; i < 256; i++) for (let j = 0; j < 256; j++) {
        const y = top + ((i + 0.5) * side) / 256 - 0.5;
        const x = left + ((j + 0.5) * side) / 256 - 0.5;
        expected.push(y + 2 * x + 1000 * s);
      }
      const lo = expected.reduce((a, b) => Math.min(a, b), Infinity);
      const hi = expected.reduce((a, b) => Math.max(a, b), -Infinity);
      const want = expected.map((v) => Math.round(((v - lo) / (hi - lo)) * 255));
      let worst = 0;
      out.volumes.coronal.data.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - want[i]!))));
      expect(worst).toBeLessThanOrEqual(1);
      expect(out.report.planes.coronal.steps.join('; ')).toMatch(/centre-cropped/);
    });
  }

  test('non-square pixels keep the anatomy’s aspect: 256 rows × 128 columns of 1 × 2 mm cover a square', () => {
    const shape: [number, number, number] = [2, 256, 128];
    const data = new Uint8Array(2 * 256 * 128);
    for (let i = 0; i < data.length; i++) data[i] = i % 128 < 64 ? 0 : 255;
    const vol: KnownVolume = { data, shape, frame: FRAME.axial, spacing: [3, 1, 2], origin: [0, 0, 0] };
    const { files } = exam();
    const ax = writeKnownSeries(vol, {}, { seriesUid: '8.8', description: 'AX PD' }, 4);
    const out = importDicomFiles([...files, ...ax]);
    expect(out.report.planes.axial.series).toBe('8.8');
    expect(out.report.planes.axial.pixelSpacing).toEqual([1, 2]);
    const row = Array.from(out.volumes.axial.data.slice(0, 256));
    // the edge between the halves stays in the middle: nothing cropped, columns stretched 2×
    expect(row.slice(0, 127).every((v) => v === 0)).toBe(true);
    expect(row.slice(129).every((v) => v === 255)).toBe(true);
  });

  test('several series in a plane: the weighting MRNet used wins, then most slices; others are listed; --series overrides', () => {
    const { files } = exam();
    const pd = writeKnownSeries(known('sagittal', 8, 256, 7), {}, { seriesUid: '5.1', description: 'SAG PD FS', seriesNumber: 5 }, 21);
    const t2 = writeKnownSeries(known('sagittal', 4, 256, 8), {}, { seriesUid: '5.2', description: 'sag_t2_tse', seriesNumber: 6 }, 22);
    const all = [...files, ...pd, ...t2];
    const out = importDicomFiles(all);
    expect(out.report.planes.sagittal.series).toBe('5.2');
    expect(out.report.planes.sagittal.others.map((o) => o.series)).toEqual(['5.1', '1.2.3.2']);
    expect(importDicomFiles(all, { series: { sagittal: '5.1' } }).report.planes.sagittal.series).toBe('5.1');
    expect(() => importDicomFiles(all, { series: { sagittal: '4.4.4' } })).toThrow(/--series sagittal=4\.4\.4: no such series/);
  });

  test('non-DICOM files and non-image objects are skipped and listed', () => {
    const { files } = exam();
    const out = importDicomFiles([...files, { path: 'README.txt', bytes: new TextEncoder().encode('hello') }, { path: 'sr/1', bytes: srBytes('4.5.6') }]);
    expect(out.report.skipped).toEqual([
      { path: 'README.txt', reason: 'not DICOM (no DICM marker at byte 128)' },
      { path: 'sr/1', reason: expect.stringMatching(/^non-image object: structured report/) },
    ]);
  });

  test('missing and unevenly spaced slices are warnings; duplicates reject the series', () => {
    const { files } = exam();
    const vol = known('axial', 6, 64, 9);
    const ax = writeKnownSeries(vol, {}, { seriesUid: '6.6', description: 'AX PD' }, 8);
    // drop the slice at index 2 (a gap of 2 spacings)
    const dropped = ax.filter((f) => !dicomPosition(f).toFixed(3).endsWith(`${(12 + 2 * 3.5).toFixed(3)}`));
    expect(dropped.length).toBe(5);
    const out = importDicomFiles([...files.filter((f) => !isSeries(f, '1.2.3.0')), ...dropped]);
    expect(out.report.planes.axial.warnings.join('; ')).toMatch(/1 slice position missing/);
    const dup = [...files.filter((f) => !isSeries(f, '1.2.3.0')), ...ax, sliceCopy(ax[0]!, '6.6')];
    const err = catchError(() => importDicomFiles(dup, { source: 'exam' }));
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message).toMatch(/^exam: no usable axial series; rejected: .*duplicate slice positions/);
  });

  test('bad input: one-line ImportError (an InputError) naming the file', () => {
    const { files } = exam();
    const noAxial = files.filter((f) => !isSeries(f, '1.2.3.0'));
    const e1 = catchError(() => importDicomFiles(noAxial, { source: 'exam' }));
    expect(e1).toBeInstanceOf(InputError);
    expect(e1.message).toMatch(/^exam: no usable axial series; found: coronal 1\.2\.3\.1, sagittal 1\.2\.3\.2$/);
    const one = writeKnownSeries(known('axial', 1, 64), {}, { seriesUid: '3.3' }, 1);
    expect(catchError(() => importDicomFiles([...noAxial, ...one])).message).toMatch(/a series of one slice/);
    const mixed = [...writeKnownSeries(known('axial', 2, 64), {}, { seriesUid: '3.4' }, 1), ...writeKnownSeries({ ...known('axial', 1, 96), origin: [0, 0, 100] }, {}, { seriesUid: '3.4' }, 2)];
    const e2 = catchError(() => importDicomFiles([...noAxial, ...mixed]));
    expect(e2.message).toMatch(/mixed image sizes within the series: 64×64 \(.+\) and 96×96 \(.+\)/);
    expect(e2.message).not.toContain('\n');
    const jpeg = dicomBytes({ seriesUid: '3.5', rows: 2, columns: 2, pixels: new Int16Array(4), row: [1, 0, 0], column: [0, 1, 0], position: [0, 0, 0], transferSyntax: '1.2.840.10008.1.2.4.50' });
    const e3 = catchError(() => importDicomFiles([...files, { path: 'IMG/jpeg1', bytes: jpeg }]));
    expect(e3.message).toMatch(/^IMG\/jpeg1: pixel data in JPEG Baseline \(Process 1\) \(1\.2\.840\.10008\.1\.2\.4\.50\), which this reader cannot decode/);
    expect((e3 as ImportError).path).toBe('IMG/jpeg1');
    expect(catchError(() => importDicomFiles([{ path: 'a.txt', bytes: new Uint8Array(10) }], { source: 'dir' })).message).toBe(
      'dir: no DICOM image slices among 1 file (e.g. a.txt: not DICOM (no DICM marker at byte 128))',
    );
  });

  test('an oblique series is reported', () => {
    const { files } = exam();
    const a = (35 * Math.PI) / 180;
    const tilted: KnownVolume = { ...known('axial', 3, 64), frame: [[0, Math.sin(a), Math.cos(a)], [0, Math.cos(a), -Math.sin(a)], [1, 0, 0]] };
    const out = importDicomFiles([...files.filter((f) => !isSeries(f, '1.2.3.0')), ...writeKnownSeries(tilted, {}, { seriesUid: '2.2' }, 3)]);
    expect(out.report.planes.axial.orientation.obliqueDegrees).toBeCloseTo(35, 6);
    expect(out.report.planes.axial.warnings[0]).toMatch(/^oblique: the slice normal is 35\.0° from the axial axis/);
  });
});

import { parseDicom } from './parse-dicom.js';

function isSeries(f: SourceFile, uid: string): boolean {
  const p = parseDicom(f);
  return p.kind === 'slice' && p.slice.seriesInstanceUid === uid;
}

function dicomPosition(f: SourceFile): number {
  const p = parseDicom(f);
  if (p.kind !== 'slice') throw new Error('not a slice');
  return p.slice.position[2];
}

function sliceCopy(f: SourceFile, uid: string): SourceFile {
  const p = parseDicom(f);
  if (p.kind !== 'slice') throw new Error('not a slice');
  const s = p.slice;
  return { path: 'copy-of-first', bytes: dicomBytes({ seriesUid: uid, rows: s.rows, columns: s.columns, pixels: s.stored as Int16Array, row: s.row, column: s.column, position: s.position }) };
}

function catchError(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
}
