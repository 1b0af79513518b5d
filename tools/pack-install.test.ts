import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every public package as a user gets it from npm: `npm pack` (after `npm test`'s build), the
// tarballs installed into an empty project outside the workspace (their dependencies come from
// the registry, the @mrnet ones from the tarballs), then each package's README example, the
// installed `mrnet` bin, and examples/consumer (built with tsc and run) — nothing resolves into
// the workspace.
const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
const packageDirs = root.workspaces.flatMap((w) => (w.endsWith('/*') ? readdirSync(join(ROOT, w.slice(0, -2))).map((d) => join(ROOT, w.slice(0, -2), d)) : [join(ROOT, w)]))
  .filter((d) => existsSync(join(d, 'package.json')))
  .map((d) => ({ dir: d, pkg: JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) as { name: string; private?: boolean; bin?: Record<string, string> } }))
  .filter((p) => !p.pkg.private);

let tmp: string;
let project: string;
const tarballs = new Map<string, string>();

/** The first ```js block of a README: the example its npm page shows. */
function readmeExample(readme: string): string | null {
  const m = /```js\n([\s\S]*?)```/.exec(readme);
  return m ? m[1]! : null;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'mrnet-pack-'));
  const dest = join(tmp, 'tarballs');
  mkdirSync(dest);
  for (const { dir, pkg } of packageDirs) {
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], { cwd: dir });
    const [info] = JSON.parse(stdout) as { filename: string }[];
    tarballs.set(pkg.name, join(dest, info!.filename));
  }
  project = join(tmp, 'consumer');
  cpSync(join(ROOT, 'examples/consumer'), project, { recursive: true, filter: (src) => !/node_modules|dist/.test(src.slice(ROOT.length)) });
  // Only the tarballs and the registry: no workspace links, no lock file of ours.
  await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--install-links', ...tarballs.values()], { cwd: project, env: { ...process.env, npm_config_workspaces: 'false' }, maxBuffer: 64 << 20 });
}, 600_000);
afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

describe('packed packages installed into a project outside the workspace', () => {
  it('installs real copies, not links into the workspace', () => {
    for (const name of tarballs.keys()) {
      const installed = join(project, 'node_modules', name);
      expect(existsSync(join(installed, 'package.json')), name).toBe(true);
      expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toContain('MIT License');
      expect(existsSync(join(installed, 'src')), `${name} ships no sources`).toBe(false);
    }
  });

  for (const { dir, pkg } of packageDirs) {
    it(`${pkg.name}: the README example runs as written`, async () => {
      const example = readmeExample(readFileSync(join(dir, 'README.md'), 'utf8'));
      expect(example, `${pkg.name} README has a js example`).not.toBeNull();
      const file = join(project, `readme-${pkg.name.replace('@mrnet/', '')}.mjs`);
      writeFileSync(file, example!);
      const { stdout } = await run(process.execPath, [file], { cwd: project, timeout: 180_000 });
      expect(stdout.length, `${pkg.name} example prints something`).toBeGreaterThan(0);
    }, 200_000);
  }

  it('the installed mrnet bin prints help and writes a synthetic dataset', async () => {
    const bin = join(project, 'node_modules/.bin/mrnet');
    const help = await run(bin, ['--help'], { cwd: project });
    expect(help.stdout).toContain('synth');
    expect(help.stdout).toContain('train');
    const out = join(project, 'synth');
    await run(bin, ['synth', '--out', out, '--train', '4', '--valid', '4', '--slices', '4', '--size', '64'], { cwd: project, timeout: 120_000 });
    expect(readdirSync(join(out, 'train', 'sagittal'))).toHaveLength(4);
  }, 200_000);

  it('examples/consumer builds with tsc against the installed types and runs', async () => {
    await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project });
    const { stdout } = await run(process.execPath, ['dist/index.js'], { cwd: project, timeout: 120_000 });
    const doc = JSON.parse(stdout) as { backend: string; logit: number; auc: number };
    expect(doc.backend).toBe('wasm');
    expect(Number.isFinite(doc.logit)).toBe(true);
    expect(doc.auc).toBe(1);
  }, 200_000);
});
