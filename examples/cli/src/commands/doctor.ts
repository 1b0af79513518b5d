import { createRequire } from 'node:module';
import * as os from 'node:os';
import { BACKEND_NAMES, describeBackend, initBackend, probeWebGpuAdapter, releaseWebGpu, type BackendName, type WebGpuProbe } from '@mrnet/model';
import { EXIT_OK } from '../cli/exit-code.js';
import type { CommandSpec } from '../cli/spec.js';
import { gpuDriverFiles, type DriverFile } from './gpu-driver-files.js';

type Concrete = Exclude<BackendName, 'auto'>;

/** npm packages each backend needs. */
const PACKAGES: Record<Concrete, string[]> = {
  'tensorflow-gpu': ['@tensorflow/tfjs-node-gpu'],
  webgpu: ['webgpu', '@tensorflow/tfjs-backend-webgpu'],
  tensorflow: ['@tensorflow/tfjs-node'],
  wasm: ['@tensorflow/tfjs-backend-wasm'],
  cpu: ['@tensorflow/tfjs-backend-cpu'],
};

/**
 * One backend as `mrnet doctor` sees it.
 *
 * @example
 * ```ts
 * const b: DoctorBackend = { name: 'wasm', packages: { '@tensorflow/tfjs-backend-wasm': '4.22.0' }, usable: true, note: 'the embedded default' };
 * ```
 */
export interface DoctorBackend {
  name: Concrete;
  /** Each package it needs, with its installed version or `null`. */
  packages: Record<string, string | null>;
  usable: boolean;
  /** Why not, or what it runs on. */
  note: string;
}

/**
 * What `mrnet doctor --json` prints.
 *
 * @example
 * ```ts
 * declare const stdout: string; // what `mrnet doctor --json` printed
 * const report: DoctorReport = JSON.parse(stdout);
 * report.backends.filter((b) => b.usable).map((b) => b.name);
 * ```
 */
export interface DoctorReport {
  node: string;
  platform: string;
  cpu: { model: string; cores: number; availableParallelism: number };
  workers: { MRNET_WORKERS: string | null; wouldUse: number; note: string };
  backends: DoctorBackend[];
  webgpu: WebGpuProbe | { error: string };
  auto: { line: string } | { error: string };
  driverFiles: DriverFile[];
}

function installedVersion(pkg: string): string | null {
  try {
    const require = createRequire(import.meta.url);
    const file = require.resolve(`${pkg}/package.json`, { paths: [process.cwd(), import.meta.dirname] });
    return (require(file) as { version: string }).version;
  } catch {
    return null;
  }
}

const firstLine = (e: unknown): string => String((e as Error)?.message ?? e).split('\n')[0]!;

/**
 * The report of `mrnet doctor`: packages, the WebGPU adapter (probed in a child process), what
 * `auto` picks, cores, workers and driver files.
 *
 * @example
 * ```ts
 * const report = await doctorReport();
 * console.log(report.backends.filter((b) => b.usable).map((b) => b.name)); // e.g. ['webgpu', 'wasm', 'cpu']
 * ```
 */
export async function doctorReport(): Promise<DoctorReport> {
  const webgpu: DoctorReport['webgpu'] = await probeWebGpuAdapter().catch((e: unknown) => ({ error: firstLine(e) }));
  const backends: DoctorBackend[] = [];
  for (const name of BACKEND_NAMES.filter((n): n is Concrete => n !== 'auto')) {
    const packages = Object.fromEntries(PACKAGES[name].map((p) => [p, installedVersion(p)]));
    const missing = Object.entries(packages).filter(([, v]) => v === null).map(([p]) => p);
    let usable = missing.length === 0;
    let note = missing.length > 0 ? `not installed (npm install ${missing.map((p) => `${p}@${p === 'webgpu' ? '0.6.2' : '4.22.0'}`).join(' ')})` : '';
    if (usable && name === 'webgpu') {
      const a = 'adapter' in webgpu ? webgpu.adapter : undefined;
      usable = a !== undefined;
      note = a ? `${a.software ? 'software' : 'hardware'} adapter ${a.device || a.description}${a.software ? ' (auto skips it: wasm is faster)' : ''}` : 'no adapter (see webgpu below)';
    } else if (usable && name !== 'wasm' && name !== 'cpu') {
      // The node backends load libtensorflow: only trying tells whether it works here.
      note = await initBackend(name).then(() => 'loads').catch((e: unknown) => ((usable = false), `installed but fails to load: ${firstLine(e)}`));
    } else if (usable) {
      note = name === 'wasm' ? 'the embedded default (SIMD)' : 'pure JavaScript, the last resort';
    }
    backends.push({ name, packages, usable, note });
  }
  const auto = await initBackend('auto').then((c) => ({ line: describeBackend(c) })).catch((e: unknown) => ({ error: firstLine(e) }));
  releaseWebGpu();
  const env = process.env['MRNET_WORKERS'];
  const parallel = os.availableParallelism();
  const envN = env !== undefined && /^\d+$/.test(env) && Number(env) > 0 ? Number(env) : undefined;
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: { model: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, availableParallelism: parallel },
    workers: {
      MRNET_WORKERS: env ?? null,
      wouldUse: envN ?? parallel,
      note: envN !== undefined ? 'MRNET_WORKERS is set: that many worker threads, shared by the planes' : 'all available cores, shared by the planes being trained; MRNET_WORKERS or --workers changes it',
    },
    backends,
    webgpu,
    auto,
    driverFiles: gpuDriverFiles(),
  };
}

function formatReport(r: DoctorReport): string {
  const lines = [`node ${r.node} on ${r.platform}; CPU ${r.cpu.model}: ${r.cpu.cores} cores (available parallelism ${r.cpu.availableParallelism})`];
  lines.push(`workers: ${r.workers.wouldUse} (${r.workers.note})`, '', 'backends:');
  for (const b of r.backends) {
    const pk = Object.entries(b.packages).map(([p, v]) => `${p}@${v ?? '-'}`).join(', ');
    lines.push(`  ${b.usable ? '✓' : '✗'} ${b.name.padEnd(15)} ${b.note}  [${pk}]`);
  }
  lines.push('', 'webgpu adapter:');
  if ('error' in r.webgpu) lines.push(`  ${r.webgpu.error}`);
  else {
    const a = r.webgpu.adapter;
    if (a) {
      lines.push(`  ${a.software ? 'software' : 'hardware'}: vendor ${a.vendor || '?'}, architecture ${a.architecture || '?'}, device ${a.device || '?'}`);
      lines.push(`  ${a.description}; Dawn ${a.dawnOptions.join(' ') || 'default backend'}, ${a.featureLevel} feature level`);
    }
    for (const t of r.webgpu.tried) lines.push(`  tried ${t}`);
    for (const m of r.webgpu.messages) lines.push(`  dawn: ${m}`);
  }
  lines.push('', `auto: ${'line' in r.auto ? r.auto.line : r.auto.error}`);
  if (r.driverFiles.length > 0) {
    lines.push('', 'GPU driver files (Linux):');
    for (const f of r.driverFiles) lines.push(`  ${f.path ? '✓' : '✗'} ${f.name.padEnd(28)} ${f.path ?? `missing: ${f.purpose}`}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `mrnet doctor [--json]`: every backend (installed or not, and why not), the WebGPU adapter
 * (vendor, architecture, software or hardware), what `--backend auto` picks and why, the cores and
 * the worker count a run would use, and the GPU driver files Dawn needs. The first command to run
 * when training is slow. Always exits 0: it reports, it does not judge.
 *
 * @example
 * ```sh
 * mrnet doctor
 * mrnet doctor --json | jq '.backends[] | select(.usable) | .name'
 * ```
 */
export const doctorCommand: CommandSpec = {
  name: 'doctor',
  summary: 'report the backends, the GPU adapter, cores and workers this machine offers',
  description:
    'Reports every TensorFlow.js backend (installed or not, and why it cannot be used), the WebGPU adapter Dawn\n' +
    'finds (vendor, architecture, software or hardware), what --backend auto picks and why, the CPU cores and\n' +
    'the worker count a run would use, and (on Linux) the GPU driver files Dawn needs, found or missing.',
  flags: [{ name: 'json', type: 'boolean', default: false, help: 'print one JSON document on stdout' }],
  async run(flags, io) {
    const report = await doctorReport();
    io.stdout(flags['json'] ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return EXIT_OK;
  },
};
