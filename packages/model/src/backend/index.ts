export { initBackend, BACKEND_NAMES } from './init-backend.js';
export type { BackendName, BackendChoice } from './init-backend.js';
export { describeBackend } from './describe-backend.js';
export { registerGradients } from './register-gradients.js';
export { prepareGpuEnvironment, probeWebGpuAdapter, releaseWebGpu, WEBGPU_PACKAGE_VERSION } from './webgpu.js';
export type { WebGpuAdapterInfo, WebGpuProbe } from './webgpu.js';
export { readBack } from './read-back.js';
