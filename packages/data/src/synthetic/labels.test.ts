import { describe, expect, it } from 'vitest';
import { createRng } from '../random/index.js';
import { labelsOf, MRNET_PREVALENCE, sampleFindings } from './labels.js';

describe('sampleFindings', () => {
  it("matches MRNet's prevalences on a large draw, with consistent labels", () => {
    const n = 40_000;
    const f = sampleFindings(createRng(1), n);
    const labels = f.map(labelsOf);
    const mean = (k: 'abnormal' | 'acl' | 'meniscus'): number => labels.reduce((s, l) => s + l[k], 0) / n;
    // 4 standard errors of a proportion near 0.5 at n = 40 000 is 0.01.
    expect(Math.abs(mean('abnormal') - MRNET_PREVALENCE.abnormal)).toBeLessThan(0.01);
    expect(Math.abs(mean('acl') - MRNET_PREVALENCE.acl)).toBeLessThan(0.01);
    expect(Math.abs(mean('meniscus') - MRNET_PREVALENCE.meniscus)).toBeLessThan(0.01);
    for (const l of labels) {
      if (l.acl || l.meniscus) expect(l.abnormal).toBe(1);
    }
    // Abnormal-only exams (an extra finding, no tear) exist.
    expect(f.some((x) => x.other && !x.acl && !x.meniscus)).toBe(true);
    // Extra findings are as frequent with as without an ACL tear (no global brightness cue to the label).
    const rate = (acl: boolean): number => f.filter((x) => x.acl === acl && x.other).length / f.filter((x) => x.acl === acl).length;
    expect(Math.abs(rate(true) - rate(false))).toBeLessThan(0.025);
  });

  it('gives every task a positive and a negative in any split of ≥ 4 exams', () => {
    for (let seed = 0; seed < 300; seed++) {
      const count = 4 + (seed % 5);
      const labels = sampleFindings(createRng(seed), count).map(labelsOf);
      for (const k of ['abnormal', 'acl', 'meniscus'] as const) {
        expect(labels.some((l) => l[k] === 1)).toBe(true);
        expect(labels.some((l) => l[k] === 0)).toBe(true);
      }
    }
  });

  it('is deterministic for a seed', () => {
    expect(sampleFindings(createRng(4), 50)).toEqual(sampleFindings(createRng(4), 50));
    expect(sampleFindings(createRng(4), 50)).not.toEqual(sampleFindings(createRng(5), 50));
  });
});
