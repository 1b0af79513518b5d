#!/usr/bin/env node
// Module boundaries: the dependency order in docs/architecture.md, enforced from source imports, so it cannot
// rot silently. A package may import only the @mrnet packages listed for it, only through their
// public entries (its `exports`: the main entry or a declared subpath such as @mrnet/data/node; no
// deep imports into another package's src/ or dist/), and @mrnet/options, @mrnet/data,
// @mrnet/metrics and @mrnet/viz never import TensorFlow.js.
import fs from 'node:fs';
import path from 'node:path';

const allowed = {
  '@mrnet/options': [],
  '@mrnet/metrics': ['@mrnet/options'],
  '@mrnet/viz': ['@mrnet/options'],
  '@mrnet/data': ['@mrnet/options'],
  '@mrnet/model': ['@mrnet/options', '@mrnet/data'],
  '@mrnet/train': ['@mrnet/options', '@mrnet/data', '@mrnet/model', '@mrnet/metrics', '@mrnet/viz'],
  '@mrnet/stack': ['@mrnet/options', '@mrnet/data', '@mrnet/model', '@mrnet/metrics'],
  '@mrnet/queue': ['@mrnet/options', '@mrnet/data', '@mrnet/model', '@mrnet/train', '@mrnet/stack'],
  '@mrnet/cli': ['@mrnet/options', '@mrnet/data', '@mrnet/model', '@mrnet/metrics', '@mrnet/train', '@mrnet/stack', '@mrnet/viz', '@mrnet/queue'],
};
const noTfjs = new Set(['@mrnet/options', '@mrnet/data', '@mrnet/metrics', '@mrnet/viz']);
const roots = ['packages', 'examples'];
const problems = [];

/** Subpaths each workspace package exports ('@mrnet/data/node', …), read from its package.json. */
const subpaths = new Set();
for (const root of roots) {
  for (const dir of fs.readdirSync(root)) {
    const pkgFile = path.join(root, dir, 'package.json');
    if (!fs.existsSync(pkgFile)) continue;
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    for (const key of Object.keys(pkg.exports ?? {})) if (key.startsWith('./') && key !== './package.json') subpaths.add(`${pkg.name}/${key.slice(2)}`);
  }
}

function* files(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.(ts|mts|js|mjs)$/.test(e.name)) yield p;
  }
}

for (const root of roots) {
  for (const dir of fs.readdirSync(root)) {
    const pkgFile = path.join(root, dir, 'package.json');
    if (!fs.existsSync(pkgFile)) continue;
    const name = JSON.parse(fs.readFileSync(pkgFile, 'utf8')).name;
    const src = path.join(root, dir, 'src');
    if (!fs.existsSync(src)) continue;
    const ok = allowed[name] ?? ['@mrnet/data', '@mrnet/model', '@mrnet/metrics', '@mrnet/train', '@mrnet/stack'];
    for (const file of files(src)) {
      // Comments are dropped first: TSDoc @example blocks show imports by package name on purpose.
      const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) {
        const spec = m[1];
        if (spec.startsWith('@mrnet/')) {
          const [scope, pkg, ...rest] = spec.split('/');
          const target = `${scope}/${pkg}`;
          if (target === name) problems.push(`${file}: imports its own package by name (${spec})`);
          else if (!ok.includes(target)) problems.push(`${file}: ${name} may not depend on ${target}`);
          if (rest.length > 0 && !subpaths.has(spec)) problems.push(`${file}: deep import ${spec}; use ${target}'s public entries`);
        } else if (spec.startsWith('.') && path.resolve(path.dirname(file), spec).split(path.sep).includes('packages') &&
                   !path.resolve(path.dirname(file), spec).startsWith(path.resolve(root, dir))) {
          problems.push(`${file}: relative import ${spec} leaves its package`);
        }
        if (noTfjs.has(name) && spec.startsWith('@tensorflow/')) problems.push(`${file}: ${name} must not import TensorFlow.js (${spec})`);
      }
    }
  }
}
if (problems.length > 0) {
  console.error(`module boundaries: ${problems.length} problem(s)\n` + problems.join('\n'));
  process.exit(1);
}
console.log('module boundaries: ok');
