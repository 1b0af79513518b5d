import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau.js';
import { StateFormatError } from '@mrnet/options';

interface Case {
  name: string;
  lr: number;
  options: Record<string, unknown>;
  metrics: Array<number | 'NaN'>;
  lrs: number[];
  numBadEpochs: number[];
  cooldownCounter: number[];
  best: Array<number | string>;
}
const cases = (JSON.parse(readFileSync(new URL('../../fixtures/plateau_cases.json', import.meta.url), 'utf8')) as { data: Case[] }).data;

/** torch keyword arguments → our option names. */
function toOptions(o: Record<string, unknown>): ReduceLROnPlateauOptions {
  const map: Record<string, string> = { threshold_mode: 'thresholdMode', min_lr: 'minLr' };
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [map[k] ?? k, v])) as ReduceLROnPlateauOptions;
}
const metric = (m: number | 'NaN'): number => (m === 'NaN' ? Number.NaN : m);

describe('ReduceLROnPlateau (torch 1.13 semantics)', () => {
  it('covers plateaus, noise, cooldown, min_lr, eps, max/abs modes and NaN', () => {
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(['plateaus', 'noisy', 'cooldown', 'min_lr', 'eps_stops_tiny_reductions', 'max_abs', 'nan_metric']));
    for (const c of cases.filter((k) => k.name !== 'seed_like_rounded')) expect(new Set(c.lrs).size).toBeGreaterThan(1);
  });

  it.each(cases.map((c) => [c.name, c] as const))('gives torch\'s exact lr sequence and counters: %s', (_, c) => {
    const opt = { lr: c.lr };
    const s = new ReduceLROnPlateau(opt, toOptions(c.options));
    c.metrics.forEach((m, i) => {
      expect(s.step(metric(m))).toBe(c.lrs[i]);
      expect(opt.lr).toBe(c.lrs[i]);
      expect(s.numBadEpochs).toBe(c.numBadEpochs[i]);
      expect(s.cooldownCounter).toBe(c.cooldownCounter[i]);
      const b = c.best[i]!;
      expect(s.best).toBe(typeof b === 'string' ? Number(b.replace('inf', 'Infinity')) : b);
    });
    expect(s.lastEpoch).toBe(c.metrics.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))('resumes from toJSON() mid-sequence identically: %s', (_, c) => {
    const opt = { lr: c.lr };
    let s = new ReduceLROnPlateau(opt, toOptions(c.options));
    const half = Math.floor(c.metrics.length / 2);
    c.metrics.slice(0, half).forEach((m) => s.step(metric(m)));
    const resumedOpt = { lr: opt.lr };
    s = ReduceLROnPlateau.fromJSON(JSON.parse(JSON.stringify(s)), resumedOpt);
    c.metrics.slice(half).forEach((m, i) => expect(s.step(metric(m))).toBe(c.lrs[half + i]));
  });

  it('rejects bad options and state', () => {
    expect(() => new ReduceLROnPlateau({ lr: 1 }, { factor: 1 })).toThrow(RangeError);
    expect(() => new ReduceLROnPlateau({ lr: 1 }, { patience: 1.5 })).toThrow(RangeError);
    expect(() => new ReduceLROnPlateau({ lr: 1 }, { mode: 'up' as 'min' })).toThrow(/mode/);
    expect(() => new ReduceLROnPlateau({ lr: 1 }, { verbose: true } as never)).toThrow(TypeError);
    expect(() => new ReduceLROnPlateau({} as never)).toThrow(TypeError);
    const s = new ReduceLROnPlateau({ lr: 1 });
    expect(() => s.step('0.5' as unknown as number)).toThrow(TypeError);
    expect(() => ReduceLROnPlateau.fromJSON({ format: 'x' }, { lr: 1 })).toThrow(StateFormatError);
    expect(() => ReduceLROnPlateau.fromJSON({ ...s.toJSON(), version: 9 }, { lr: 1 })).toThrow(/version 9 is newer than this release reads/);
    expect(() => ReduceLROnPlateau.fromJSON({ ...s.toJSON(), options: { factor: 2 } }, { lr: 1 })).toThrow(StateFormatError);
  });
});
