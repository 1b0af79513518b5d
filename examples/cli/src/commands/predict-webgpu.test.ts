import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeNpy } from '@mrnet/data';
import { probeWebGpuAdapter, releaseWebGpu } from '@mrnet/model';
import { gunzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.test-support.js';

// `mrnet predict --backend webgpu` gives the logit `--backend wasm` gives, on a 256² series (3
// slices: the real image size, few slices, because llvmpipe is slow). On a machine without a GPU
// the adapter is Mesa's llvmpipe (scripts/setup-software-gpu.sh); outside CI no adapter = skip
// with the reason, in CI (CI=true) the test must run.
const probe = await probeWebGpuAdapter();
const skip = probe.adapter === undefined && process.env['CI'] !== 'true';
if (skip) console.warn(`predict --backend webgpu test skipped: no WebGPU adapter (${probe.tried.join('; ')}); run scripts/setup-software-gpu.sh`);

const FIXTURES = join(dirname(createRequire(import.meta.url).resolve('@mrnet/model/package.json')), 'fixtures', 'torch');
const dir = mkdtempSync(join(tmpdir(), 'mrnet-predict-webgpu-'));

describe.skipIf(skip)('mrnet predict --backend webgpu', () => {
  afterAll(() => {
    releaseWebGpu();
    rmSync(dir, { recursive: true, force: true });
  });

  it('equals --backend wasm on a 3×256×256 series (≤ 1e-4 relative) and names the adapter in its one backend line', { timeout: 600_000 }, async () => {
    const ckpt = join(dir, 'mrnet_state_dict.pth');
    writeFileSync(ckpt, gunzipSync(gunzipSync(new Uint8Array(readFileSync(join(FIXTURES, 'mrnet_state_dict.pth.gz.gz'))))));
    const series = new Uint8Array(3 * 256 * 256);
    for (let i = 0; i < series.length; i++) series[i] = (i * 2654435761) >>> 24; // deterministic texture
    const input = join(dir, 'series.npy');
    writeFileSync(input, writeNpy(series, [3, 256, 256]));
    const args = ['predict', '--checkpoint', ckpt, '-p', 'sagittal', '--input', input, '--json'];
    const wasm = await runCli(...args, '--backend', 'wasm');
    expect(wasm.code, wasm.err).toBe(0);
    const gpu = await runCli(...args, '--backend', 'webgpu');
    expect(gpu.code, gpu.err).toBe(0);
    expect(gpu.err).toBe(`mrnet predict: backend webgpu on ${probe.adapter!.device || probe.adapter!.description} (${probe.adapter!.software ? 'software' : 'hardware'} adapter)\n`);
    const a = JSON.parse(gpu.out) as { logit: number; probability: number };
    const b = JSON.parse(wasm.out) as { logit: number; probability: number };
    const rel = Math.abs(a.logit - b.logit) / Math.abs(b.logit);
    console.log(`predict 3×256² webgpu vs wasm: logit ${a.logit} vs ${b.logit}, relative difference ${rel.toExponential(2)}`);
    expect(rel).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(a.probability - b.probability) / b.probability).toBeLessThanOrEqual(1e-4);
  });
});
