/**
 * `@mrnet/options/node`: the Node-only half of the core leaf — atomic file and folder writes, the
 * writable-folder check, lock files and the models folder layout. Kept out of the main entry so
 * that browser bundles of the packages never pull `node:` modules.
 *
 * @packageDocumentation
 */
export * from './fs/write-file-atomic.js';
export * from './fs/replace-dir-atomic.js';
export * from './fs/assert-writable-dir.js';
export * from './fs/lock-file.js';
export * from './layout/model-layout.js';
