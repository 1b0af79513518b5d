import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PretrainedWeightsError } from '@mrnet/model';
import { TORCHVISION_ALEXNET } from '@mrnet/model/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveBackbone } from './resolve-backbone.js';

const cache = mkdtempSync(join(tmpdir(), 'mrnet-backbone-'));
afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe("trainPlaneModel's pretrained backbone", () => {
  it("says a failed download in trainPlaneModel's words: the pretrained option, not a CLI flag", async () => {
    vi.stubEnv('MRNET_CACHE', cache);
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    const e = await resolveBackbone('torchvision').catch((x: unknown) => x);
    rmSync(cache, { recursive: true, force: true });
    expect(e).toBeInstanceOf(PretrainedWeightsError);
    const where = join(cache, TORCHVISION_ALEXNET.fileName);
    expect((e as Error).message).toBe(
      `trainPlaneModel: pretrained 'torchvision': could not download ${TORCHVISION_ALEXNET.url} (fetch failed); ` +
        `offline? download ${TORCHVISION_ALEXNET.url} by hand and place it at ${where}, or set the pretrained option to the file's path`,
    );
    expect(e).toMatchObject({ path: where, url: TORCHVISION_ALEXNET.url, reason: `could not download ${TORCHVISION_ALEXNET.url} (fetch failed)` });
  });
});
