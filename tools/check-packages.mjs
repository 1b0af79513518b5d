#!/usr/bin/env node
// Publishing checks for every public workspace package, as npm would ship it: publint (package.json
// vs the files in the tarball) and arethetypeswrong (ESM + types resolve for Node 16+ and bundlers;
// the packages are ESM-only, so the CommonJS `require` rows are out of scope), plus what the tarball
// holds: its size, its file count, and no test or test-support files. `npm run lint` runs it after a
// build; `node tools/check-packages.mjs --json` prints the table as JSON.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { publint } from 'publint';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const workspaces = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).workspaces;
const dirs = workspaces.flatMap((w) => {
  if (!w.endsWith('/*')) return [path.join(root, w)];
  const base = path.join(root, w.slice(0, -2));
  return fs.readdirSync(base).map((d) => path.join(base, d)).filter((d) => fs.existsSync(path.join(d, 'package.json')));
});
const FORBIDDEN = [/\.test\.[cm]?[jt]s$/, /\.test-support\./, /(^|\/)test-support\//, /(^|\/)fixtures?\//, /closed-form-fixture/, /\.tsbuildinfo$/];
const problems = [];
const rows = [];

for (const dir of dirs) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  const rel = path.relative(root, dir);
  const { messages } = await publint({ pkgDir: dir, level: 'warning', strict: true });
  for (const m of messages) problems.push(`${pkg.name}: publint ${m.type} ${m.code} at ${m.path.join('.')}`);

  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  for (const f of packed.files) if (FORBIDDEN.some((re) => re.test(f.path))) problems.push(`${pkg.name}: tarball holds test material ${f.path}`);
  for (const need of ['README.md', 'LICENSE', 'package.json']) if (!packed.files.some((f) => f.path === need)) problems.push(`${pkg.name}: tarball lacks ${need}`);

  let attw;
  try {
    attw = execFileSync(process.execPath, [path.join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'), '--pack', dir, '--profile', 'esm-only', '--format', 'json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    attw = e.stdout;
  }
  const report = JSON.parse(attw);
  // esm-only: CommonJS and node10 (no `exports` support) resolutions are out of scope.
  const attwProblems = (report.analysis?.problems ?? []).filter((p) => p.kind !== 'CJSResolvesToESM' && !['node10', 'node16-cjs'].includes(p.resolutionKind));
  for (const p of attwProblems) problems.push(`${pkg.name}: arethetypeswrong ${p.kind} ${p.entrypoint ?? ''} (${p.resolutionKind ?? ''})`);
  rows.push({ package: pkg.name, dir: rel, version: pkg.version, size: packed.size, unpackedSize: packed.unpackedSize, files: packed.entryCount, publint: messages.length, attw: attwProblems.length });
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ packages: rows, problems }, null, 2));
} else {
  console.log(`${'package'.padEnd(16)} ${'tarball'.padStart(9)} ${'unpacked'.padStart(9)} ${'files'.padStart(5)}  publint  attw`);
  for (const r of rows) {
    console.log(`${r.package.padEnd(16)} ${`${(r.size / 1024).toFixed(1)} kB`.padStart(9)} ${`${(r.unpackedSize / 1024).toFixed(0)} kB`.padStart(9)} ${String(r.files).padStart(5)}  ${String(r.publint).padStart(7)}  ${String(r.attw).padStart(4)}`);
  }
}
if (problems.length > 0) {
  console.error(`package checks: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.error('package checks: ok (publint, arethetypeswrong esm-only, tarball contents)');
