import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One file or library Dawn needs on some route, and where it was found (`null`: not found).
 *
 * @example
 * ```ts
 * const f: DriverFile = { name: 'libEGL_nvidia.so.0', route: 'nvidia-egl', purpose: 'NVIDIA EGL driver', path: null };
 * ```
 */
export interface DriverFile {
  name: string;
  /** `nvidia-vulkan` (Dawn's default route on Linux), `nvidia-egl`, `mesa` (llvmpipe through OpenGL ES), `loader`. */
  route: 'nvidia-vulkan' | 'nvidia-egl' | 'mesa' | 'loader';
  purpose: string;
  path: string | null;
}

const LIB_DIRS = ['/usr/lib/x86_64-linux-gnu', '/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/usr/local/nvidia/lib64', '/usr/local/nvidia/lib'];
const ICD_DIRS = ['/etc/vulkan/icd.d', '/usr/share/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];
const EGL_VENDOR_DIRS = ['/etc/glvnd/egl_vendor.d', '/usr/share/glvnd/egl_vendor.d'];

function ldconfigCache(): Map<string, string> {
  const out = new Map<string, string>();
  for (const bin of ['/sbin/ldconfig', '/usr/sbin/ldconfig', 'ldconfig']) {
    try {
      const text = execFileSync(bin, ['-p'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      for (const m of text.matchAll(/^\s*(\S+) \(([^)]*)\) => (\S+)$/gm)) if (!out.has(m[1]!)) out.set(m[1]!, m[3]!);
      return out;
    } catch {
      // try the next location
    }
  }
  return out;
}

function findLibrary(name: string, cache: Map<string, string>): string | null {
  const dirs = [...(process.env['LD_LIBRARY_PATH'] ?? '').split(':').filter((d) => d !== ''), ...LIB_DIRS];
  for (const d of dirs) if (existsSync(join(d, name))) return join(d, name);
  return cache.get(name) ?? null;
}

function findIn(dirs: string[], test: (file: string) => boolean): string | null {
  for (const d of dirs) {
    try {
      const hit = readdirSync(d).find(test);
      if (hit) return join(d, hit);
    } catch {
      // folder absent
    }
  }
  return null;
}

/** Vulkan ICD manifests named by the environment (which replace the standard folders) or found there. */
function nvidiaIcd(): string | null {
  const named = (process.env['VK_DRIVER_FILES'] ?? process.env['VK_ICD_FILENAMES'] ?? '').split(':').filter((f) => f !== '');
  if (named.length > 0) return named.find((f) => /nvidia/i.test(f) && existsSync(f)) ?? null;
  return findIn(ICD_DIRS, (f) => /nvidia/i.test(f) && f.endsWith('.json'));
}

/** The library an ICD manifest points at (`ICD.library_path`). */
function icdLibrary(manifest: string | null): string {
  if (manifest === null) return 'libGLX_nvidia.so.0';
  try {
    const j = JSON.parse(readFileSync(manifest, 'utf8')) as { ICD?: { library_path?: string } };
    return j.ICD?.library_path ?? 'libGLX_nvidia.so.0';
  } catch {
    return 'libGLX_nvidia.so.0';
  }
}

/**
 * The files and libraries Dawn loads on Linux to reach a GPU, and where each is (or is not): what
 * `mrnet doctor` lists so that a missing NVIDIA Vulkan/EGL piece is named exactly. Linux only
 * (empty elsewhere).
 *
 * @example
 * ```ts
 * const missing = gpuDriverFiles().filter((f) => f.route.startsWith('nvidia') && f.path === null);
 * for (const f of missing) console.error(`missing ${f.name}: ${f.purpose}`);
 * ```
 */
export function gpuDriverFiles(): DriverFile[] {
  if (process.platform !== 'linux') return [];
  const cache = ldconfigCache();
  const lib = (name: string, route: DriverFile['route'], purpose: string): DriverFile => ({ name, route, purpose, path: findLibrary(name, cache) });
  const icd = nvidiaIcd();
  const icdLib = icdLibrary(icd);
  return [
    { name: '/dev/nvidia0', route: 'nvidia-vulkan', purpose: 'NVIDIA device node (the kernel driver is loaded and the GPU is passed into this container)', path: existsSync('/dev/nvidia0') ? '/dev/nvidia0' : null },
    lib('libvulkan.so.1', 'loader', 'Vulkan loader (Debian: libvulkan1), which Dawn opens for its default route'),
    { name: 'nvidia_icd.json', route: 'nvidia-vulkan', purpose: 'NVIDIA Vulkan ICD manifest (driver package; in containers NVIDIA_DRIVER_CAPABILITIES must include graphics)', path: icd },
    lib(icdLib.split('/').pop()!, 'nvidia-vulkan', `library the NVIDIA Vulkan ICD manifest names (${icdLib})`),
    lib('libnvidia-glcore.so.' + nvidiaVersion(cache), 'nvidia-vulkan', 'NVIDIA GL/Vulkan core library, same version as the kernel driver'),
    lib('libEGL.so.1', 'loader', 'EGL dispatcher (libglvnd; Debian: libegl1), which Dawn opens for its OpenGL ES route'),
    lib('libEGL_nvidia.so.0', 'nvidia-egl', 'NVIDIA EGL driver (OpenGL ES route)'),
    { name: '10_nvidia.json', route: 'nvidia-egl', purpose: 'glvnd EGL vendor file that makes libEGL.so.1 use the NVIDIA driver', path: findIn(EGL_VENDOR_DIRS, (f) => /nvidia/i.test(f)) },
    lib('libEGL_mesa.so.0', 'mesa', 'Mesa EGL driver (Debian: libegl-mesa0)'),
    lib('libGLESv2.so.2', 'mesa', 'OpenGL ES dispatcher (Debian: libgles2)'),
    { name: 'swrast_dri.so', route: 'mesa', purpose: 'Mesa llvmpipe software rasteriser (Debian: libgl1-mesa-dri)', path: findIn(LIB_DIRS.map((d) => join(d, 'dri')), (f) => f === 'swrast_dri.so') },
  ];
}

/** The installed NVIDIA driver version (from its libraries), or `*` when none is found. */
function nvidiaVersion(cache: Map<string, string>): string {
  try {
    const v = readFileSync('/proc/driver/nvidia/version', 'utf8').match(/Kernel Module\s+(?:for \S+\s+)?([\d.]+)/);
    if (v) return v[1]!;
  } catch {
    // no kernel driver visible
  }
  for (const k of cache.keys()) {
    const m = k.match(/^libnvidia-glcore\.so\.([\d.]+)$/);
    if (m) return m[1]!;
  }
  return '*';
}
