import { readNpy, toVolume, type Intensity } from '@mrnet/data';
import { loadMRNet, type MRNet } from '@mrnet/model';
import { chooseBackend } from './backend.js';

// The page: load a saved model folder over HTTP (`?model=URL`, default `model/` next to the page;
// models put in public/models/ are copied next to it by every build),
// then run it on the .npy series the user picks. The file is read with the File API, locally.
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
const modelUrl = new URL(params.get('model') ?? 'model/', document.baseURI).href;

// The normalisation comes with the weights: loadMRNet validates it (an unknown value is an error
// shown on the page, never a silent fallback to 'none').
async function predictFile(model: MRNet, intensity: Intensity, file: File): Promise<void> {
  const out = $('probability');
  $('error').textContent = '';
  out.textContent = '…';
  out.removeAttribute('data-probability');
  try {
    const npy = readNpy(new Uint8Array(await file.arrayBuffer()), { path: file.name });
    const volume = toVolume(npy, { path: file.name, intensity });
    const t0 = performance.now();
    const { logit, probability } = await model.predictAsync(volume.data, volume.shape); // webgpu reads asynchronously
    const ms = performance.now() - t0;
    out.textContent = `P = ${probability.toFixed(4)}`;
    out.dataset['probability'] = String(probability);
    out.dataset['logit'] = String(logit);
    $('details').textContent = `${file.name}: ${volume.shape.join(' × ')} (${npy.dtype}), logit ${logit.toFixed(4)}, ${ms.toFixed(0)} ms`;
  } catch (e) {
    out.textContent = '';
    $('error').textContent = String((e as Error)?.message ?? e);
  }
}

async function main(): Promise<void> {
  const backend = await chooseBackend(params.get('backend'));
  $('backend').textContent = backend;
  const { model, metadata, inputNormalisation } = await loadMRNet(modelUrl);
  $('model').textContent = `${metadata.task ?? '?'} / ${metadata.plane ?? '?'}, input ${inputNormalisation} (${modelUrl})`;
  const input = $<HTMLInputElement>('file');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void predictFile(model, inputNormalisation, file);
  });
  input.disabled = false;
  document.body.dataset['state'] = 'ready';
}

main().catch((e: unknown) => {
  const message = String((e as Error)?.message ?? e);
  // loadMRNet says "model not found at URL" for a 404 or an HTML page instead of model.json.
  const hint = message.includes('model not found at')
    ? ' — put a saved model folder under public/models/ (kept across builds) and open ?model=models/TASK/PLANE/'
    : '';
  $('error').textContent = message + hint;
  document.body.dataset['state'] = 'error';
});
