// dcmjs ships no type declarations; this is the small part of its API that the reader uses.
declare module 'dcmjs' {
  interface DicomElement {
    vr: string;
    Value?: unknown[];
  }
  interface DicomDictLike {
    meta: Record<string, DicomElement>;
    dict: Record<string, DicomElement>;
  }
  const dcmjs: {
    data: {
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: { ignoreErrors?: boolean; untilTag?: string; includeUntilTagValue?: boolean }): DicomDictLike };
      DicomMetaDictionary: {
        naturalizeDataset(dict: Record<string, DicomElement>): Record<string, unknown>;
        denaturalizeDataset(dataset: Record<string, unknown>): Record<string, DicomElement>;
      };
      DicomDict: new (meta: Record<string, DicomElement>) => { dict: Record<string, DicomElement>; write(): ArrayBuffer };
    };
    log: { setLevel(level: string): void; getLogger?(name: string): { setLevel(level: string): void } };
  };
  export default dcmjs;
}
