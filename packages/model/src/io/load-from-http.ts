import { ModelArtifactsError } from '../errors.js';
import type { MRNetWeights } from '../network/weights.js';
import { checkModelJson, decodeMRNet, type MRNetMetadata } from './format.js';

/**
 * Reads an MRNet artifacts folder served over `http(s)://` with `fetch` (no Node imports: works in
 * browsers). `url` is the folder URL or its `model.json` URL; shards are fetched relative to it.
 * @internal Used by {@link loadMRNet}.
 */
export async function loadWeightsFromHttp(url: string, fetchImpl: typeof fetch = fetch): Promise<{ weights: MRNetWeights; metadata: MRNetMetadata }> {
  const jsonUrl = url.endsWith('.json') ? url : `${url.replace(/\/+$/, '')}/model.json`;
  const get = async (u: string): Promise<Response> => {
    let r: Response;
    try {
      r = await fetchImpl(u);
    } catch (e) {
      throw new ModelArtifactsError(u, `loadMRNet: ${u}: fetch failed: ${(e as Error)?.message ?? e}`, { cause: e });
    }
    if (r.status === 404 || r.status === 410) throw new ModelArtifactsError(u, `loadMRNet: model not found at ${u} (HTTP ${r.status})`);
    if (!r.ok) throw new ModelArtifactsError(u, `loadMRNet: ${u}: HTTP ${r.status} ${r.statusText}`);
    return r;
  };
  let parsed: unknown;
  try {
    const r = await get(jsonUrl);
    // Single-page-app servers (vite preview, many static hosts) answer a missing file with their
    // index.html and status 200: that is a missing model, not a malformed one.
    if (/\btext\/html\b/i.test(r.headers?.get('content-type') ?? '')) {
      throw new ModelArtifactsError(jsonUrl, `loadMRNet: model not found at ${jsonUrl} (the server sent an HTML page, not model.json)`);
    }
    parsed = await r.json();
  } catch (e) {
    if (e instanceof ModelArtifactsError) throw e;
    throw new ModelArtifactsError(jsonUrl, `loadMRNet: ${jsonUrl}: model.json is not valid JSON`, { cause: e });
  }
  const json = checkModelJson(jsonUrl, parsed);
  const shards = await Promise.all(
    json.weightsManifest[0]!.paths.map(async (p) => new Uint8Array(await (await get(new URL(p, jsonUrl).href)).arrayBuffer())),
  );
  return { weights: decodeMRNet(jsonUrl, json, shards), metadata: json.metadata ?? {} };
}
