export { NPY_DTYPES, type NpyDtype, type NpyTypedArray } from './dtype.js';
export { type NpyHeader } from './header.js';
export { readNpy, type NpyArray, type ReadNpyOptions } from './read-npy.js';
export { writeNpy } from './write-npy.js';
