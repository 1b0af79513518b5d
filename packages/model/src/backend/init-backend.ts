import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { BackendUnavailableError, NoGpuAdapterError } from '../errors.js';
import { registerGradients } from './register-gradients.js';
import { keepProcessHandlers } from './keep-process-handlers.js';
import { activateWebGpu, type WebGpuAdapterInfo } from './webgpu.js';

/**
 * Backends {@link initBackend} knows, in the order `auto` tries them (after `auto` itself).
 *
 * @example
 * ```ts
 * import { BACKEND_NAMES, initBackend } from '@mrnet/model';
 * const asked = process.argv[2] ?? 'auto';
 * if (!(BACKEND_NAMES as readonly string[]).includes(asked)) throw new RangeError(`unknown backend ${asked}`);
 * ```
 */
export const BACKEND_NAMES = ['auto', 'tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;

/**
 * A backend name accepted by {@link initBackend}.
 *
 * @example
 * ```ts
 * import { initBackend, type BackendName } from '@mrnet/model';
 * const name: BackendName = 'wasm';
 * await initBackend(name);
 * ```
 */
export type BackendName = (typeof BACKEND_NAMES)[number];

/**
 * What {@link initBackend} chose, and why the backends tried before it were skipped.
 *
 * @example
 * ```ts
 * import { initBackend, type BackendChoice } from '@mrnet/model';
 * const choice: BackendChoice = await initBackend('auto');
 * console.error(`backend ${choice.name}`, ...choice.reasons);
 * ```
 */
export interface BackendChoice {
  /** The TensorFlow.js backend now active (`tensorflow` for both node backends, `webgpu`, `wasm`, `cpu`). */
  backend: string;
  /** The name that was asked for and succeeded (`tensorflow-gpu`, `webgpu`, `tensorflow`, `wasm` or `cpu`). */
  name: Exclude<BackendName, 'auto'>;
  /** One message per backend skipped by `auto` (empty when a backend was named explicitly). */
  reasons: string[];
  /** The same, short: each skipped backend and why in a few words (`not installed`, `no GPU adapter`…). */
  skipped: { backend: Exclude<BackendName, 'auto'>; why: string }[];
  /** What was asked for (`auto` or a backend name). */
  requested: BackendName;
  /** The WebGPU adapter, when the backend is `webgpu`. */
  adapter?: WebGpuAdapterInfo;
}

const TFJS_VERSION = '4.22.0';

type Concrete = Exclude<BackendName, 'auto' | 'webgpu'>;

const PACKAGES: Record<Concrete, string> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs-backend-cpu',
};

const TF_BACKEND: Record<Exclude<BackendName, 'auto'>, string> = {
  webgpu: 'webgpu',
  'tensorflow-gpu': 'tensorflow',
  tensorflow: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

const nameSchema = z.enum(BACKEND_NAMES);

function isNotFound(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find (module|package)|Could not resolve|Failed to (resolve|load url)/.test(String(e));
}

async function importPackage(name: Concrete): Promise<unknown> {
  const pkg = PACKAGES[name];
  const install = `npm install ${pkg}@${TFJS_VERSION}`;
  try {
    // A variable specifier: the optional node backends need not be installed, nor typed.
    const specifier: string = pkg;
    return await import(specifier);
  } catch (e) {
    if (isNotFound(e)) {
      throw new BackendUnavailableError(name, `initBackend: backend '${name}' is not installed (package ${pkg}); install it with: ${install}`, install, { cause: e });
    }
    const first = String((e as Error)?.message ?? e).split('\n')[0];
    throw new BackendUnavailableError(name, `initBackend: backend '${name}' (package ${pkg}) failed to load: ${first}`, '', { cause: e });
  }
}

/**
 * tfjs's cpu backend prints "Hi, looks like you are running TensorFlow.js in Node.js…" on its first
 * write under Node. The CLI chooses and reports its backend itself, so the banner is only noise.
 */
function quietCpuBanner(): void {
  if (tf.findBackendFactory('cpu') == null) return;
  const cpu = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (cpu && 'firstUse' in cpu) cpu.firstUse = false;
}

async function activate(name: Exclude<BackendName, 'auto'>, softwareGpuOk: boolean): Promise<WebGpuAdapterInfo | undefined> {
  // tfjs-backend-wasm's Emscripten code installs process handlers that rethrow every error from its file.
  return keepProcessHandlers(() => activateBackend(name, softwareGpuOk));
}

async function activateBackend(name: Exclude<BackendName, 'auto'>, softwareGpuOk: boolean): Promise<WebGpuAdapterInfo | undefined> {
  const adapter = name === 'webgpu' ? await activateWebGpu(softwareGpuOk) : undefined;
  if (name !== 'webgpu') await importPackage(name);
  const backend = TF_BACKEND[name];
  let ok = false;
  try {
    ok = await tf.setBackend(backend);
    await tf.ready();
  } catch (e) {
    throw new BackendUnavailableError(name, `initBackend: backend '${name}' failed to initialise: ${String((e as Error)?.message ?? e).split('\n')[0]}`, '', { cause: e });
  }
  if (!ok || tf.getBackend() !== backend) {
    throw new BackendUnavailableError(name, `initBackend: backend '${name}' failed to initialise (tf.setBackend('${backend}') returned false)`, '');
  }
  quietCpuBanner();
  return adapter;
}

/** Why `auto` skipped a backend, in a few words. */
function brief(e: unknown): string {
  if (e instanceof NoGpuAdapterError) return 'no GPU adapter';
  if (e instanceof BackendUnavailableError) {
    if (e.installCommand !== '') return 'not installed';
    return e.message.replace(/^initBackend: backend '[^']*' (skipped: )?/, '');
  }
  return `failed: ${String((e as Error)?.message ?? e).split('\n')[0]}`;
}

/**
 * Selects and initialises the TensorFlow.js backend, and registers gradients.
 *
 * - `tensorflow-gpu` / `tensorflow`: `@tensorflow/tfjs-node-gpu` / `@tensorflow/tfjs-node` (optional
 *   peer dependencies, loaded with dynamic `import()`).
 * - `webgpu`: `@tensorflow/tfjs-backend-webgpu` on Dawn (`webgpu` npm package; optional peer
 *   dependencies). Any adapter Dawn finds, software ones (Mesa llvmpipe) included; none at all
 *   throws {@link NoGpuAdapterError}. Read results with `await t.data()`: `dataSync` cannot work
 *   on WebGPU under Node.
 * - `wasm`: `@tensorflow/tfjs-backend-wasm` (SIMD; the embedded default).
 * - `cpu`: `@tensorflow/tfjs-backend-cpu` (pure JavaScript, last resort).
 * - `auto`: tries tensorflow-gpu → webgpu (hardware adapter only: a software one is slower than
 *   wasm) → tensorflow → wasm → cpu and reports why each was skipped.
 *
 * @param name - default `'auto'`.
 * @throws TypeError if `name` is not a string; RangeError if it is not a known backend;
 *   {@link BackendUnavailableError} (one line, with the npm install command) if a named backend is
 *   not installed or fails to start.
 * @example
 * ```ts
 * import { initBackend } from '@mrnet/model';
 * const { backend, reasons } = await initBackend('auto');
 * console.error(`backend: ${backend}`, reasons); // "backend: wasm" [...why tensorflow was skipped]
 * ```
 */
export async function initBackend(name: BackendName = 'auto'): Promise<BackendChoice> {
  if (typeof name !== 'string') throw new TypeError(`initBackend: name must be a string (got ${typeof name})`);
  const parsed = nameSchema.safeParse(name);
  if (!parsed.success) {
    throw new RangeError(`initBackend: unknown backend ${JSON.stringify(name)} (expected one of ${BACKEND_NAMES.join(', ')})`);
  }
  await registerGradients();
  if (parsed.data !== 'auto') {
    const adapter = await activate(parsed.data, true);
    return { backend: tf.getBackend(), name: parsed.data, requested: parsed.data, reasons: [], skipped: [], ...(adapter ? { adapter } : {}) };
  }
  const reasons: string[] = [];
  const skipped: BackendChoice['skipped'] = [];
  for (const candidate of ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const) {
    try {
      const adapter = await activate(candidate, false);
      return { backend: tf.getBackend(), name: candidate, requested: 'auto', reasons, skipped, ...(adapter ? { adapter } : {}) };
    } catch (e) {
      reasons.push(e instanceof BackendUnavailableError ? e.message : `initBackend: backend '${candidate}' failed: ${String(e)}`);
      skipped.push({ backend: candidate, why: brief(e) });
    }
  }
  throw new BackendUnavailableError('auto', `initBackend: no backend could be initialised: ${reasons.join('; ')}`, '');
}
