import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashModelDir } from './model-hash.js';
import { PredictionError } from './prediction-error.js';

describe('hashModelDir', () => {
  const root = mkdtempSync(join(tmpdir(), 'mrnet-hash-'));
  const make = (name: string, files: Record<string, string>): string => {
    const dir = join(root, name);
    mkdirSync(dir);
    for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
    return dir;
  };

  it('is the SHA-256 of the files in name order as name NUL length NUL bytes', async () => {
    const dir = make('a', { 'model.json': '{}', 'group1-shard1of1.bin': 'xyz' });
    const expected = createHash('sha256').update('group1-shard1of1.bin\x003\x00xyz').update('model.json\x002\x00{}').digest('hex');
    expect(await hashModelDir(dir)).toBe(expected);
  });

  it('changes when a byte or a name changes, not when only the folder does', async () => {
    const base = await hashModelDir(make('b', { 'model.json': '{}', 'w.bin': 'abc' }));
    expect(await hashModelDir(make('c', { 'model.json': '{}', 'w.bin': 'abc' }))).toBe(base);
    expect(await hashModelDir(make('d', { 'model.json': '{}', 'w.bin': 'abd' }))).not.toBe(base);
    expect(await hashModelDir(make('e', { 'model.json': '{}', 'v.bin': 'abc' }))).not.toBe(base);
  });

  it('names the folder when it is missing or holds no model.json', async () => {
    await expect(hashModelDir(join(root, 'nope'))).rejects.toThrow(PredictionError);
    await expect(hashModelDir(join(root, 'nope'))).rejects.toThrow(/nope: cannot read the model folder/);
    await expect(hashModelDir(make('f', { 'w.bin': 'abc' }))).rejects.toThrow(/f: no model\.json/);
  });
});
