import * as tf from '@tensorflow/tfjs-core';

/**
 * A Node module-resolution hook, limited to files inside `@tensorflow/tfjs-core/dist/`: that
 * folder's ES modules import each other without file extensions (written for bundlers), which
 * Node's ESM loader refuses. The hook retries such specifiers with `.js` and `/index.js`.
 */
const HOOK_SOURCE = `
export async function resolve(specifier, context, next) {
  const parent = context.parentURL;
  if (parent && parent.includes('/@tensorflow/tfjs-core/dist/') && /^\\.\\.?\\//.test(specifier) && !specifier.endsWith('.js')) {
    try { return await next(specifier + '.js', context); } catch { return next(specifier + '/index.js', context); }
  }
  return next(specifier, context);
}`;

let pending: Promise<void> | undefined;

// Typed here rather than through @types/node, so the browser entry type-checks without Node's types.
interface NodeModuleApi {
  register(url: string): void;
  createRequire(from: string): { resolve(id: string): string };
}
const isNode = typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';

async function load(): Promise<void> {
  if (tf.getGradient('Relu') !== undefined) return; // someone (e.g. @tensorflow/tfjs) already did
  if (isNode) {
    // Variable specifiers keep node built-ins out of browser bundles.
    const moduleSpec = 'node:module';
    const urlSpec = 'node:url';
    const nodeModule = (await import(moduleSpec)) as NodeModuleApi;
    const nodeUrl = (await import(urlSpec)) as { pathToFileURL(path: string): URL };
    nodeModule.register(`data:text/javascript,${encodeURIComponent(HOOK_SOURCE)}`);
    const require = nodeModule.createRequire(import.meta.url);
    const file = require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js');
    await import(nodeUrl.pathToFileURL(file).href);
  } else {
    await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  }
  if (tf.getGradient('Relu') === undefined) {
    throw new Error('registerGradients: @tensorflow/tfjs-core/dist/register_all_gradients.js loaded but registered no gradients');
  }
}

/**
 * Registers TensorFlow.js's gradient functions (idempotent; concurrent calls share one load).
 * `@tensorflow/tfjs-core`'s Node bundle registers none by itself, and its
 * `dist/register_all_gradients.js` is written for bundlers (extensionless imports), so in Node it is
 * loaded through a module-resolution hook scoped to that folder. {@link initBackend} calls this.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { registerGradients } from '@mrnet/model';
 * await registerGradients();
 * tf.getGradient('Relu') !== undefined; // true
 * ```
 */
export function registerGradients(): Promise<void> {
  pending ??= load().catch((e: unknown) => {
    pending = undefined;
    throw e;
  });
  return pending;
}
