// Shared by the browser tests: Debian's Chromium driven by playwright-core, and a small static HTTP
// server on 127.0.0.1. Chromium missing: the tests skip with a message locally, and fail in CI.
import { existsSync, mkdirSync, createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');

/**
 * Whether the browser tests can run: `{ run: true }`, or `{ run: false, message }` to skip with.
 * In CI (`CI=true`) a missing Chromium throws instead, so the tests fail rather than pass vacuously.
 */
export function chromiumAvailability() {
  if (existsSync(CHROMIUM)) return { run: true, message: '' };
  const message = `${CHROMIUM} not found: install it with \`apt-get install -y chromium\` to run the browser tests`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`browser tests: ${message} (required in CI)`);
  console.warn(`browser tests skipped: ${message}`);
  return { run: false, message };
}

/**
 * Launches headless Chromium with the project's flags. `{ webgpu: true }` exposes WebGPU instead of
 * disabling the GPU process: without a GPU, Chromium then offers its SwiftShader fallback adapter.
 */
export async function launchChromium({ webgpu = false } = {}) {
  const { chromium } = await import('playwright-core');
  const args = webgpu ? [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), '--enable-unsafe-webgpu'] : CHROMIUM_ARGS;
  return chromium.launch({ executablePath: CHROMIUM, args, headless: true, timeout: 60_000 });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.bin': 'application/octet-stream',
  '.npy': 'application/octet-stream', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves folders read-only over HTTP on 127.0.0.1 (a free port). `mounts` maps URL prefixes
 * (`'/'`, `'/model/'`) to folders; the longest matching prefix wins; `…/` serves `index.html`.
 * GET/HEAD only, no listing, no path outside a mount. Returns `{ url, close }`.
 */
export async function serveStatic(mounts) {
  const table = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const mount = table.find(([prefix]) => path.startsWith(prefix));
    if (!mount) return void res.writeHead(404).end();
    const base = resolve(mount[1]);
    let file = normalize(join(base, path.slice(mount[0].length)));
    if (file !== base && !file.startsWith(base + sep)) return void res.writeHead(403).end();
    if (path.endsWith('/')) file = join(file, 'index.html');
    let size;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': size, 'cache-control': 'no-store' });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  });
  server.requestTimeout = 30_000;
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

/** `artifacts/screenshots/NAME.png` (the folder is created; it is gitignored). */
export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}
