import { ModelArtifactsError } from '../errors.js';
import type { MRNetWeights } from '../network/weights.js';
import { checkModelJson, decodeMRNet, type MRNetMetadata } from './format.js';

/**
 * Reads an MRNet artifacts folder from the local file system (Node; `node:fs` is imported
 * dynamically so browser bundles never need it). `dir` is a path or a `file://` URL, of the folder
 * or of its `model.json`.
 * @internal Used by {@link loadMRNet}.
 */
export async function loadWeightsFromDir(dir: string): Promise<{ weights: MRNetWeights; metadata: MRNetMetadata }> {
  const fsSpec = 'node:fs/promises';
  const pathSpec = 'node:path';
  const urlSpec = 'node:url';
  // Typed here rather than through @types/node: loadMRNet's browser path reaches this module's types.
  const fs = (await import(fsSpec)) as { readFile(path: string, encoding: 'utf8'): Promise<string>; readFile(path: string): Promise<Uint8Array> };
  const path = (await import(pathSpec)) as { dirname(p: string): string; join(...p: string[]): string };
  const url = (await import(urlSpec)) as { fileURLToPath(u: string): string };
  let p = dir.startsWith('file://') ? url.fileURLToPath(dir) : dir;
  if (p.endsWith('.json')) p = path.dirname(p);
  const jsonPath = path.join(p, 'model.json');
  let text: string;
  try {
    text = await fs.readFile(jsonPath, 'utf8');
  } catch (e) {
    throw new ModelArtifactsError(p, `loadMRNet: ${jsonPath}: cannot read model.json: ${(e as Error)?.message ?? e}`, { cause: e });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ModelArtifactsError(jsonPath, `loadMRNet: ${jsonPath}: model.json is not valid JSON`, { cause: e });
  }
  const json = checkModelJson(jsonPath, parsed);
  const shards: Uint8Array[] = [];
  for (const name of json.weightsManifest[0]!.paths) {
    const f = path.join(p, name);
    try {
      shards.push(new Uint8Array(await fs.readFile(f)));
    } catch (e) {
      throw new ModelArtifactsError(f, `loadMRNet: ${f}: cannot read weight shard: ${(e as Error)?.message ?? e}`, { cause: e });
    }
  }
  return { weights: decodeMRNet(jsonPath, json, shards), metadata: json.metadata ?? {} };
}
