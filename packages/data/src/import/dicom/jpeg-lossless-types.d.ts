// jpeg-lossless-decoder-js 2.1 declares types it does not ship; this is the part the reader uses.
declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    decode(buffer: ArrayBuffer, offset: number, length: number, numBytes?: number): Uint8Array | Uint16Array;
  }
}
