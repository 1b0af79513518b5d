// Pure readers (bytes in, volumes out): usable in a browser or a worker.
export * from './import-error.js';
export * from './types.js';
export * from './geometry.js';
export * from './resample.js';
export * from './scale-uint8.js';
export * from './finish-plane.js';
export * from './import-method.js';
export * from './exam-labels.js';
export * from './dicom/transfer-syntax.js';
export * from './dicom/sop-class.js';
export * from './dicom/decode-rle.js';
export * from './dicom/decode-jpeg-lossless.js';
export * from './dicom/parse-dicom.js';
export * from './dicom/dicom-series.js';
export * from './dicom/choose-series.js';
export * from './dicom/import-dicom.js';
export * from './nifti/import-nifti.js';
