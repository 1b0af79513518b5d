import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every ```js snippet of docs/guides/*.md runs as shown: written to a .mjs file and run with plain
// `node` (Node 20, no TypeScript) against the built packages, as a reader would paste it. Snippets
// of one guide run in order in one folder, which holds a tiny synthetic dataset named like the real
// one (`MRNet-v1.0`) and the files the guides name. A snippet that cannot run here (a browser page,
// a 233 MB download, hours of training) starts with `// Not run by the guide test: <why>`.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const GUIDES = join(ROOT, 'docs', 'guides');
const SKIP = '// Not run by the guide test:';
const run = promisify(execFile);

/** The fenced blocks of a Markdown file: language and code. */
function fences(markdown: string): { lang: string; code: string; line: number }[] {
  const out: { lang: string; code: string; line: number }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    out.push({ lang: open[1]!, code: body.join('\n'), line: start + 1 });
  }
  return out;
}

const guides = readdirSync(GUIDES).filter((f) => f.endsWith('.md')).sort();
// Inside the repository (under the ignored .cache/), so that `@mrnet/*` resolve like in a user's project.
mkdirSync(join(ROOT, '.cache'), { recursive: true });
const work = mkdtempSync(join(ROOT, '.cache', 'guide-snippets-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  // A tiny dataset in the MRNet-v1.0 layout, and the seed-shaped files the PyTorch guide names.
  const { generateSyntheticMRNet } = await import('@mrnet/data/node');
  const fixtures = join(ROOT, 'packages', 'model', 'fixtures', 'torch');
  for (const guide of guides) {
    const dir = join(work, guide.replace(/\.md$/, ''));
    await generateSyntheticMRNet({ out: join(dir, 'MRNet-v1.0'), train: 4, valid: 4, slices: 4, size: 63, seed: 1 });
    writeFileSync(join(dir, 'model_acl_sagittal.pth'), gunzipSync(gunzipSync(new Uint8Array(readFileSync(join(fixtures, 'mrnet_state_dict.pth.gz.gz'))))));
    copyFileSync(join(dir, 'MRNet-v1.0', 'valid', 'sagittal', '0004.npy'), join(dir, 'MRNet-v1.0', 'valid', 'sagittal', '1130.npy'));
  }
}, 120_000);

describe('guide snippets', () => {
  it('are plain JavaScript: no ```ts blocks, no TypeScript-only syntax in ```js blocks', () => {
    for (const guide of guides) {
      for (const f of fences(readFileSync(join(GUIDES, guide), 'utf8'))) {
        expect(['ts', 'typescript'], `${guide}:${f.line}: write snippets as \`\`\`js (Node runs them as shown)`).not.toContain(f.lang);
        if (f.lang === 'js') expect(f.code, `${guide}:${f.line}: TypeScript non-null assertion`).not.toMatch(/[\w)\]]!(?=[.[\s,;)])/);
      }
    }
  });

  it('link to the API with Markdown links, not TypeDoc {@link} tags (raw text on a forge)', () => {
    for (const guide of guides) expect(readFileSync(join(GUIDES, guide), 'utf8'), guide).not.toContain('{@link');
  });

  for (const guide of guides) {
    const snippets = fences(readFileSync(join(GUIDES, guide), 'utf8')).filter((f) => f.lang === 'js');
    const runnable = snippets.filter((s) => !s.code.startsWith(SKIP));
    it.runIf(runnable.length > 0)(`${guide}: its ${runnable.length} js snippet(s) run with node`, async () => {
      const dir = join(work, guide.replace(/\.md$/, ''));
      for (const s of runnable) {
        const file = join(dir, `snippet-line-${s.line}.mjs`);
        writeFileSync(file, `${s.code}\n`);
        await run(process.execPath, [file], { cwd: dir, timeout: 180_000, maxBuffer: 1 << 22 }).catch((e: { stderr?: string; message: string }) => {
          throw new Error(`${guide}:${s.line}: snippet failed: ${e.stderr || e.message}`);
        });
      }
    }, 600_000);
  }
});
