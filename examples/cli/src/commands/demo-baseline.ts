import { PLANES, type Intensity, type Plane, type Split } from '@mrnet/data';
import { openMRNetDataset, readExamPlane } from '@mrnet/data/node';
import { rocAucScore } from '@mrnet/metrics';
import { createMRNet } from '@mrnet/model';

/** Options of {@link untrainedAuc}. */
export interface UntrainedAucOptions {
  /** An MRNet-v1.0 dataset folder. */
  data: string;
  /** Initialisation seeds: one untrained network per seed (the seed training starts from). */
  seeds: readonly number[];
  /** Input normalisation, as the trained models use it. */
  intensity: Intensity;
  /** Which split's exams are scored. Default `'valid'`. */
  split?: Split;
  /** Planes to score. Default all three. */
  planes?: readonly Plane[];
}

/**
 * The ACL AUC of randomly initialised MRNets (no training at all), per plane and seed: what the
 * network "knows" before it has seen a label. A demo whose trained models are not clearly above
 * this shows nothing about learning; on a dataset where the classes differ only in local lesion
 * structure it sits near 0.5.
 *
 * @returns `auc[plane][i]` for `seeds[i]`.
 * @example
 * ```ts
 * const auc = await untrainedAuc({ data: 'mrnet-demo/data/…', seeds: [0, 1, 2, 3, 4], intensity: 'imagenet' });
 * console.log(auc.sagittal); // five AUCs near 0.5
 * ```
 */
export async function untrainedAuc(o: UntrainedAucOptions): Promise<Record<Plane, number[]>> {
  const ds = await openMRNetDataset(o.data, { split: o.split ?? 'valid', task: 'acl' });
  const labels = ds.items.map((i) => i.label);
  const out = {} as Record<Plane, number[]>;
  for (const plane of o.planes ?? PLANES) {
    // Each exam is read once and scored by every seed's network.
    const nets = o.seeds.map((seed) => createMRNet({ seed }));
    const scores = nets.map(() => [] as number[]);
    try {
      for (const item of ds.items) {
        const v = await readExamPlane(item, plane, { intensity: o.intensity });
        nets.forEach((net, k) => scores[k]!.push(net.predict(v.data, v.shape).logit));
      }
    } finally {
      nets.forEach((n) => n.dispose());
    }
    out[plane] = scores.map((s) => rocAucScore(labels, s));
  }
  return out;
}
