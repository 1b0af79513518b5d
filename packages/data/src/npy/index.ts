export { NPY_DTYPES, type NpyDtype, type NpyTypedArray } from './dtype.js';
export { type NpyHeader } from './header.js';
export { readNpy, type NpyArray, type ReadNpyOptions } from './read-npy.js';
export { readNpyFile, readNpyFileHeader, type NpyFileHeader } from './read-npy-file.js';
export { writeNpy, writeNpyFile } from './write-npy.js';
