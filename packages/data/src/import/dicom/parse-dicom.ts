// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the package ships no types; its ambient declaration is ours
/// <reference path="./dcmjs-types.d.ts" />
import dcmjs from 'dcmjs';
import { ImportError } from '../import-error.js';
import type { Vec3 } from '../geometry.js';
import { nonImageKind } from './sop-class.js';
import { decodeRleFrame } from './decode-rle.js';
import { decodeJpegLosslessFrame } from './decode-jpeg-lossless.js';
import { DECODABLE_TRANSFER_SYNTAXES, JPEG_LOSSLESS, RLE_LOSSLESS, transferSyntaxName } from './transfer-syntax.js';

// dcmjs logs every odd VR it meets through loglevel; the reader reports problems itself.
dcmjs.log.setLevel('error');

/**
 * One decoded DICOM image slice: the attributes the importer needs and the stored pixel values.
 *
 * @example
 * ```ts
 * const parsed = parseDicom({ path: 'IM0001', bytes });
 * if (parsed.kind === 'slice') parsed.slice.position; // ImagePositionPatient
 * ```
 */
export interface DicomSlice {
  path: string;
  seriesInstanceUid: string;
  seriesDescription: string | null;
  seriesNumber: number | null;
  /** Kept for the report only: slices are never ordered by it. */
  instanceNumber: number | null;
  rows: number;
  columns: number;
  /** PixelSpacing: millimetres between rows, then between columns ([1, 1] when absent). */
  pixelSpacing: [number, number];
  pixelSpacingGiven: boolean;
  /** ImageOrientationPatient: row cosines then column cosines. */
  row: Vec3;
  column: Vec3;
  /** ImagePositionPatient: centre of the first voxel, millimetres, LPS. */
  position: Vec3;
  photometric: 'MONOCHROME1' | 'MONOCHROME2';
  rescaleSlope: number;
  rescaleIntercept: number;
  /** Stored values (before BitsStored masking and rescale), row-major `rows × columns`. */
  stored: Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;
  bitsStored: number;
}

/**
 * What {@link parseDicom} made of a file: an image slice, or a file to skip with the reason.
 *
 * @example
 * ```ts
 * const p: ParsedDicom = { kind: 'skipped', path: 'README.txt', reason: 'not DICOM (no DICM marker at byte 128)' };
 * ```
 */
export type ParsedDicom = { kind: 'slice'; slice: DicomSlice } | { kind: 'skipped'; path: string; reason: string };

const PIXEL_DATA = '7FE00010';

/**
 * Parses one DICOM Part 10 file. Files that are not DICOM, and DICOM objects that are not
 * cross-sectional greyscale slices (structured reports, presentation states, DICOMDIR, colour
 * screenshots, images without ImagePositionPatient/ImageOrientationPatient) come back as
 * `skipped` with the reason, so a folder walk can list them. Throws {@link ImportError} naming the
 * file for an image it cannot decode: a compressed transfer syntax other than RLE and JPEG Lossless (named), a
 * multi-frame object,
 * an unsupported pixel layout or truncated pixel data.
 *
 * @example
 * ```ts
 * import { parseDicom } from '@mrnet/data';
 * const parsed = parseDicom({ path: 'IM0001', bytes });
 * if (parsed.kind === 'skipped') console.log(parsed.reason);
 * ```
 */
export function parseDicom(file: { path: string; bytes: Uint8Array }): ParsedDicom {
  const { path, bytes } = file;
  const skip = (reason: string): ParsedDicom => ({ kind: 'skipped', path, reason });
  if (bytes.length < 132 || bytes[128] !== 0x44 || bytes[129] !== 0x49 || bytes[130] !== 0x43 || bytes[131] !== 0x4d) {
    return skip('not DICOM (no DICM marker at byte 128)');
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let message;
  try {
    message = dcmjs.data.DicomMessage.readFile(buffer);
  } catch (e) {
    throw new ImportError(`${path}: unreadable DICOM (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`, { path, cause: e });
  }
  const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(message.dict);
  const sopClass = str(ds['SOPClassUID']) ?? str(message.meta['00020002']?.Value?.[0]);
  const kind = nonImageKind(sopClass);
  if (kind !== undefined) return skip(`non-image object: ${kind} (SOP class ${sopClass})`);
  if (message.dict[PIXEL_DATA] === undefined) return skip(`no pixel data (SOP class ${sopClass ?? 'unknown'})`);
  const syntax = str(message.meta['00020010']?.Value?.[0]) ?? '1.2.840.10008.1.2';
  if (!DECODABLE_TRANSFER_SYNTAXES.has(syntax)) {
    throw new ImportError(
      `${path}: pixel data in ${transferSyntaxName(syntax)} (${syntax}), which this reader cannot decode; convert the series to uncompressed (e.g. dcmdjpeg, gdcmconv --raw, or dcm2niix then --sagittal/--coronal/--axial)`,
      { path },
    );
  }
  const samples = num(ds['SamplesPerPixel']) ?? 1;
  const photometric = str(ds['PhotometricInterpretation']);
  if (samples !== 1 || (photometric !== 'MONOCHROME1' && photometric !== 'MONOCHROME2')) {
    return skip(`not a greyscale slice (PhotometricInterpretation ${photometric ?? 'missing'}, SamplesPerPixel ${samples})`);
  }
  const orientation = nums(ds['ImageOrientationPatient']);
  const position = nums(ds['ImagePositionPatient']);
  if (orientation?.length !== 6 || position?.length !== 3) {
    return skip('no ImageOrientationPatient/ImagePositionPatient (not a cross-sectional slice: screenshot or secondary capture?)');
  }
  const frames = num(ds['NumberOfFrames']) ?? 1;
  if (frames > 1) throw new ImportError(`${path}: multi-frame image (${frames} frames; enhanced MR), which this reader does not support; export the series as one file per slice`, { path });
  const seriesInstanceUid = str(ds['SeriesInstanceUID']);
  if (seriesInstanceUid === undefined) throw new ImportError(`${path}: image without SeriesInstanceUID`, { path });
  const rows = num(ds['Rows']);
  const columns = num(ds['Columns']);
  const bitsAllocated = num(ds['BitsAllocated']);
  if (!rows || !columns || rows < 1 || columns < 1) throw new ImportError(`${path}: Rows/Columns missing or zero`, { path });
  const signed = num(ds['PixelRepresentation']) === 1;
  const bitsStored = num(ds['BitsStored']) ?? bitsAllocated ?? 16;
  const pixelBuffers = ds['PixelData'];
  const frame = Array.isArray(pixelBuffers) ? pixelBuffers[0] : pixelBuffers;
  if (!(frame instanceof ArrayBuffer)) throw new ImportError(`${path}: PixelData could not be read`, { path });
  const n = rows * columns;
  const ctor =
    bitsAllocated === 8 ? (signed ? Int8Array : Uint8Array) : bitsAllocated === 16 ? (signed ? Int16Array : Uint16Array) : bitsAllocated === 32 ? (signed ? Int32Array : Uint32Array) : undefined;
  if (ctor === undefined) throw new ImportError(`${path}: BitsAllocated ${bitsAllocated} is not supported (8, 16 or 32)`, { path });
  const pixels =
    syntax === RLE_LOSSLESS
      ? decodeRleFrame(frame, n, bitsAllocated!, path).buffer
      : JPEG_LOSSLESS.has(syntax)
        ? decodeJpegLosslessFrame(frame, n, bitsAllocated!, path).buffer
        : frame;
  if (pixels.byteLength < n * ctor.BYTES_PER_ELEMENT) {
    throw new ImportError(`${path}: PixelData holds ${pixels.byteLength} bytes, ${rows}×${columns} × ${bitsAllocated} bits needs ${n * ctor.BYTES_PER_ELEMENT}`, { path });
  }
  const spacing = nums(ds['PixelSpacing']);
  const pixelSpacingGiven = spacing?.length === 2 && spacing[0]! > 0 && spacing[1]! > 0;
  return {
    kind: 'slice',
    slice: {
      path,
      seriesInstanceUid,
      seriesDescription: str(ds['SeriesDescription']) ?? null,
      seriesNumber: num(ds['SeriesNumber']) ?? null,
      instanceNumber: num(ds['InstanceNumber']) ?? null,
      rows,
      columns,
      pixelSpacing: pixelSpacingGiven ? [spacing[0]!, spacing[1]!] : [1, 1],
      pixelSpacingGiven,
      row: [orientation[0]!, orientation[1]!, orientation[2]!],
      column: [orientation[3]!, orientation[4]!, orientation[5]!],
      position: [position[0]!, position[1]!, position[2]!],
      photometric,
      rescaleSlope: num(ds['RescaleSlope']) ?? 1,
      rescaleIntercept: num(ds['RescaleIntercept']) ?? 0,
      stored: new ctor(pixels.slice(0, n * ctor.BYTES_PER_ELEMENT) as ArrayBuffer),
      bitsStored,
    },
  };
}

/**
 * A slice's values as the modality means them: stored values limited to BitsStored (masked, or
 * sign-extended when signed), then `value · RescaleSlope + RescaleIntercept`, times `sign` (−1 to
 * invert MONOCHROME1). Written into `out` from `offset` when given (no intermediate array).
 *
 * @example
 * ```ts
 * const values = sliceValues(slice); // Float32Array, rows × columns
 * ```
 */
export function sliceValues(slice: DicomSlice, out = new Float32Array(slice.stored.length), offset = 0, sign: 1 | -1 = 1): Float32Array {
  const { stored, bitsStored } = slice;
  const m = sign * slice.rescaleSlope;
  const b = sign * slice.rescaleIntercept;
  const bits = stored.BYTES_PER_ELEMENT * 8;
  const signed = stored instanceof Int8Array || stored instanceof Int16Array || stored instanceof Int32Array;
  const n = stored.length;
  if (bitsStored > 0 && bitsStored < bits && bits < 32) {
    const mask = (1 << bitsStored) - 1;
    const shift = 32 - bitsStored;
    if (signed) for (let i = 0; i < n; i++) out[offset + i] = (((stored[i]! & mask) << shift) >> shift) * m + b;
    else for (let i = 0; i < n; i++) out[offset + i] = (stored[i]! & mask) * m + b;
  } else {
    for (let i = 0; i < n; i++) out[offset + i] = stored[i]! * m + b;
  }
  return out;
}

function str(v: unknown): string | undefined {
  const x = Array.isArray(v) ? v[0] : v;
  if (typeof x === 'string') return x.trim() === '' ? undefined : x.trim().replace(/\0+$/, '');
  if (x && typeof x === 'object' && 'Alphabetic' in x) return String((x as { Alphabetic: unknown }).Alphabetic);
  return undefined;
}

function num(v: unknown): number | undefined {
  const x = Array.isArray(v) ? v[0] : v;
  const n = typeof x === 'string' ? Number(x) : x;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function nums(v: unknown): number[] | undefined {
  if (v === undefined || v === null) return undefined;
  const arr = Array.isArray(v) ? v : typeof v === 'string' ? v.split('\\') : [v];
  const out = arr.map((x) => (typeof x === 'string' ? Number(x) : x));
  return out.every((x) => typeof x === 'number' && Number.isFinite(x)) ? (out as number[]) : undefined;
}
