/**
 * RLE Lossless, decoded by the reader itself (PackBits needs no codec).
 *
 * @example
 * ```ts
 * transferSyntaxName(RLE_LOSSLESS); // 'RLE Lossless'
 * ```
 */
export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';

/**
 * JPEG Lossless, Process 14 (any selection value, then selection value 1): the compressed syntaxes
 * MR exports use most, decoded with jpeg-lossless-decoder-js.
 *
 * @example
 * ```ts
 * JPEG_LOSSLESS.has('1.2.840.10008.1.2.4.70'); // true
 * ```
 */
export const JPEG_LOSSLESS: ReadonlySet<string> = new Set(['1.2.840.10008.1.2.4.57', '1.2.840.10008.1.2.4.70']);

/**
 * Transfer syntaxes whose pixel data the DICOM reader decodes: uncompressed little endian, RLE
 * Lossless and JPEG Lossless (Process 14). JPEG baseline/extended, JPEG-LS, JPEG 2000 and HTJ2K are
 * refused by name: their npm decoders are WebAssembly builds that this package does not carry.
 *
 * @example
 * ```ts
 * DECODABLE_TRANSFER_SYNTAXES.has('1.2.840.10008.1.2.1'); // true: Explicit VR Little Endian
 * ```
 */
export const DECODABLE_TRANSFER_SYNTAXES: ReadonlySet<string> = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', RLE_LOSSLESS, ...JPEG_LOSSLESS]);

const NAMES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian (retired)',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline (Process 1)',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended (Process 2 & 4)',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless, Non-Hierarchical (Process 14)',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Lossy (Near-Lossless)',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Image Compression (Lossless Only)',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000 Image Compression',
  '1.2.840.10008.1.2.4.201': 'High-Throughput JPEG 2000 (Lossless Only)',
  '1.2.840.10008.1.2.4.202': 'High-Throughput JPEG 2000 with RPCL Options (Lossless Only)',
  '1.2.840.10008.1.2.4.203': 'High-Throughput JPEG 2000',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
};

/**
 * The name of a transfer syntax UID, as PS3.6 lists it (`'unknown transfer syntax'` otherwise).
 *
 * @example
 * ```ts
 * transferSyntaxName('1.2.840.10008.1.2.4.90'); // 'JPEG 2000 Image Compression (Lossless Only)'
 * ```
 */
export function transferSyntaxName(uid: string): string {
  return NAMES[uid] ?? 'unknown transfer syntax';
}
