import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.test-support.js';
import type { DoctorReport } from './doctor.js';

describe('mrnet doctor', () => {
  it('--json reports every backend truthfully, the adapter, cores, workers and driver files', { timeout: 180_000 }, async () => {
    const saved = process.env['MRNET_WORKERS'];
    process.env['MRNET_WORKERS'] = '3';
    let r;
    try {
      r = await runCli('doctor', '--json');
    } finally {
      if (saved === undefined) delete process.env['MRNET_WORKERS'];
      else process.env['MRNET_WORKERS'] = saved;
    }
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as DoctorReport;
    expect(doc.backends.map((b) => b.name)).toEqual(['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu']);
    const by = Object.fromEntries(doc.backends.map((b) => [b.name, b]));
    // This project installs neither native backend (their install downloads libtensorflow).
    expect(by['tensorflow']).toMatchObject({ usable: false, note: 'not installed (npm install @tensorflow/tfjs-node@4.22.0)', packages: { '@tensorflow/tfjs-node': null } });
    expect(by['tensorflow-gpu']!.usable).toBe(false);
    expect(by['wasm']).toMatchObject({ usable: true, packages: { '@tensorflow/tfjs-backend-wasm': '4.22.0' } });
    expect(by['cpu']!.usable).toBe(true);
    expect(by['webgpu']!.packages).toEqual({ webgpu: '0.6.2', '@tensorflow/tfjs-backend-webgpu': '4.22.0' });
    // webgpu is usable exactly when Dawn found an adapter, and the note says which kind.
    const adapter = 'adapter' in doc.webgpu ? doc.webgpu.adapter : undefined;
    expect(by['webgpu']!.usable).toBe(adapter !== undefined);
    if (adapter) {
      expect(by['webgpu']!.note).toMatch(new RegExp(`^${adapter.software ? 'software' : 'hardware'} adapter `));
      expect(typeof adapter.vendor).toBe('string');
      expect(typeof adapter.architecture).toBe('string');
    } else {
      expect((doc.webgpu as { tried: string[] }).tried.length).toBeGreaterThan(0);
    }
    expect('line' in doc.auto && doc.auto.line).toMatch(/^backend (wasm|webgpu) \(auto; skipped tensorflow-gpu: not installed/);
    expect(doc.cpu.availableParallelism).toBe(availableParallelism());
    expect(doc.workers).toMatchObject({ MRNET_WORKERS: '3', wouldUse: 3 });
    if (process.platform === 'linux') {
      const egl = doc.driverFiles.find((f) => f.name === 'libEGL.so.1');
      expect(egl).toBeDefined();
      expect(egl!.path === null || existsSync(egl!.path)).toBe(true);
      expect(doc.driverFiles.find((f) => f.name === 'nvidia_icd.json')?.route).toBe('nvidia-vulkan');
    }
  });

  it('prints a readable report without --json', { timeout: 180_000 }, async () => {
    const r = await runCli('doctor');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^node v\d+/);
    expect(r.out).toMatch(/^backends:$/m);
    expect(r.out).toMatch(/^ {2}✓ wasm +the embedded default/m);
    expect(r.out).toMatch(/^auto: backend /m);
  });
});
