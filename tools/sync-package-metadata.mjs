#!/usr/bin/env node
// One place for what every published package.json shares: the root package.json's `repository`,
// `homepage`, `bugs`, `license`, `author`, `engines` and `publishConfig`, and the tarball
// exclusions. `node tools/sync-package-metadata.mjs` writes them into each workspace package
// (with `repository.directory` set to the package's folder); `--check` only reports drift
// (`npm run lint` runs it that way).
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const check = process.argv.includes('--check');
const EXCLUDE = ['!dist/**/*.test.*', '!dist/**/*.test-support.*', '!dist/**/*.tsbuildinfo'];
const drift = [];

// Workspace entries are folders (`examples/cli`) or globs of folders (`packages/*`).
const packageDirs = rootPkg.workspaces.flatMap((w) => (w.endsWith('/*') ? fs.readdirSync(path.join(root, w.slice(0, -2))).map((d) => path.join(root, w.slice(0, -2), d)) : [path.join(root, w)]));
for (const pkgDir of packageDirs) {
  {
    const file = path.join(pkgDir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const pkg = JSON.parse(text);
    if (pkg.private) continue;
    const rel = path.relative(root, path.dirname(file));
    const want = {
      ...pkg,
      license: rootPkg.license,
      author: rootPkg.author,
      repository: { ...rootPkg.repository, directory: rel },
      homepage: rootPkg.homepage.replace('#readme', `/tree/main/${rel}#readme`),
      bugs: rootPkg.bugs,
      engines: rootPkg.engines,
      publishConfig: rootPkg.publishConfig,
      files: [...new Set([...(pkg.files ?? ['dist']).filter((f) => !f.startsWith('!')), 'README.md', 'CHANGELOG.md', 'LICENSE', ...EXCLUDE])],
    };
    if (!Array.isArray(pkg.keywords) || pkg.keywords.length === 0) drift.push(`${rel}/package.json: no keywords`);
    const next = `${JSON.stringify(want, null, 2)}\n`;
    if (next === text) continue;
    if (check) drift.push(`${rel}/package.json: shared metadata differs from the root package.json (run node tools/sync-package-metadata.mjs)`);
    else fs.writeFileSync(file, next);
    const lic = path.join(path.dirname(file), 'LICENSE');
    if (!check && fs.readFileSync(path.join(root, 'LICENSE'), 'utf8') !== (fs.existsSync(lic) ? fs.readFileSync(lic, 'utf8') : '')) fs.copyFileSync(path.join(root, 'LICENSE'), lic);
  }
}
for (const pkgDir of packageDirs) {
  {
    const lic = path.join(pkgDir, 'LICENSE');
    const pj = path.join(pkgDir, 'package.json');
    if (!fs.existsSync(pj) || JSON.parse(fs.readFileSync(pj, 'utf8')).private) continue;
    if (!fs.existsSync(lic) || fs.readFileSync(lic, 'utf8') !== fs.readFileSync(path.join(root, 'LICENSE'), 'utf8')) {
      if (check) drift.push(`${path.relative(root, lic)}: missing or differs from the root LICENSE`);
      else fs.copyFileSync(path.join(root, 'LICENSE'), lic);
    }
  }
}
if (drift.length > 0) {
  console.error(`package metadata: ${drift.length} problem(s)\n${drift.join('\n')}`);
  process.exit(1);
}
console.log(check ? 'package metadata: in sync' : 'package metadata: written');
