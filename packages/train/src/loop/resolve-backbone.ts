import { stat } from 'node:fs/promises';
import { InputError } from '@mrnet/options';
import { loadMRNetWeights, loadPretrainedAlexNet, type ConvWeights } from '@mrnet/model';

/**
 * The backbone weights named by `pretrained`: `'none'` → none (random init), `'torchvision'` →
 * ImageNet AlexNet (downloaded once, cached), a folder → the features of a model saved by
 * `saveMRNet`, a file → a `.pth` checkpoint (torchvision AlexNet or the seed's MRNet). @internal
 */
export async function resolveBackbone(pretrained: string): Promise<{ features: ConvWeights[] | undefined; source: string }> {
  if (pretrained === 'none') return { features: undefined, source: 'none' };
  if (pretrained === 'torchvision') {
    const p = await loadPretrainedAlexNet({ source: 'torchvision' });
    return { features: p.features, source: p.path };
  }
  const st = await stat(pretrained).catch(() => undefined);
  if (!st) throw new InputError(`trainPlaneModel: pretrained: no such file or folder ${pretrained} (expected 'torchvision', 'none' or a path)`, { path: pretrained });
  if (st.isDirectory()) return { features: (await loadMRNetWeights(pretrained)).weights.features, source: pretrained };
  const p = await loadPretrainedAlexNet({ source: pretrained });
  return { features: p.features, source: p.path };
}
