import type { Rng } from '../random/index.js';

/**
 * MRNet-v1.0 training-set prevalences (Bien et al. 2018): abnormal, ACL tear, meniscal tear. The
 * synthetic generator samples labels with these rates.
 *
 * @example
 * ```ts
 * import { MRNET_PREVALENCE } from '@mrnet/data';
 * MRNET_PREVALENCE.acl; // 0.233
 * ```
 */
export const MRNET_PREVALENCE = { abnormal: 0.806, acl: 0.233, meniscus: 0.371 } as const;

/** The findings of one synthetic exam; its three labels follow from them. @internal */
export interface SyntheticFindings {
  acl: boolean;
  meniscus: boolean;
  /** An extra finding (effusion or bone bruise) that makes an exam abnormal on its own. */
  other: boolean;
}

/** `abnormal` = any finding; ACL and meniscal tears imply abnormal. @internal */
export function labelsOf(f: SyntheticFindings): { abnormal: 0 | 1; acl: 0 | 1; meniscus: 0 | 1 } {
  return { abnormal: f.acl || f.meniscus || f.other ? 1 : 0, acl: f.acl ? 1 : 0, meniscus: f.meniscus ? 1 : 0 };
}

/**
 * Samples consistent findings with MRNet's prevalences: ACL and meniscal tears independently
 * (23.3 %, 37.1 %), then an extra finding (effusion or bone bruise) independently of both, with the
 * probability that brings `abnormal` to 80.6 %: 1 − 0.194 / ((1 − 0.233)(1 − 0.371)) ≈ 0.60.
 * Independence matters: were the extra findings rarer alongside a tear (as in generator v2), ACL
 * negatives would be brighter on average, a global cue that even an untrained network picks up.
 * When `count ≥ 4`, every task is made to have at least one positive and one negative exam (small
 * splits stay usable for AUC). @internal
 */
export function sampleFindings(rng: Rng, count: number): SyntheticFindings[] {
  const { abnormal, acl, meniscus } = MRNET_PREVALENCE;
  const pOther = 1 - (1 - abnormal) / ((1 - acl) * (1 - meniscus));
  const out: SyntheticFindings[] = [];
  for (let i = 0; i < count; i++) {
    const a = rng.next() < acl;
    const m = rng.next() < meniscus;
    const u = rng.next();
    out.push({ acl: a, meniscus: m, other: u < pOther });
  }
  if (count < 4) return out;
  const used = new Set<number>();
  const pick = (): number => {
    const free = out.map((_, i) => i).filter((i) => !used.has(i));
    const i = free[rng.int(free.length)]!;
    used.add(i);
    return i;
  };
  const normal = out.findIndex((f) => !f.acl && !f.meniscus && !f.other);
  if (normal < 0) out[pick()] = { acl: false, meniscus: false, other: false };
  else used.add(normal); // also the negative of acl and meniscus
  const aclPos = out.findIndex((f, i) => f.acl && !used.has(i));
  if (aclPos < 0) out[pick()]!.acl = true; // also the positive of abnormal
  else used.add(aclPos);
  const menPos = out.findIndex((f, i) => f.meniscus && !used.has(i));
  if (menPos < 0) out[pick()]!.meniscus = true;
  return out;
}
