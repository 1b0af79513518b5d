import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { BackendUnavailableError } from '../errors.js';
import { registerGradients } from './register-gradients.js';
import { keepProcessHandlers } from './keep-process-handlers.js';

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
export const BACKEND_NAMES = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;

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
  /** The TensorFlow.js backend now active (`tensorflow` for both node backends, `wasm`, `cpu`). */
  backend: string;
  /** The name that was asked for and succeeded (`tensorflow-gpu`, `tensorflow`, `wasm` or `cpu`). */
  name: Exclude<BackendName, 'auto'>;
  /** One line per backend skipped by `auto` (empty when a backend was named explicitly). */
  reasons: string[];
}

const TFJS_VERSION = '4.22.0';

const PACKAGES: Record<Exclude<BackendName, 'auto'>, string> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs-backend-cpu',
};

const TF_BACKEND: Record<Exclude<BackendName, 'auto'>, string> = {
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

async function importPackage(name: Exclude<BackendName, 'auto'>): Promise<unknown> {
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

async function activate(name: Exclude<BackendName, 'auto'>): Promise<void> {
  return keepProcessHandlers(() => activateBackend(name));
}

async function activateBackend(name: Exclude<BackendName, 'auto'>): Promise<void> {
  await importPackage(name);
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
}

/**
 * Selects and initialises the TensorFlow.js backend, and registers gradients.
 *
 * - `tensorflow-gpu` / `tensorflow`: `@tensorflow/tfjs-node-gpu` / `@tensorflow/tfjs-node` (optional
 *   peer dependencies, loaded with dynamic `import()`).
 * - `wasm`: `@tensorflow/tfjs-backend-wasm` (SIMD; the embedded default).
 * - `cpu`: `@tensorflow/tfjs-backend-cpu` (pure JavaScript, last resort).
 * - `auto`: tries tensorflow-gpu → tensorflow → wasm → cpu and reports why each was skipped.
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
    await activate(parsed.data);
    return { backend: tf.getBackend(), name: parsed.data, reasons: [] };
  }
  const reasons: string[] = [];
  for (const candidate of ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const) {
    try {
      await activate(candidate);
      return { backend: tf.getBackend(), name: candidate, reasons };
    } catch (e) {
      reasons.push(e instanceof BackendUnavailableError ? e.message : `initBackend: backend '${candidate}' failed: ${String(e)}`);
    }
  }
  throw new BackendUnavailableError('auto', `initBackend: no backend could be initialised: ${reasons.join('; ')}`, '');
}
