export { initBackend, BACKEND_NAMES } from './init-backend.js';
export type { BackendName, BackendChoice } from './init-backend.js';
export { registerGradients } from './register-gradients.js';
