import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

type Gpu = { requestAdapter(): Promise<{ info?: { isFallbackAdapter?: boolean } } | null> };

/** A WebGPU adapter that is a real GPU (not the browser's software fallback, e.g. SwiftShader). */
async function hardwareWebGpu(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: Gpu }).gpu;
  if (!gpu) return false;
  const adapter = await gpu.requestAdapter().catch(() => null);
  // `info` is newer than the WebGPU types this project builds with.
  return adapter !== null && (adapter as { info?: { isFallbackAdapter?: boolean } }).info?.isFallbackAdapter !== true;
}

/**
 * Activates WebGPU when the browser offers it on a real GPU, else WebGL, else WebAssembly (as
 * `--backend auto` does in Node: a software WebGPU adapter is skipped, WebGL/wasm are faster
 * there). `forced` (`?backend=webgpu|webgl|wasm`) skips the choice and takes any adapter. The wasm
 * binaries are served from `tfjs/` next to the page (copied there by the Vite config at build time).
 */
export async function chooseBackend(forced: string | null): Promise<string> {
  setWasmPaths(new URL('tfjs/', document.baseURI).href);
  const order = forced ? [forced] : ['webgpu', 'webgl', 'wasm'];
  for (const name of order) {
    try {
      if (name === 'webgpu' && !forced && !(await hardwareWebGpu())) continue;
      if (await tf.setBackend(name)) {
        await tf.ready();
        return tf.getBackend();
      }
    } catch {
      // not available here: try the next one
    }
  }
  throw new Error(`no TensorFlow.js backend could start (tried ${order.join(', ')})`);
}
