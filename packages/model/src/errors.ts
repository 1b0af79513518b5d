import { InputError, markInputError } from '@mrnet/options';

/**
 * Typed errors of `@mrnet/model`. Each says where and what, and carries the offending value or
 * path, so the `mrnet` CLI can map them to exit code 2 (bad usage/input) or 1 (runtime failure).
 */

/**
 * A named TensorFlow.js backend is not installed or failed to initialise. The message is one line
 * and gives the npm command that installs it.
 *
 * @example
 * ```ts
 * import { initBackend, BackendUnavailableError } from '@mrnet/model';
 * try {
 *   await initBackend('tensorflow');
 * } catch (e) {
 *   if (e instanceof BackendUnavailableError) console.error(e.message); // "... npm install @tensorflow/tfjs-node@4.22.0"
 * }
 * ```
 */
export class BackendUnavailableError extends InputError {
  /** The backend that was asked for. */
  readonly backend: string;
  /** The npm command that installs it (empty when the package is installed but failed to start). */
  readonly installCommand: string;
  constructor(backend: string, message: string, installCommand: string, options?: { cause?: unknown }) {
    super(message, options ?? {});
    this.name = 'BackendUnavailableError';
    this.backend = backend;
    this.installCommand = installCommand;
  }
}

/**
 * `initBackend('webgpu')` found no WebGPU adapter: the machine lacks a GPU driver that Dawn can
 * use (or, without a GPU, Mesa). This is the environment, not the input: the `mrnet` CLI exits 1
 * with this one-line message (its `tried` lists each Dawn route and what it answered).
 *
 * @example
 * ```ts
 * import { initBackend, NoGpuAdapterError } from '@mrnet/model';
 * try {
 *   await initBackend('webgpu');
 * } catch (e) {
 *   if (e instanceof NoGpuAdapterError) console.error(e.message, e.tried);
 * }
 * ```
 */
export class NoGpuAdapterError extends BackendUnavailableError {
  /** One entry per Dawn route tried (`default backend (core): no adapter`, …). */
  readonly tried: readonly string[];
  /** What Dawn and the drivers printed while looking (e.g. why Vulkan refused a device). */
  readonly messages: readonly string[];
  constructor(message: string, tried: readonly string[], messages: readonly string[] = []) {
    super('webgpu', message, '');
    this.name = 'NoGpuAdapterError';
    this.tried = tried;
    this.messages = messages;
  }
}

/**
 * A tensor or weight array has the wrong rank, shape or size for the network.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { createMRNet, ModelShapeError } from '@mrnet/model';
 * const net = createMRNet({ seed: 1 });
 * try {
 *   net.forward(tf.zeros([2, 32, 32]) as tf.Tensor3D);
 * } catch (e) {
 *   if (e instanceof ModelShapeError) console.error(e.message); // "MRNet.forward: volume height 32 < 63 ..."
 * }
 * ```
 */
export class ModelShapeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'ModelShapeError';
    // A RangeError (its historic class) that is also an input error: a volume of the wrong shape.
    markInputError(this);
  }
}

/**
 * A saved model folder (`model.json` + `.bin` shards) is missing, malformed, or could not be
 * written. `path` is the folder or URL concerned.
 *
 * @example
 * ```ts
 * import { loadMRNet, ModelArtifactsError } from '@mrnet/model';
 * try {
 *   await loadMRNet('./models/missing');
 * } catch (e) {
 *   if (e instanceof ModelArtifactsError) console.error(e.path, e.message);
 * }
 * ```
 */
export class ModelArtifactsError extends InputError {
  /** The folder, file or URL the error is about. */
  declare readonly path: string;
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(message, { ...options, path });
    this.name = 'ModelArtifactsError';
  }
}
