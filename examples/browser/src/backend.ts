import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/**
 * Activates WebGL when the browser can run it, else WebAssembly. `forced` (`?backend=wasm`) skips
 * the choice. The wasm binaries are served from `tfjs/` next to the page (copied there by the Vite
 * config at build time).
 */
export async function chooseBackend(forced: string | null): Promise<string> {
  setWasmPaths(new URL('tfjs/', document.baseURI).href);
  const order = forced ? [forced] : ['webgl', 'wasm'];
  for (const name of order) {
    try {
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
