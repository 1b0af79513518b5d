import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript helper shared with examples/browser's test
import { ROOT, chromiumAvailability, launchChromium, screenshotPath, serveStatic } from './browser-harness.mjs';

// The documentation site, as `npm run docs` builds it (npm test has already built the packages):
// the CLI reference is generated from the command definitions, then TypeDoc must finish without a
// single warning (an export without a doc comment or an @example, a broken link, a guide that does
// not resolve). Then Chromium opens the site and checks that every package page and guide renders.
const run = promisify(execFile);
const SITE = join(ROOT, 'docs', 'site');
const PACKAGES = ['@mrnet/data', '@mrnet/model', '@mrnet/train', '@mrnet/metrics', '@mrnet/stack', '@mrnet/viz', '@mrnet/options', '@mrnet/cli'];
const GUIDES = [
  'Quick start',
  'Training on the real MRNet dataset',
  'Pretrained weights and the cache',
  'GPU training',
  'Importing PyTorch models',
  'Using @mrnet/model in a web page',
  'Reading MRNet data',
  'CLI reference',
];
const pageFile = (name: string): string => name.replace(/[^A-Za-z0-9]/g, '_');

describe('docs site', () => {
  let output = '';

  beforeAll(async () => {
    await run(process.execPath, [join(ROOT, 'tools', 'gen-cli-reference.mjs')], { cwd: ROOT });
    const typedoc = join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');
    try {
      const r = await run(process.execPath, [typedoc], { cwd: ROOT, timeout: 600_000, maxBuffer: 16 << 20, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
      output = r.stdout + r.stderr;
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`typedoc failed:\n${err.stdout ?? ''}${err.stderr ?? ''}${err.message}`);
    }
  }, 660_000);

  it('builds with TypeDoc without warnings or errors', () => {
    expect(output.split('\n').filter((l) => /\[(warning|error)\]/.test(l))).toEqual([]);
    expect(existsSync(join(SITE, 'index.html'))).toBe(true);
  });

  it('generates the CLI reference from every command definition', async () => {
    const { COMMANDS } = (await import('@mrnet/cli')) as { COMMANDS: readonly { name: string }[] };
    const ref = readFileSync(join(ROOT, 'docs', 'guides', 'cli-reference.md'), 'utf8');
    for (const c of COMMANDS) expect(ref).toContain(`\n## ${c.name}\n`);
  });

  const { run: browser } = chromiumAvailability();
  describe.runIf(browser)('in Chromium', () => {
    let server: { url: string; close: () => Promise<void> };
    beforeAll(async () => {
      server = await serveStatic({ '/': SITE });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('renders the home page, every package page and every guide (titles present, screenshots saved)', async () => {
      const chromium = await launchChromium();
      try {
        const page = await chromium.newPage({ viewport: { width: 1280, height: 900 } });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        const visit = async (path: string, title: string, shot: string): Promise<void> => {
          const res = await page.goto(server.url + path);
          expect(res?.status(), path).toBe(200);
          await page.waitForSelector('.tsd-page-title h1, .tsd-typography h1', { timeout: 30_000 });
          expect(await page.title(), path).toBe(`${title} | mrnet`);
          const heading = await page.textContent('.tsd-page-title h1, .tsd-typography h1');
          expect(heading?.trim().length, path).toBeGreaterThan(0);
          await page.screenshot({ path: screenshotPath(`docs-${shot}`) });
        };
        await page.goto(server.url);
        expect(await page.title()).toBe('mrnet');
        for (const name of PACKAGES) {
          const href = await page.getAttribute(`.tsd-navigation a:has-text("${name}"), a[href$="modules/${pageFile(name)}.html"]`, 'href');
          expect(href, name).toBeTruthy();
        }
        await page.screenshot({ path: screenshotPath('docs-index') });
        for (const name of PACKAGES) await visit(`modules/${pageFile(name)}.html`, name, pageFile(name));
        for (const guide of GUIDES) await visit(`documents/${pageFile(guide)}.html`, guide, pageFile(guide));
        // Guides link to the source files (so the links also work on a forge); in the site they resolve.
        await page.goto(`${server.url}documents/${pageFile('Using @mrnet/model in a web page')}.html`);
        const source = await page.getAttribute('a[href*="load-mrnet"]', 'href');
        expect(source).toBeTruthy();
        const linked = await page.request.get(new URL(source!, page.url()).href);
        expect(linked.status()).toBe(200);
        expect(await linked.text()).toContain('export async function loadMRNet');
        expect(errors).toEqual([]);
      } finally {
        await chromium.close();
      }
    }, 180_000);
  });
});
