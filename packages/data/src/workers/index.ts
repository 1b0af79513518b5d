export { compiledWorkerUrl, workerExecArgv } from './compiled-worker.js';
