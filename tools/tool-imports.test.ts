import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The benchmark and measurement scripts import the built packages by path, outside TypeScript's
// reach: when an export moves (e.g. to a /node subpath) nothing fails until someone runs `npm run
// bench` and finds a TypeError. Every name they take from a package's dist must exist there.
const here = import.meta.dirname;
const root = resolve(here, '..');
const scripts = readdirSync(here).filter((f) => f.endsWith('.mjs'));

/** The names a script takes from each built-package module it imports, with the module's absolute path. */
function importedNames(file: string): { module: string; names: string[] }[] {
  const src = readFileSync(join(here, file), 'utf8');
  const out: { module: string; names: string[] }[] = [];
  const names = (list: string): string[] => list.split(',').map((n) => n.trim().split(/\s+as\s+|\s*:\s*/)[0]!).filter((n) => n !== '' && !n.startsWith('...'));
  // import { a, b as c } from '../packages/x/dist/….js'
  for (const m of src.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(\.\.\/(?:packages|examples)\/[^']+)'/g)) out.push({ module: resolve(here, m[2]!), names: names(m[1]!) });
  // const { a, b } = await import(join(root, 'packages', …)) and const ns = await import(join(root, …)) + ns.name
  for (const m of src.matchAll(/const\s+(\{[^}]*\}|\w+)\s*=\s*await import\(join\(root,\s*([^)]*)\)\)/g)) {
    const parts = [...m[2]!.matchAll(/'([^']+)'/g)].map((p) => p[1]!);
    const module = join(root, ...parts);
    const binding = m[1]!;
    if (binding.startsWith('{')) out.push({ module, names: names(binding.slice(1, -1)) });
    else out.push({ module, names: [...new Set([...src.matchAll(new RegExp(`\\b${binding}\\.(\\w+)`, 'g'))].map((u) => u[1]!))] });
  }
  return out.filter((o) => /[/\\]dist[/\\]/.test(o.module));
}

describe('tools/*.mjs imports of the built packages', () => {
  it('finds what it checks (the parser keeps up with the scripts)', () => {
    const all = scripts.flatMap(importedNames);
    expect(all.length).toBeGreaterThan(8);
    expect(all.flatMap((i) => i.names)).toContain('SliceParallelMRNet');
    expect(all.flatMap((i) => i.names)).toContain('generateSyntheticMRNet');
  });

  it.each(scripts)('%s: every imported name exists in the built module', async (file) => {
    for (const { module, names } of importedNames(file)) {
      const mod = (await import(pathToFileURL(module).href)) as Record<string, unknown>;
      const missing = names.filter((n) => !(n in mod));
      expect(missing, `${file} imports from ${module.slice(root.length + 1)}`).toEqual([]);
    }
  });
});
