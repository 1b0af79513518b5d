import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Copies the tfjs wasm binaries into public/tfjs/, where the page's setWasmPaths points. */
function tfjsWasmFiles(): Plugin {
  return {
    name: 'mrnet:tfjs-wasm-files',
    buildStart() {
      const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist';
      const out = join(HERE, 'public', 'tfjs');
      mkdirSync(out, { recursive: true });
      for (const f of readdirSync(dist)) if (f.endsWith('.wasm')) copyFileSync(join(dist, f), join(out, f));
    },
  };
}

/**
 * `@mrnet/data` and `@mrnet/model` import Node modules in their file-system functions (and tfjs's
 * wasm glue mentions some for Node); the page never calls them. Map every Node built-in to a stub
 * whose functions throw if called, so the package entries bundle for the browser.
 */
function nodeBuiltinStubs(): Plugin {
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  return {
    name: 'mrnet:node-builtin-stubs',
    enforce: 'pre',
    resolveId(id) {
      return builtins.has(id) ? `\0node-stub:${id}` : null;
    },
    load(id) {
      if (!id.startsWith('\0node-stub:')) return null;
      const name = JSON.stringify(id.slice('\0node-stub:'.length));
      return {
        code: `const fail = (k) => () => { throw new Error(${name} + ': ' + String(k) + ' is not available in the browser'); };
export const __stub = new Proxy({}, { get: (_, k) => fail(k) });
export default __stub;`,
        syntheticNamedExports: '__stub',
      };
    },
  };
}

export default defineConfig(({ isPreview }) => ({
  root: HERE,
  base: './',
  // Builds stay quiet (warnings only); `vite preview` must print the URL it serves.
  logLevel: isPreview ? 'info' : 'warn',
  plugins: [nodeBuiltinStubs(), tfjsWasmFiles()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      // zod's sources carry comments next to @__PURE__ annotations that Rollup only reports.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
}));
