import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EarlyStopping } from './early-stopping.js';
import { StateFormatError } from '@mrnet/options';

interface Case { name: string; patience: number; valLosses: number[]; expected: Array<{ counter: number; improved: boolean; stop: boolean }> }
const cases = (JSON.parse(readFileSync(new URL('../../fixtures/early_stopping_cases.json', import.meta.url), 'utf8')) as { data: Case[] }).data;

describe('EarlyStopping (the seed\'s iteration_change_loss)', () => {
  it('has cases that stop and cases that do not', () => {
    expect(cases.some((c) => c.expected.at(-1)!.stop)).toBe(true);
    expect(cases.some((c) => !c.expected.at(-1)!.stop)).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))('counts as the seed\'s train.py: %s', (_, c) => {
    const e = new EarlyStopping({ patience: c.patience });
    c.expected.forEach((exp, i) => {
      expect(e.step(c.valLosses[i]!)).toEqual(exp);
    });
    expect(e.shouldStop).toBe(c.expected.at(-1)!.stop);
  });

  it('stays stopped, and resumes from toJSON()', () => {
    const e = new EarlyStopping({ patience: 1 });
    e.step(0.5);
    expect(e.step(0.6).stop).toBe(true);
    expect(e.step(0.4)).toEqual({ improved: true, counter: 0, stop: true });
    const r = EarlyStopping.fromJSON(JSON.parse(JSON.stringify(e)));
    expect([r.best, r.counter, r.shouldStop, r.patience]).toEqual([0.4, 0, true, 1]);
    const fresh = EarlyStopping.fromJSON(JSON.parse(JSON.stringify(new EarlyStopping())));
    expect([fresh.best, fresh.patience]).toEqual([Infinity, 5]);
  });

  it('rejects bad options and state', () => {
    expect(() => new EarlyStopping({ patience: 0 })).toThrow(RangeError);
    expect(() => new EarlyStopping({ patience: '3' as unknown as number })).toThrow(TypeError);
    expect(() => EarlyStopping.fromJSON({ format: 'mrnet.adam' })).toThrow(StateFormatError);
    expect(() => new EarlyStopping().step(undefined as unknown as number)).toThrow(TypeError);
  });
});
