import { stat } from 'node:fs/promises';
import { InputError } from '@mrnet/options';
import { loadMRNetWeights, PretrainedWeightsError, type ConvWeights } from '@mrnet/model';
import { downloadByHandHint, loadPretrainedAlexNet } from '@mrnet/model/node';

/**
 * The backbone weights named by `pretrained`: `'none'` → none (random init), `'torchvision'` →
 * ImageNet AlexNet (downloaded once, cached), a folder → the features of a model saved by
 * `saveMRNet`, a file → a `.pth` checkpoint (torchvision AlexNet or the seed's MRNet). @internal
 */
export async function resolveBackbone(pretrained: string): Promise<{ features: ConvWeights[] | undefined; source: string }> {
  if (pretrained === 'none') return { features: undefined, source: 'none' };
  if (pretrained === 'torchvision') {
    const p = await loadPretrainedAlexNet({ source: 'torchvision' }).catch((e: unknown) => {
      // Say it in trainPlaneModel's words: its option is `pretrained`, not loadPretrainedAlexNet's `source`.
      if (!(e instanceof PretrainedWeightsError) || e.reason === undefined || e.url === undefined) throw e;
      const advice = downloadByHandHint(e.url, e.path, "set the pretrained option to the file's path");
      throw new PretrainedWeightsError(e.path, `trainPlaneModel: pretrained 'torchvision': ${e.reason}; ${advice}`, { cause: e, url: e.url, reason: e.reason });
    });
    return { features: p.features, source: p.path };
  }
  const st = await stat(pretrained).catch(() => undefined);
  if (!st) throw new InputError(`trainPlaneModel: pretrained: no such file or folder ${pretrained} (expected 'torchvision', 'none' or a path)`, { path: pretrained });
  if (st.isDirectory()) return { features: (await loadMRNetWeights(pretrained)).weights.features, source: pretrained };
  const p = await loadPretrainedAlexNet({ source: pretrained });
  return { features: p.features, source: p.path };
}
