import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
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

export default defineConfig(({ isPreview }) => ({
  root: HERE,
  base: './',
  // Builds stay quiet (warnings only); `vite preview` must print the URL it serves.
  logLevel: isPreview ? 'info' : 'warn',
  // No stubs for node: modules: @mrnet/data and @mrnet/model keep Node-only code in their /node entries.
  plugins: [tfjsWasmFiles()],
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
