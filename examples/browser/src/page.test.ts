import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, readNpy, toVolume, writeNpy } from '@mrnet/data';
import { createMRNet, initBackend } from '@mrnet/model';
import { saveMRNet } from '@mrnet/model/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript helper shared with tools/docs-site.test.ts
import { chromiumAvailability, launchChromium, screenshotPath, serveStatic } from '../../../tools/browser-harness.mjs';

// The page in a real browser: build it with Vite, save a seeded model with the Node code, write an
// input series, serve all three on 127.0.0.1, upload the series through the page's file input in
// headless Chromium, and compare the probability shown with the one Node computes for the same
// model and input.
const PAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const { run } = chromiumAvailability();

describe.runIf(run)('examples/browser page in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mrnet-browser-'));
  let expected: { logit: number; probability: number };
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    const { build } = await import('vite');
    await build({ configFile: join(PAGE, 'vite.config.ts'), logLevel: 'warn' });

    // A seeded model and a seeded uint8 series [4, 72, 72] (MRNet's dtype, raw 0–255 values).
    await initBackend('cpu');
    const net = createMRNet({ seed: 11 });
    await saveMRNet(net, join(dir, 'model'), { task: 'acl', plane: 'sagittal', inputNormalisation: 'none' });
    const rng = createRng(5);
    const shape = [4, 72, 72];
    const voxels = Uint8Array.from({ length: shape[0]! * shape[1]! * shape[2]! }, (_, i) => {
      const r = Math.floor(i / 72) % 72;
      const c = i % 72;
      return Math.min(255, Math.floor(120 + 80 * Math.sin(r / 9) * Math.cos(c / 7) + 50 * rng.next()));
    });
    const bytes = writeNpy(voxels, shape);
    writeFileSync(join(dir, 'series.npy'), bytes);
    const volume = toVolume(readNpy(bytes), { intensity: 'none' });
    expected = net.predict(volume.data, volume.shape as [number, number, number]);
    net.dispose();

    server = await serveStatic({ '/': join(PAGE, 'dist'), '/model/': join(dir, 'model') });
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Default choice (webgpu on a real GPU, else webgl when Chromium can run it, else wasm; the
  // project's Chromium runs with --disable-gpu, so no WebGPU adapter), then webgpu forced in a
  // Chromium that exposes WebGPU (its SwiftShader fallback adapter when there is no GPU), then wasm
  // forced: the fallback, with its .wasm binaries served from the page's tfjs/ folder.
  it.each([
    ['the default backend', '', ['webgpu', 'webgl', 'wasm'], false],
    ['the webgpu backend', '&backend=webgpu', ['webgpu'], true],
    ['the wasm backend', '&backend=wasm', ['wasm'], false],
  ])('shows the probability Node computes for the same model and input on %s (within 1e-4)', async (_, query, backends, webgpu) => {
    // A constant or untrained-looking answer must not pass: the reference is well away from 0.5.
    expect(Math.abs(expected.probability - 0.5)).toBeGreaterThan(1e-3);
    const browser = await launchChromium({ webgpu });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${server.url}?model=model/${query}`);
      await page.waitForSelector('body[data-state]', { timeout: 120_000 });
      expect(await page.getAttribute('body', 'data-state'), await page.textContent('#error') ?? '').toBe('ready');
      const backend = await page.textContent('#backend');
      expect(backends).toContain(backend);

      await page.setInputFiles('#file', join(dir, 'series.npy'));
      const shown = await page.waitForSelector('#probability[data-probability]', { timeout: 120_000 });
      const probability = Number(await shown.getAttribute('data-probability'));
      await page.screenshot({ path: screenshotPath(`browser-page-${backend}`), fullPage: true });
      expect(errors).toEqual([]);
      expect(await page.textContent('#model')).toContain('acl / sagittal');
      expect(Math.abs(probability - expected.probability), `page (${backend}) ${probability} vs node ${expected.probability}`).toBeLessThanOrEqual(1e-4);
    } finally {
      await browser.close();
    }
  }, 240_000);

  it('says "model not found at URL" when there is no model at ?model=', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}?model=models/acl/axial/&backend=wasm`);
      await page.waitForSelector('body[data-state]', { timeout: 120_000 });
      expect(await page.getAttribute('body', 'data-state')).toBe('error');
      const error = (await page.textContent('#error')) ?? '';
      expect(error).toContain(`loadMRNet: model not found at ${server.url}models/acl/axial/model.json (HTTP 404)`);
      expect(error).toContain('public/models/');
      expect(error).not.toContain('not valid JSON');
    } finally {
      await browser.close();
    }
  }, 240_000);
});
