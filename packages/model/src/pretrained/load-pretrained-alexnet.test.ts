import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closedFormWeights } from '../torch/closed-form-fixture.test-support.js';
import { PretrainedWeightsError } from './errors.js';
import { loadPretrainedAlexNet, TORCHVISION_ALEXNET, type FetchLike } from './load-pretrained-alexnet.js';

const FIXTURES = new URL('../../fixtures/torch/', import.meta.url);
/** A torchvision-format AlexNet state_dict written by torch (closed-form weights, small classifier). */
const alexnet = gunzipSync(gunzipSync(new Uint8Array(readFileSync(new URL('alexnet_state_dict.pth.gz.gz', FIXTURES)))));
const digest = createHash('sha256').update(alexnet).digest('hex');

const sameFloats = (a: Float32Array, b: Float32Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** A fetch that serves `body` and counts its calls. */
function fakeFetch(body: Uint8Array | Error, status = 200): FetchLike & { calls: string[] } {
  const calls: string[] = [];
  const f = async (url: string) => {
    calls.push(url);
    if (body instanceof Error) throw body;
    return { ok: status === 200, status, statusText: status === 200 ? 'OK' : 'Not Found', arrayBuffer: async () => body.slice().buffer as ArrayBuffer };
  };
  return Object.assign(f, { calls });
}

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'mrnet-pretrained-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe('loadPretrainedAlexNet', () => {
  let want: ReturnType<typeof closedFormWeights>;
  beforeAll(() => {
    want = closedFormWeights();
  });

  it('downloads torchvision\'s file once, verifies its SHA-256 prefix, caches it atomically and reuses it', async () => {
    const cacheDir = tempDir();
    const fetch = fakeFetch(alexnet);
    const first = await loadPretrainedAlexNet({ source: 'torchvision', cacheDir, fetch, sha256Prefix: digest.slice(0, 8) });
    expect(fetch.calls).toEqual([TORCHVISION_ALEXNET.url]);
    expect(first.downloaded).toBe(true);
    expect(first.path).toBe(join(cacheDir, 'alexnet-owt-7be5be79.pth'));
    expect(readdirSync(cacheDir)).toEqual(['alexnet-owt-7be5be79.pth']); // no temp file left
    expect(createHash('sha256').update(readFileSync(first.path)).digest('hex')).toBe(digest);
    expect(sameFloats(first.features[2]!.kernel, want.features[2]!.kernel)).toBe(true);

    const second = await loadPretrainedAlexNet({ cacheDir, fetch, sha256Prefix: digest.slice(0, 8) });
    expect(fetch.calls).toHaveLength(1);
    expect(second.downloaded).toBe(false);
    expect(second.features[4]!.bias).toEqual(want.features[4]!.bias);
  });

  it('uses $MRNET_CACHE when no cacheDir is given', async () => {
    const cacheDir = tempDir();
    const saved = process.env['MRNET_CACHE'];
    process.env['MRNET_CACHE'] = cacheDir;
    try {
      const got = await loadPretrainedAlexNet({ fetch: fakeFetch(alexnet), sha256Prefix: digest.slice(0, 12) });
      expect(got.path).toBe(join(cacheDir, TORCHVISION_ALEXNET.fileName));
    } finally {
      if (saved === undefined) delete process.env['MRNET_CACHE'];
      else process.env['MRNET_CACHE'] = saved;
    }
  });

  it('refuses a download whose SHA-256 does not start with the expected prefix, and caches nothing', async () => {
    const cacheDir = tempDir();
    // the real torchvision prefix: the fixture is not torchvision's file, so this must fail
    const err = await loadPretrainedAlexNet({ cacheDir, fetch: fakeFetch(alexnet) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PretrainedWeightsError);
    expect((err as Error).message).toContain(`has SHA-256 ${digest}, expected one starting with 7be5be79`);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('refuses a cached file with the wrong checksum, saying how to fix it', async () => {
    const cacheDir = tempDir();
    writeFileSync(join(cacheDir, TORCHVISION_ALEXNET.fileName), alexnet.subarray(0, 1000));
    const fetch = fakeFetch(alexnet);
    await expect(loadPretrainedAlexNet({ cacheDir, fetch, sha256Prefix: digest.slice(0, 8) })).rejects.toThrow(/cached .*alexnet-owt-7be5be79\.pth has SHA-256 [0-9a-f]{64}, expected one starting with .*delete it/);
    expect(fetch.calls).toEqual([]);
  });

  it('offline or on an HTTP error, says where to place the file by hand', async () => {
    const cacheDir = tempDir();
    const where = join(cacheDir, TORCHVISION_ALEXNET.fileName);
    const offline = await loadPretrainedAlexNet({ cacheDir, fetch: fakeFetch(new Error('getaddrinfo ENOTFOUND download.pytorch.org')) }).catch((e: unknown) => e);
    expect(offline).toBeInstanceOf(PretrainedWeightsError);
    expect((offline as PretrainedWeightsError).path).toBe(where);
    expect((offline as Error).message).toBe(
      `loadPretrainedAlexNet: could not download ${TORCHVISION_ALEXNET.url} (getaddrinfo ENOTFOUND download.pytorch.org); offline? download ${TORCHVISION_ALEXNET.url} by hand and place it at ${where}, or pass the file's path as the source option`,
    );
    expect((offline as PretrainedWeightsError).reason).toBe(`could not download ${TORCHVISION_ALEXNET.url} (getaddrinfo ENOTFOUND download.pytorch.org)`);
    expect((offline as Error).message).not.toContain('--pretrained'); // a library speaks of its options, not of CLI flags
    await expect(loadPretrainedAlexNet({ cacheDir, fetch: fakeFetch(alexnet, 404) })).rejects.toThrow(/failed with HTTP 404 Not Found; offline\? download .* by hand and place it at /);
  });

  it('reads a given .pth path as is, and names a missing one', async () => {
    const dir = tempDir();
    const path = join(dir, 'my-alexnet.pth');
    writeFileSync(path, alexnet);
    const got = await loadPretrainedAlexNet({ source: path });
    expect(got).toMatchObject({ path, downloaded: false });
    expect(sameFloats(got.features[0]!.kernel, want.features[0]!.kernel)).toBe(true);
    await expect(loadPretrainedAlexNet({ source: join(dir, 'nope.pth') })).rejects.toThrow(/no such file .*nope\.pth/);
  });

  it('rejects bad options: TypeError for a wrong type, RangeError for a wrong value', async () => {
    await expect(loadPretrainedAlexNet({ source: 3 } as never)).rejects.toThrow(TypeError);
    await expect(loadPretrainedAlexNet({ fetch: 'x' } as never)).rejects.toThrow(TypeError);
    await expect(loadPretrainedAlexNet({ sha256Prefix: 'XYZ' })).rejects.toThrow(RangeError);
    await expect(loadPretrainedAlexNet({ source: '' })).rejects.toThrow(RangeError);
  });
});
