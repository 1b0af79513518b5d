import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticMRNet } from '@mrnet/data/node';
import { TORCHVISION_ALEXNET } from '@mrnet/model/node';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from '../run.js';

const root = mkdtempSync(join(tmpdir(), 'mrnet-train-pretrained-'));
afterAll(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

describe('mrnet train --pretrained torchvision offline', () => {
  it('prints one line in the CLI\'s words (--pretrained PATH), exit 1, no stack', async () => {
    const data = join(root, 'data');
    await generateSyntheticMRNet({ out: data, train: 4, valid: 4, slices: 4, size: 63, seed: 1 });
    vi.stubEnv('MRNET_CACHE', join(root, 'cache'));
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    let err = '';
    const code = await run(
      ['train', '--data', data, '-t', 'acl', '-p', 'axial', '--epochs', '1', '--backend', 'cpu', '--models', join(root, 'models'), '--logdir', join(root, 'logs')],
      { stdout: () => undefined, stderr: (s) => void (err += s) },
    );
    expect(code).toBe(1);
    const last = err.trimEnd().split('\n').at(-1);
    const where = join(root, 'cache', TORCHVISION_ALEXNET.fileName);
    expect(last).toBe(
      `mrnet train: --pretrained torchvision: could not download ${TORCHVISION_ALEXNET.url} (fetch failed); ` +
        `offline? download ${TORCHVISION_ALEXNET.url} by hand and place it at ${where}, or pass --pretrained PATH`,
    );
    expect(err).not.toMatch(/source option|pretrained option|\n\s+at /);
  });
});
