// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the package ships no types; its ambient declaration is ours
/// <reference path="./dcmjs-types.d.ts" />
// Writes DICOM Part 10 files with dcmjs for the import tests (an independent writer: the reader
// only shares dcmjs's parser with it, and the pydicom fixtures cross-check that).
import dcmjs from 'dcmjs';
import type { Vec3 } from '../geometry.js';
import type { SourceFile } from '../types.js';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;
export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';
export const EXPLICIT_LE = '1.2.840.10008.1.2.1';

export interface SliceSpec {
  seriesUid: string;
  description?: string;
  seriesNumber?: number;
  instanceNumber?: number;
  rows: number;
  columns: number;
  pixels: Int16Array | Uint16Array | Uint8Array;
  row: Vec3;
  column: Vec3;
  position: Vec3;
  pixelSpacing?: [number, number];
  slope?: number;
  intercept?: number;
  photometric?: 'MONOCHROME1' | 'MONOCHROME2';
  transferSyntax?: string;
  sopClass?: string;
  bitsStored?: number;
}

let counter = 0;

export function dicomBytes(spec: SliceSpec): Uint8Array {
  const uid = `1.2.826.0.1.3680043.8.498.${++counter}`;
  const sopClass = spec.sopClass ?? MR_IMAGE_STORAGE;
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClass,
    MediaStorageSOPInstanceUID: uid,
    TransferSyntaxUID: spec.transferSyntax ?? EXPLICIT_LE,
    ImplementationClassUID: '1.2.826.0.1.3680043.8.498.1',
  };
  const bits = spec.pixels.BYTES_PER_ELEMENT * 8;
  const ds: Record<string, unknown> = {
    SOPClassUID: sopClass,
    SOPInstanceUID: uid,
    Modality: 'MR',
    SeriesInstanceUID: spec.seriesUid,
    SeriesDescription: spec.description ?? '',
    SeriesNumber: spec.seriesNumber ?? 1,
    InstanceNumber: spec.instanceNumber ?? 1,
    Rows: spec.rows,
    Columns: spec.columns,
    SamplesPerPixel: 1,
    PhotometricInterpretation: spec.photometric ?? 'MONOCHROME2',
    BitsAllocated: bits,
    BitsStored: spec.bitsStored ?? bits,
    HighBit: (spec.bitsStored ?? bits) - 1,
    PixelRepresentation: spec.pixels instanceof Int16Array ? 1 : 0,
    ImageOrientationPatient: [...spec.row, ...spec.column],
    ImagePositionPatient: [...spec.position],
    PixelSpacing: spec.pixelSpacing ?? [1, 1],
    RescaleSlope: spec.slope ?? 1,
    RescaleIntercept: spec.intercept ?? 0,
    PixelData: spec.pixels.slice().buffer,
    _vrMap: { PixelData: bits === 8 ? 'OB' : 'OW' },
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(ds);
  return new Uint8Array(dict.write());
}

/** A non-image object (a basic text structured report). */
export function srBytes(seriesUid: string): Uint8Array {
  const uid = `1.2.826.0.1.3680043.8.498.${++counter}`;
  const sop = '1.2.840.10008.5.1.4.1.1.88.11';
  const meta = { FileMetaInformationVersion: new Uint8Array([0, 1]).buffer, MediaStorageSOPClassUID: sop, MediaStorageSOPInstanceUID: uid, TransferSyntaxUID: EXPLICIT_LE, ImplementationClassUID: '1.2.3' };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset({ SOPClassUID: sop, SOPInstanceUID: uid, Modality: 'SR', SeriesInstanceUID: seriesUid });
  return new Uint8Array(dict.write());
}

/** Deterministic shuffle (mulberry32). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * A known volume `K[s][r][c]` laid out in a patient frame (slice, row and column directions and
 * spacings, origin of voxel 0), stored as DICOM slices in a chosen variant: rows/columns swapped,
 * any axis reversed. Each stored slice gets the IPP and IOP that place its pixels where K's voxels
 * are. Files come back shuffled with random names and InstanceNumbers that contradict the order.
 */
export interface KnownVolume {
  data: ArrayLike<number>;
  shape: [number, number, number];
  frame: [Vec3, Vec3, Vec3];
  spacing: [number, number, number];
  origin: Vec3;
}

export interface Variant {
  transpose?: boolean;
  flip?: [boolean, boolean, boolean];
}

export function writeKnownSeries(
  known: KnownVolume,
  variant: Variant,
  spec: Omit<SliceSpec, 'rows' | 'columns' | 'pixels' | 'row' | 'column' | 'position' | 'pixelSpacing'> & { store?: (v: number) => number; ctor?: typeof Int16Array | typeof Uint16Array | typeof Uint8Array },
  seed: number,
): SourceFile[] {
  const [S, R, C] = known.shape;
  const [fs, fr, fc] = variant.flip ?? [false, false, false];
  const t = variant.transpose ?? false;
  const rows = t ? C : R;
  const cols = t ? R : C;
  // stored (s', r', c') → canonical (s, r, c)
  const canon = (s: number, r: number, c: number): [number, number, number] => {
    const cs = fs ? S - 1 - s : s;
    const a = t ? c : r;
    const b = t ? r : c;
    return [cs, fr ? R - 1 - a : a, fc ? C - 1 - b : b];
  };
  const pos = (s: number, r: number, c: number): Vec3 => {
    const [ks, kr, kc] = canon(s, r, c);
    const o = known.origin;
    const [n, cd, rd] = known.frame;
    const [ds, dr, dc] = known.spacing;
    return [0, 1, 2].map((i) => o[i]! + ks * ds * n[i]! + kr * dr * cd[i]! + kc * dc * rd[i]!) as unknown as Vec3;
  };
  const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
  const len = (v: Vec3): number => Math.hypot(...v);
  const unit = (v: Vec3): Vec3 => v.map((x) => x / len(v)) as unknown as Vec3;
  const Ctor = spec.ctor ?? Int16Array;
  const store = spec.store ?? ((v: number) => v);
  const files: SourceFile[] = [];
  for (let s = 0; s < S; s++) {
    const p0 = pos(s, 0, 0);
    const alongRow = sub(pos(s, 0, 1), p0);
    const downCol = sub(pos(s, 1, 0), p0);
    const px = new Ctor(rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const [ks, kr, kc] = canon(s, r, c);
        px[r * cols + c] = store(known.data[(ks * R + kr) * C + kc]!);
      }
    }
    files.push({
      path: `f${(seed * 7919 + s * 104729) % 100000}`,
      bytes: dicomBytes({ ...spec, instanceNumber: (s * 37) % (S + 3), rows, columns: cols, pixels: px, row: unit(alongRow), column: unit(downCol), position: p0, pixelSpacing: [len(downCol), len(alongRow)] }),
    });
  }
  return shuffled(files, seed).map((f, i) => ({ ...f, path: `${['x', 'dir/IM', 'a/b/0'][i % 3]}${f.path}` }));
}
