import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, NoGpuAdapterError } from '../errors.js';

/**
 * What this file uses of Node's `process`, typed here so that `@mrnet/model`'s main entry
 * type-checks without Node's types (browser bundles); `undefined` in a browser.
 */
declare const process: { env: Record<string, string | undefined>; execPath: string } | undefined;

/**
 * The `webgpu` npm package (Dawn's `dawn.node`) version this project is tested with.
 *
 * @example
 * ```ts
 * import { WEBGPU_PACKAGE_VERSION } from '@mrnet/model';
 * console.log(`npm install webgpu@${WEBGPU_PACKAGE_VERSION} @tensorflow/tfjs-backend-webgpu@4.22.0`);
 * ```
 */
export const WEBGPU_PACKAGE_VERSION = '0.6.2';

const INSTALL = `npm install webgpu@${WEBGPU_PACKAGE_VERSION} @tensorflow/tfjs-backend-webgpu@4.22.0`;

/**
 * The WebGPU adapter Dawn found: what `mrnet doctor` prints and what `auto` decides on.
 *
 * @example
 * ```ts
 * import { probeWebGpuAdapter } from '@mrnet/model';
 * const probe = await probeWebGpuAdapter();
 * if (probe.adapter) console.log(probe.adapter.device, probe.adapter.software ? 'software' : 'hardware');
 * ```
 */
export interface WebGpuAdapterInfo {
  /** `GPUAdapterInfo.vendor` (e.g. `nvidia`; empty on some drivers). */
  vendor: string;
  /** `GPUAdapterInfo.architecture` (e.g. `ampere`; often empty). */
  architecture: string;
  /** `GPUAdapterInfo.device` (e.g. `llvmpipe-llvm-15-0-6-256-bits-`). */
  device: string;
  /** `GPUAdapterInfo.description` (driver string). */
  description: string;
  /** A CPU implementation (llvmpipe, lavapipe, SwiftShader, WARP…): correct, but slower than wasm. */
  software: boolean;
  /** The Dawn options the adapter was found with (`[]` = Dawn's default backend for the platform). */
  dawnOptions: string[];
  /** `core`, or `compatibility` (the OpenGL/OpenGL ES route, e.g. Mesa llvmpipe). */
  featureLevel: 'core' | 'compatibility';
}

/**
 * What {@link probeWebGpuAdapter} found: the adapter, or why none (one line per route tried).
 *
 * @example
 * ```ts
 * import { probeWebGpuAdapter, type WebGpuProbe } from '@mrnet/model';
 * const probe: WebGpuProbe = await probeWebGpuAdapter();
 * console.log(probe.adapter ?? probe.tried.join('; '));
 * ```
 */
export interface WebGpuProbe {
  adapter: WebGpuAdapterInfo | undefined;
  /** One entry per Dawn route tried before the adapter (or all, if none), with its outcome. */
  tried: string[];
  /** What Dawn and the drivers printed while probing (deduplicated lines). */
  messages: string[];
}

interface Route {
  options: string[];
  featureLevel: 'core' | 'compatibility';
}

type Gpu = { requestAdapter(o?: Record<string, unknown>): Promise<GpuAdapter | null>; getPreferredCanvasFormat(): string };
type GpuAdapter = { info?: Record<string, unknown>; features: { has(name: string): boolean } };
type WebGpuModule = { create(options: string[]): Gpu; globals: Record<string, unknown> };

const SOFTWARE = /llvmpipe|lavapipe|softpipe|swiftshader|microsoft basic render|\bwarp\b|software/i;

/**
 * Dawn routes, in order: the platform's native API (Vulkan, Metal, D3D12: the real-GPU route), then
 * OpenGL ES and desktop OpenGL in compatibility mode (where Mesa's llvmpipe lives on a machine
 * without a GPU; Dawn refuses Mesa's lavapipe Vulkan). `MRNET_DAWN_OPTIONS` (`;`-separated Dawn
 * options, e.g. `backend=vulkan;adapter=NVIDIA`) replaces the list with one route.
 */
function routes(): Route[] {
  const forced = process?.env['MRNET_DAWN_OPTIONS'];
  if (forced !== undefined && forced.trim() !== '') {
    const options = forced.split(';').map((s) => s.trim()).filter((s) => s !== '');
    const gl = options.some((o) => /^backend=opengl/.test(o));
    return [{ options, featureLevel: gl ? 'compatibility' : 'core' }];
  }
  return [
    { options: [], featureLevel: 'core' },
    { options: ['backend=opengles'], featureLevel: 'compatibility' },
    { options: ['backend=opengl'], featureLevel: 'compatibility' },
  ];
}

function isNotFound(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find (module|package)/.test(String(e));
}

async function importDawn(): Promise<WebGpuModule> {
  try {
    const specifier: string = 'webgpu'; // optional peer: not typed, maybe absent
    return (await import(specifier)) as WebGpuModule;
  } catch (e) {
    if (isNotFound(e)) {
      throw new BackendUnavailableError('webgpu', `initBackend: backend 'webgpu' is not installed (package webgpu, Dawn for Node); install it with: ${INSTALL}`, INSTALL, { cause: e });
    }
    throw new BackendUnavailableError('webgpu', `initBackend: backend 'webgpu' (package webgpu) failed to load: ${String((e as Error)?.message ?? e).split('\n')[0]}`, '', { cause: e });
  }
}

function describe(adapter: GpuAdapter, route: Route): WebGpuAdapterInfo {
  const info = adapter.info ?? {};
  const text = (k: string): string => (typeof info[k] === 'string' ? (info[k] as string) : '');
  const fallback = info['isFallbackAdapter'] === true;
  const a = { vendor: text('vendor'), architecture: text('architecture'), device: text('device'), description: text('description') };
  return { ...a, software: fallback || SOFTWARE.test(`${a.vendor} ${a.device} ${a.description}`), dawnOptions: route.options, featureLevel: route.featureLevel };
}

/** One Dawn instance with its adapter, kept while the webgpu backend lives. */
interface Found {
  gpu: Gpu;
  adapter: GpuAdapter;
  info: WebGpuAdapterInfo;
}

/**
 * The probe, run in a child process: Dawn and the drivers it loads (Vulkan loader, Mesa) print
 * their complaints straight to file descriptor 2, where a command's one backend line would drown
 * in them, so they are captured there and returned as `messages`.
 */
const PROBE_SCRIPT = `
const { create } = await import(process.env.MRNET_PROBE_DAWN);
const routes = JSON.parse(process.env.MRNET_PROBE_ROUTES);
const tried = [];
for (const [i, r] of routes.entries()) {
  const label = r.options.length > 0 ? r.options.join(' ') : 'default backend';
  try {
    const a = await create(r.options).requestAdapter({ powerPreference: 'high-performance', featureLevel: r.featureLevel });
    if (a) { const f = a.info ?? {}; const info = {}; for (const k of ['vendor', 'architecture', 'device', 'description', 'isFallbackAdapter']) info[k] = f[k];
      process.stdout.write(JSON.stringify({ route: i, info, tried })); process.exit(0); }
    tried.push(label + ' (' + r.featureLevel + '): no adapter');
  } catch (e) { tried.push(label + ' (' + r.featureLevel + '): ' + String(e && e.message || e).split('\\n')[0]); }
}
process.stdout.write(JSON.stringify({ tried }));
process.exit(0);
`;

interface ChildProbe {
  route?: number;
  info?: Record<string, unknown>;
  tried: string[];
  messages: string[];
}

/**
 * Prepares the process environment for the webgpu backend: Mesa's EGL picks its display platform
 * from `EGL_PLATFORM`, and with no display server only `surfaceless` works (Dawn's OpenGL ES route,
 * e.g. llvmpipe). Sets it when unset. A worker thread's `process.env` is its own copy, invisible to
 * the native libraries, so call this on the main thread **before starting worker threads** that may
 * use the webgpu backend (`trainPlanes` and the stack's prediction workers do). Node only.
 *
 * @example
 * ```ts
 * import { Worker } from 'node:worker_threads';
 * import { prepareGpuEnvironment } from '@mrnet/model';
 * prepareGpuEnvironment();
 * new Worker(new URL('./my-webgpu-worker.js', import.meta.url));
 * ```
 */
export function prepareGpuEnvironment(): void {
  if (typeof process === 'undefined' || process?.env === undefined) return;
  if (process.env['EGL_PLATFORM'] === undefined) process.env['EGL_PLATFORM'] = 'surfaceless';
}

const surfacelessEgl = prepareGpuEnvironment;

async function probeInChild(all: Route[]): Promise<ChildProbe> {
  surfacelessEgl();
  await importDawn(); // not installed: the typed error, before any child is started
  const moduleSpec = 'node:module';
  const cpSpec = 'node:child_process';
  const { createRequire } = (await import(moduleSpec)) as { createRequire(url: string): { resolve(id: string): string } };
  type ExecFileCallback = (error: (Error & { killed?: boolean; code?: number | string | null; signal?: string | null }) | null, stdout: string, stderr: string) => void;
  const { execFile } = (await import(cpSpec)) as { execFile(file: string, args: string[], options: object, callback: ExecFileCallback): unknown };
  const proc = process!;
  const dawnUrl = `file://${createRequire(import.meta.url).resolve('webgpu')}`;
  const env = { ...proc.env, MRNET_PROBE_DAWN: dawnUrl, MRNET_PROBE_ROUTES: JSON.stringify(all) };
  return new Promise((resolve) => {
    execFile(proc.execPath, ['--input-type=module', '-e', PROBE_SCRIPT], { env, timeout: 60_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      const messages = [...new Set(String(stderr).split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('at ')))];
      try {
        const parsed = JSON.parse(String(stdout)) as { route?: number; info?: Record<string, unknown>; tried: string[] };
        resolve({ ...parsed, messages });
      } catch {
        const why = error ? (error.killed ? 'timed out after 60 s' : `exited with ${error.code ?? error.signal}`) : 'printed no result';
        resolve({ tried: [`Dawn probe ${why}`], messages });
      }
    });
  });
}

function toInfo(raw: Record<string, unknown>, route: Route): WebGpuAdapterInfo {
  return describe({ info: raw, features: { has: () => false } }, route);
}

/**
 * Looks for a WebGPU adapter through Dawn (the `webgpu` npm package) without starting a backend,
 * in a child process: what `mrnet doctor` reports and what `initBackend('auto')` decides on.
 * `messages` are the lines Dawn and the drivers printed (why a route found nothing).
 *
 * @throws {@link BackendUnavailableError} if the `webgpu` package is not installed.
 * @example
 * ```ts
 * import { probeWebGpuAdapter } from '@mrnet/model';
 * const { adapter, tried } = await probeWebGpuAdapter();
 * console.log(adapter ? `${adapter.device} (${adapter.software ? 'software' : 'hardware'})` : `no adapter: ${tried.join('; ')}`);
 * ```
 */
export async function probeWebGpuAdapter(): Promise<WebGpuProbe> {
  if (active) return { adapter: active.info, tried: [], messages: [] };
  surfacelessEgl();
  const all = routes();
  const p = await probeInChild(all);
  const route = p.route === undefined ? undefined : all[p.route];
  return { adapter: route && p.info ? toInfo(p.info, route) : undefined, tried: p.tried, messages: p.messages };
}

/**
 * Probes in a child, then opens in this process only the route that worked (the others' driver
 * noise stays in the child), and only if its adapter is acceptable (`softwareOk`).
 */
async function findAdapter(softwareOk: boolean): Promise<Found> {
  const all = routes();
  const p = await probeInChild(all);
  const route = p.route === undefined ? undefined : all[p.route];
  if (!route || !p.info) throw new NoGpuAdapterError(noAdapterMessage(p.tried), p.tried, p.messages);
  const probed = toInfo(p.info, route);
  if (probed.software && !softwareOk) throw skipSoftware(probed);
  const dawn = await importDawn();
  const gpu = dawn.create(route.options);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance', featureLevel: route.featureLevel });
  if (!adapter) {
    const tried = [...p.tried, `${route.options.join(' ') || 'default backend'} (${route.featureLevel}): found by the probe, not in this process`];
    throw new NoGpuAdapterError(noAdapterMessage(tried), tried, p.messages);
  }
  return { gpu, adapter, info: describe(adapter, route) };
}

let active: Found | undefined;
let savedNavigator: PropertyDescriptor | undefined;

function noAdapterMessage(tried: string[]): string {
  return `initBackend: backend 'webgpu' found no GPU adapter (tried ${tried.join('; ')}); ` +
    'install the GPU driver (NVIDIA: its Vulkan ICD and libEGL_nvidia) or, on a CPU-only machine, Mesa (scripts/setup-software-gpu.sh); run mrnet doctor';
}

type WebGpuBackendModule = { WebGPUBackend: new (device: unknown, adapterInfo?: unknown) => tf.KernelBackend };

async function importTfjsWebGpu(): Promise<WebGpuBackendModule> {
  try {
    const specifier: string = '@tensorflow/tfjs-backend-webgpu'; // optional peer
    return (await import(specifier)) as WebGpuBackendModule;
  } catch (e) {
    if (isNotFound(e)) {
      throw new BackendUnavailableError('webgpu', `initBackend: backend 'webgpu' is not installed (package @tensorflow/tfjs-backend-webgpu); install it with: ${INSTALL}`, INSTALL, { cause: e });
    }
    throw new BackendUnavailableError('webgpu', `initBackend: backend 'webgpu' (package @tensorflow/tfjs-backend-webgpu) failed to load: ${String((e as Error)?.message ?? e).split('\n')[0]}`, '', { cause: e });
  }
}

function skipSoftware(info: WebGpuAdapterInfo): BackendUnavailableError {
  return new BackendUnavailableError('webgpu', `initBackend: backend 'webgpu' skipped: only a software adapter (${info.device || info.description}), slower than wasm`, '');
}

/**
 * Registers TensorFlow.js's WebGPU backend on the Dawn adapter chosen here. The package's own
 * registration (at import, only if `navigator.gpu` already exists) asks for an adapter without
 * `featureLevel`, which finds nothing on the OpenGL ES route, so the factory is ours; its device
 * request is the package's (same features and limits). `navigator.gpu` is still installed because
 * the backend's constructor checks for it. `softwareOk: false` refuses a software adapter.
 * @internal
 */
export async function activateWebGpu(softwareOk: boolean): Promise<WebGpuAdapterInfo> {
  if (active) {
    if (active.info.software && !softwareOk) throw skipSoftware(active.info);
    return active.info;
  }
  const found = await findAdapter(softwareOk);
  const dawn = await importDawn();
  const { WebGPUBackend } = await importTfjsWebGpu();
  active = found;
  const g = globalThis as { navigator?: object };
  savedNavigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  const { gpu, adapter } = found;
  const navigator = Object.create(g.navigator ?? null) as Record<string, unknown>;
  navigator['gpu'] = { requestAdapter: async () => adapter, getPreferredCanvasFormat: () => gpu.getPreferredCanvasFormat() };
  Object.defineProperty(globalThis, 'navigator', { value: navigator, configurable: true, writable: true, enumerable: true });
  // tfjs-backend-webgpu refers to GPUBufferUsage, GPUMapMode… as browser globals.
  for (const [k, v] of Object.entries(dawn.globals)) if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
  tf.registerBackend('webgpu', async () => {
    const limits = (adapter as unknown as { limits: Record<string, number> }).limits;
    const requiredFeatures = ['timestamp-query', 'bgra8unorm-storage'].filter((f) => adapter.features.has(f));
    const requiredLimits = Object.fromEntries(
      ['maxComputeWorkgroupStorageSize', 'maxComputeWorkgroupsPerDimension', 'maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupSizeX', 'maxComputeInvocationsPerWorkgroup']
        .map((k) => [k, limits[k]]),
    );
    const device = await (adapter as unknown as { requestDevice(d: object): Promise<unknown> }).requestDevice({ requiredFeatures, requiredLimits });
    return new WebGPUBackend(device, adapter.info);
  }, 3);
  return found.info;
}

/**
 * Stops the WebGPU backend (if started) and removes `navigator.gpu`, so that Dawn lets the process
 * exit. Safe to call at any time; the next `initBackend('webgpu')` starts afresh.
 *
 * @example
 * ```ts
 * import { initBackend, releaseWebGpu } from '@mrnet/model';
 * await initBackend('webgpu');
 * // … work …
 * releaseWebGpu();
 * ```
 */
export function releaseWebGpu(): void {
  // removeBackend disposes the backend (its GPU buffers) and unsets it if it is the active one.
  if (tf.findBackendFactory('webgpu') !== null && tf.findBackendFactory('webgpu') !== undefined) tf.removeBackend('webgpu');
  if (!active) return;
  active = undefined;
  if (savedNavigator) Object.defineProperty(globalThis, 'navigator', savedNavigator);
  else delete (globalThis as { navigator?: unknown }).navigator;
  savedNavigator = undefined;
}
