import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compiledWorkerUrl, workerExecArgv } from './compiled-worker.js';

describe('compiledWorkerUrl', () => {
  const pkg = mkdtempSync(join(tmpdir(), 'mrnet-worker-url-'));
  mkdirSync(join(pkg, 'src', 'loader'), { recursive: true });
  mkdirSync(join(pkg, 'dist', 'loader'), { recursive: true });
  writeFileSync(join(pkg, 'dist', 'loader', 'w.js'), '');

  it('maps a caller in src/ to the same place under dist/, and a caller in dist/ to its neighbour', () => {
    const fromSrc = compiledWorkerUrl(pathToFileURL(join(pkg, 'src', 'loader', 'pool.ts')).href, 'w.js', 'test', 'build');
    const fromDist = compiledWorkerUrl(pathToFileURL(join(pkg, 'dist', 'loader', 'pool.js')).href, 'w.js', 'test', 'build');
    expect(fileURLToPath(fromSrc)).toBe(join(pkg, 'dist', 'loader', 'w.js'));
    expect(fileURLToPath(fromDist)).toBe(join(pkg, 'dist', 'loader', 'w.js'));
  });

  it('names the missing script, the caller and the build command', () => {
    const from = pathToFileURL(join(pkg, 'src', 'loader', 'pool.ts')).href;
    expect(() => compiledWorkerUrl(from, 'missing.js', 'createLoader', 'npm run build')).toThrow(
      `createLoader: worker script ${join(pkg, 'dist', 'loader', 'missing.js')} not found; build it first (npm run build)`,
    );
  });
});

describe('workerExecArgv', () => {
  it('drops entry-point-only flags and the @mrnet/source condition, keeps the rest', () => {
    expect(
      workerExecArgv(['--input-type', 'module', '-e', 'x', '--eval=y', '--conditions', '@mrnet/source', '--conditions', 'node', '-C=@mrnet/source', '--max-old-space-size=100']),
    ).toEqual(['--conditions', 'node', '--max-old-space-size=100']);
  });
});
