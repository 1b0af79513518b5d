import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The URL of a compiled worker script that sits next to the calling module: beside it when the
 * caller runs from `dist/`, and at the same place under the package's `dist/` when the caller runs
 * from `src/` (vitest runs the `.ts` sources, but a worker thread can only load compiled
 * JavaScript). Throws an `Error` naming the missing file and the build command.
 *
 * @param moduleUrl - the caller's `import.meta.url`
 * @param fileName - the worker's compiled file name, e.g. `'loader-worker.js'`
 * @param caller - who asks, for the message (e.g. `'createLoader'`)
 * @param buildHint - how to build it, for the message (e.g. `'npx tsc -b packages/data/tsconfig.lib.json'`)
 *
 * @example
 * ```ts
 * import { Worker } from 'node:worker_threads';
 * import { compiledWorkerUrl, workerExecArgv } from '@mrnet/data/node';
 * const url = compiledWorkerUrl(import.meta.url, 'my-worker.js', 'myTask', 'npm run build');
 * const worker = new Worker(url, { execArgv: workerExecArgv() });
 * ```
 */
export function compiledWorkerUrl(moduleUrl: string, fileName: string, caller: string, buildHint: string): URL {
  let url = new URL(`./${fileName}`, moduleUrl);
  if (moduleUrl.endsWith('.ts')) {
    const path = url.pathname;
    const at = path.lastIndexOf('/src/');
    if (at >= 0) url = new URL(`${path.slice(0, at)}/dist/${path.slice(at + 5)}`, url);
  }
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`${caller}: worker script ${fileURLToPath(url)} not found; build it first (${buildHint})`);
  }
  return url;
}

/**
 * The parent's Node flags as a worker thread should inherit them: without those meant only for the
 * main entry point (`--input-type`, `-e/--eval`, `-p/--print` and their values — Node refuses to
 * start a worker under `node --input-type=module -e …`) and without `--conditions @mrnet/source`
 * (vitest runs the sources with it; a compiled worker must import its siblings' compiled `dist/`).
 *
 * @param argv - the flags to filter; default `process.execArgv`
 *
 * @example
 * ```ts
 * import { workerExecArgv } from '@mrnet/data/node';
 * workerExecArgv(['--conditions', '@mrnet/source', '--max-old-space-size=100']); // ['--max-old-space-size=100']
 * ```
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print' || a === '--input-type') {
      i++;
      continue;
    }
    if (a.startsWith('--input-type=') || a.startsWith('--eval=') || a.startsWith('--print=')) continue;
    if ((a === '--conditions' || a === '-C') && argv[i + 1] === '@mrnet/source') {
      i++;
      continue;
    }
    if (a === '--conditions=@mrnet/source' || a === '-C=@mrnet/source') continue;
    out.push(a);
  }
  return out;
}
