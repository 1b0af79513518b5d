import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@mrnet/options';
import { LockedError } from '@mrnet/options/node';
import { describe, expect, it } from 'vitest';
import { trainPlaneModel } from '../loop/train-plane-model.js';
import type { EpochEndRecord, TrainHandler } from './handler.js';
import { useSyntheticDataset, runOptions } from '../synthetic-dataset.test-support.js';

const fx = useSyntheticDataset('mrnet-engine-', { train: 4, valid: 4, seed: 3 });
const base = runOptions(fx, { plane: 'axial', seed: 1, epochs: 1 });

function metricsTypes(logDir: string): string[] {
  return readFileSync(join(logDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type);
}

describe('training engine and handlers', () => {
  it('runs a user handler after the default ones, with 1-based epochs', async () => {
    const calls: string[] = [];
    const epochs: EpochEndRecord[] = [];
    const mine: TrainHandler = {
      name: 'mine',
      onStart: (_ctx, resumed) => void calls.push(`start ${resumed}`),
      onStep: (_ctx, s) => void calls.push(`${s.phase} ${s.index}`),
      onPhaseEnd: (_ctx, phase) => void calls.push(`end ${phase}`),
      onEpochEnd: (_ctx, e) => void epochs.push({ ...e }),
      onEnd: (_ctx, status) => void calls.push(`done ${status}`),
      close: () => void calls.push('close'),
    };
    const lines: string[] = [];
    const r = await trainPlaneModel(base({ handlers: [mine], onProgress: (e) => e.type === 'line' && lines.push(e.text) }));
    expect(calls).toEqual(['start false', 'train 0', 'train 1', 'train 2', 'train 3', 'end train', 'valid 0', 'valid 1', 'valid 2', 'valid 3', 'end valid', 'done completed', 'close']);
    expect(epochs).toHaveLength(1);
    expect(epochs[0]).toMatchObject({ epoch: 1, best: r.bestEpoch === 1, counter: 0 });
    expect(epochs[0]!.valAuc).toBe(r.history[0]!.valAuc);
    expect(lines.some((l) => l.startsWith('epoch 1/1 | train loss : '))).toBe(true);
    expect(metricsTypes(r.logDir)).toEqual(['start', ...Array<string>(8).fill('step'), 'epoch', 'end']);
  });

  it('has one interrupt path: mid-epoch and between epochs both write `interrupt` to metrics.jsonl and a resume file', async () => {
    for (const at of ['mid-epoch', 'between-epochs'] as const) {
      const ac = new AbortController();
      const o = base({
        epochs: 2,
        signal: ac.signal,
        onProgress: (e) => {
          if (at === 'mid-epoch' && e.type === 'step' && e.phase === 'train' && e.step === 0) ac.abort();
          if (at === 'between-epochs' && e.type === 'epoch') ac.abort();
        },
      });
      const r = await trainPlaneModel(o);
      expect(r.status).toBe('interrupted');
      expect(existsSync(r.resumeFile!)).toBe(true);
      expect(metricsTypes(r.logDir).at(-1)).toBe('interrupt');
    }
  });

  it('a failed checkpoint write (ENOSPC) leaves the previous best model and resume file intact', async () => {
    const o = base({ epochs: 3 });
    let resumeWrites = 0;
    o.checkpointHook = async (kind) => {
      if (kind === 'resume' && ++resumeWrites === 2) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    let snapshot: { resume: Buffer; model: string } | undefined;
    o.onProgress = (e) => {
      // The state on disk just before the second resume write (end of epoch 2).
      if (e.type === 'epoch' && e.epoch === 1) {
        snapshot = { resume: readFileSync(join(o.modelsDir, 'acl', 'axial.resume')), model: readFileSync(join(o.modelsDir, 'acl', 'axial', 'model.json'), 'utf8') };
      }
    };
    await expect(trainPlaneModel(o)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(snapshot).toBeDefined();
    expect(readFileSync(join(o.modelsDir, 'acl', 'axial.resume')).equals(snapshot!.resume)).toBe(true);
    expect(readFileSync(join(o.modelsDir, 'acl', 'axial', 'model.json'), 'utf8')).toBe(snapshot!.model);
    expect(readdirSync(join(o.modelsDir, 'acl')).sort()).toEqual(['axial', 'axial.resume']); // no temp files, lock released
  });

  it('refuses a models or logs folder that cannot be written before training starts', async () => {
    const o = base();
    mkdirSync(join(o.modelsDir, '..'), { recursive: true });
    writeFileSync(o.logdir, 'a file where the logs folder should be');
    let steps = 0;
    const e = await trainPlaneModel({ ...o, onProgress: (ev) => void (ev.type === 'step' && steps++) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toContain(`logs folder ${o.logdir} cannot be written`);
    expect(steps).toBe(0);
    if (process.getuid?.() !== 0) {
      const ro = base();
      mkdirSync(ro.modelsDir, { recursive: true });
      chmodSync(ro.modelsDir, 0o500);
      await expect(trainPlaneModel(ro)).rejects.toThrow(`models folder ${ro.modelsDir} cannot be written`);
      chmodSync(ro.modelsDir, 0o700);
    }
  });

  it('refuses a second run of the same task and plane on the same models folder, takes over a stale lock', async () => {
    const o = base();
    const lock = join(o.modelsDir, 'acl', 'axial.lock');
    mkdirSync(join(o.modelsDir, 'acl'), { recursive: true });
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), since: 'now', what: 'training acl/axial' }));
    const e = await trainPlaneModel(o).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LockedError);
    expect((e as Error).message).toMatch(/training acl\/axial is already running \(pid \d+ on /);
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 30, host: hostname(), since: 'then', what: 'training acl/axial' }));
    const r = await trainPlaneModel(o);
    expect(r.status).toBe('completed');
    expect(existsSync(lock)).toBe(false);
  });
});
