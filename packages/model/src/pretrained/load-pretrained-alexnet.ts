import { z } from 'zod';
import type { ConvWeights } from '../network/weights.js';
import { backboneWeightsFromCheckpoint } from '../torch/mrnet-weights-from-checkpoint.js';
import { PretrainedWeightsError } from './errors.js';

/**
 * torchvision's ImageNet AlexNet weights (`AlexNet_Weights.IMAGENET1K_V1`): where they come from,
 * the file name (whose hex part is the start of the file's SHA-256, torchvision's convention), and
 * the preprocessing they were trained with.
 *
 * @example
 * ```ts
 * import { TORCHVISION_ALEXNET } from '@mrnet/model/node';
 * TORCHVISION_ALEXNET.url; // 'https://download.pytorch.org/models/alexnet-owt-7be5be79.pth'
 * ```
 */
export const TORCHVISION_ALEXNET = Object.freeze({
  url: 'https://download.pytorch.org/models/alexnet-owt-7be5be79.pth',
  fileName: 'alexnet-owt-7be5be79.pth',
  /** The first 8 hex digits of the file's SHA-256; the full digest is checked to start with them. */
  sha256Prefix: '7be5be79',
  /** What torchvision trained them on; the seed (and MRNet here by default) feeds raw 0–255 grey instead. */
  preprocessing: 'RGB in [0, 1], normalised with mean [0.485, 0.456, 0.406] and std [0.229, 0.224, 0.225]',
});

/**
 * The part of the WHATWG `fetch` API the loader uses (inject one in tests or behind a proxy).
 *
 * @example
 * ```ts
 * import { loadPretrainedAlexNet, type FetchLike } from '@mrnet/model/node';
 * const logged: FetchLike = async (url) => { console.error(`GET ${url}`); return fetch(url); };
 * await loadPretrainedAlexNet({ fetch: logged });
 * ```
 */
export type FetchLike = (url: string) => Promise<{
  ok: boolean;
  status: number;
  statusText?: string;
  /** The response body. */
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/**
 * Options of {@link loadPretrainedAlexNet}.
 *
 * @example
 * ```ts
 * import { loadPretrainedAlexNet, type LoadPretrainedAlexNetOptions } from '@mrnet/model/node';
 * const options: LoadPretrainedAlexNetOptions = { source: 'torchvision', cacheDir: '/data/cache/mrnet' };
 * const { features } = await loadPretrainedAlexNet(options);
 * ```
 */
export interface LoadPretrainedAlexNetOptions {
  /** `'torchvision'` (download once, then reuse the cached file) or the path of a `.pth` file. Default `'torchvision'`. */
  source?: string;
  /** Cache folder. Default: `$MRNET_CACHE`, else `~/.cache/mrnet`. */
  cacheDir?: string;
  /** The fetch to download with. Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Expected start of the SHA-256 (lower-case hex). Default {@link TORCHVISION_ALEXNET}`.sha256Prefix`. */
  sha256Prefix?: string;
}

/**
 * What {@link loadPretrainedAlexNet} returns.
 *
 * @example
 * ```ts
 * import { loadPretrainedAlexNet, type PretrainedAlexNet } from '@mrnet/model/node';
 * const { features, path, downloaded }: PretrainedAlexNet = await loadPretrainedAlexNet();
 * console.error(`${features.length} convolutions from ${path}${downloaded ? ' (downloaded)' : ''}`);
 * ```
 */
export interface PretrainedAlexNet {
  /** The five AlexNet convolutions in TensorFlow.js layout: pass as `createMRNet({ weights: { features } })`. */
  features: ConvWeights[];
  /** The file they were read from. */
  path: string;
  /** Whether this call downloaded the file (false: cache hit or a given path). */
  downloaded: boolean;
}

const optionsSchema = z
  .object({
    source: z.string().min(1).default('torchvision'),
    cacheDir: z.string().min(1).optional(),
    fetch: z.custom<FetchLike>((v) => typeof v === 'function', { message: 'must be a function' }).optional(),
    sha256Prefix: z.string().regex(/^[0-9a-f]{1,64}$/, 'must be lower-case hex').optional(),
  })
  .strict();

// Node modules are imported on use, so bundling @mrnet/model for a browser does not pull them in.
const fsp = (): Promise<typeof import('node:fs/promises')> => import('node:fs/promises');
const nodePath = (): Promise<typeof import('node:path')> => import('node:path');

/** The folder pretrained weights are cached in: `$MRNET_CACHE`, else `~/.cache/mrnet`. @internal */
export async function defaultCacheDir(): Promise<string> {
  const { homedir } = await import('node:os');
  return process.env['MRNET_CACHE'] || (await nodePath()).join(homedir(), '.cache', 'mrnet');
}

/** Lower-case hex SHA-256 (WebCrypto: Node ≥ 20 and browsers). */
async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function readIfExists(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await (await fsp()).readFile(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PretrainedWeightsError(path, `loadPretrainedAlexNet: cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * The advice a failed download of pretrained weights ends with, in the words of whoever asked for
 * them: `loadPretrainedAlexNet` names its `source` option, `trainPlaneModel` its `pretrained`
 * option, the CLI its `--pretrained` flag.
 *
 * @example
 * ```ts
 * import { PretrainedWeightsError } from '@mrnet/model';
 * import { downloadByHandHint } from '@mrnet/model/node';
 * const e = new PretrainedWeightsError('/cache/alexnet.pth', 'x', { url: 'https://…/alexnet.pth', reason: 'HTTP 404' });
 * console.error(`${e.reason}; ${downloadByHandHint(e.url!, e.path, 'pass --pretrained PATH')}`);
 * ```
 */
export function downloadByHandHint(url: string, target: string, pathOption: string): string {
  return `offline? download ${url} by hand and place it at ${target}, or ${pathOption}`;
}

async function download(fetchFn: FetchLike, url: string, target: string): Promise<Uint8Array> {
  const fail = (reason: string, cause?: unknown): PretrainedWeightsError =>
    new PretrainedWeightsError(target, `loadPretrainedAlexNet: ${reason}; ${downloadByHandHint(url, target, "pass the file's path as the source option")}`, {
      cause,
      url,
      reason,
    });
  let res: Awaited<ReturnType<FetchLike>>;
  try {
    res = await fetchFn(url);
  } catch (e) {
    throw fail(`could not download ${url} (${(e as Error).message})`, e);
  }
  if (!res.ok) throw fail(`downloading ${url} failed with HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  try {
    return new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw fail(`download of ${url} was interrupted (${(e as Error).message})`, e);
  }
}

/** Writes the downloaded file with the project's one atomic write (temp sibling, fsync, rename). */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const nodeSpec = '@mrnet/options/node';
  const { writeFileAtomic } = (await import(nodeSpec)) as typeof import('@mrnet/options/node');
  try {
    await writeFileAtomic(path, bytes);
  } catch (e) {
    throw new PretrainedWeightsError(path, `loadPretrainedAlexNet: cannot write ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * ImageNet-pretrained AlexNet `features` for MRNet's backbone. With `source: 'torchvision'` the
 * torchvision file (`alexnet-owt-7be5be79.pth`, 233 MB) is downloaded on first use into the cache
 * folder (`$MRNET_CACHE`, else `~/.cache/mrnet`), written atomically (temporary file + rename), and
 * reused afterwards. Its SHA-256 is checked on every load: torchvision names the file after the
 * first 8 hex digits of the digest, so the check is that the computed digest starts with
 * `7be5be79` (a prefix check, as torchvision's own `check_hash` does). Offline, the error says
 * where to place the file by hand. With a path as `source`, that `.pth` file (a torchvision AlexNet
 * or a seed MRNet checkpoint) is read as is, without a checksum.
 *
 * @throws PretrainedWeightsError (download failed, checksum mismatch, file missing);
 *   TorchCheckpointError (the file is not a usable checkpoint); TypeError/RangeError (bad options).
 * @example
 * ```ts
 * import { createMRNet } from '@mrnet/model';
 * import { loadPretrainedAlexNet } from '@mrnet/model/node';
 * const { features, path } = await loadPretrainedAlexNet({ source: 'torchvision' });
 * const net = createMRNet({ seed: 1, weights: { features } }); // head initialised from the seed
 * console.log(`backbone from ${path}`);
 * ```
 */
export async function loadPretrainedAlexNet(options: LoadPretrainedAlexNetOptions = {}): Promise<PretrainedAlexNet> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const msg = `loadPretrainedAlexNet: option ${issue.path.join('.')}: ${issue.message}`;
    throw issue.code === 'invalid_type' || issue.code === 'unrecognized_keys' || issue.code === 'custom' ? new TypeError(msg) : new RangeError(msg);
  }
  const { source, cacheDir, fetch: fetchOpt, sha256Prefix } = parsed.data;
  const { join, resolve } = await nodePath();

  if (source !== 'torchvision') {
    const path = resolve(source);
    const bytes = await readIfExists(path);
    if (!bytes) throw new PretrainedWeightsError(path, `loadPretrainedAlexNet: no such file ${path} (source must be 'torchvision' or the path of a .pth file)`);
    return { features: backboneWeightsFromCheckpoint(bytes, { path }), path, downloaded: false };
  }

  const dir = resolve(cacheDir ?? (await defaultCacheDir()));
  const path = join(dir, TORCHVISION_ALEXNET.fileName);
  const prefix = sha256Prefix ?? TORCHVISION_ALEXNET.sha256Prefix;
  let bytes = await readIfExists(path);
  const downloaded = bytes === undefined;
  if (!bytes) {
    const fetchFn = fetchOpt ?? (globalThis.fetch as unknown as FetchLike | undefined);
    if (!fetchFn) throw new PretrainedWeightsError(path, `loadPretrainedAlexNet: no fetch available; download ${TORCHVISION_ALEXNET.url} by hand and place it at ${path}`);
    bytes = await download(fetchFn, TORCHVISION_ALEXNET.url, path);
    const digest = await sha256(bytes);
    if (!digest.startsWith(prefix)) {
      throw new PretrainedWeightsError(path, `loadPretrainedAlexNet: downloaded ${TORCHVISION_ALEXNET.url} has SHA-256 ${digest}, expected one starting with ${prefix} (corrupt or truncated download; nothing was cached)`, { url: TORCHVISION_ALEXNET.url });
    }
    try {
      await (await fsp()).mkdir(dir, { recursive: true });
    } catch (e) {
      throw new PretrainedWeightsError(path, `loadPretrainedAlexNet: cannot create the cache folder ${dir}: ${(e as Error).message}`, { cause: e });
    }
    await writeAtomically(path, bytes);
  } else {
    const digest = await sha256(bytes);
    if (!digest.startsWith(prefix)) {
      throw new PretrainedWeightsError(path, `loadPretrainedAlexNet: cached ${path} has SHA-256 ${digest}, expected one starting with ${prefix}: delete it to download again, or replace it with ${TORCHVISION_ALEXNET.url}`);
    }
  }
  return { features: backboneWeightsFromCheckpoint(bytes, { path }), path, downloaded };
}
