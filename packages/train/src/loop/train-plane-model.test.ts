import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { DatasetError } from '@mrnet/data';
import { createLoader, openMRNetDataset, readVolumeFile } from '@mrnet/data/node';
import { rocAucScore } from '@mrnet/metrics';
import { createMRNet, loadMRNetWeights, type MRNetWeights } from '@mrnet/model';
import { describe, expect, it } from 'vitest';
import { MetricsLog } from '../history/metrics-log.js';
import { weightedBceWithLogits } from '../loss/weighted-bce-with-logits.js';
import { readEventFile } from '../tensorboard/read-event-file.js';
import { NoResumeCheckpointError } from '../checkpoint/resume-errors.js';
import { npRound } from './round.js';
import { trainPlaneModel, type TrainResult } from './train-plane-model.js';
import type { TrainEvent } from './train-events.js';
import { useSyntheticDataset, runOptions, weightArrays } from '../synthetic-dataset.test-support.js';

const fx = useSyntheticDataset('mrnet-train-loop-', { train: 4, valid: 4, seed: 3 });
const base = runOptions(fx, { plane: 'sagittal', seed: 5 });

function flat(w: MRNetWeights): Float32Array {
  const parts = weightArrays(w);
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function eventsOf(logDir: string) {
  const file = readdirSync(logDir).find((f) => f.startsWith('events.out.tfevents.'))!;
  return readEventFile(join(logDir, file));
}

describe('trainPlaneModel', () => {
  it('runs the seed procedure: rounded epoch figures from its own steps, the seed tags, best model with metadata', async () => {
    const events: TrainEvent[] = [];
    const before = tf.memory().numTensors;
    const o = base({ epochs: 2, lr: 1e-4, augment: false, logEvery: 2, onProgress: (e) => events.push(e) });
    const r = await trainPlaneModel(o);
    expect(tf.memory().numTensors).toBe(before);
    expect(r.status).toBe('completed');
    expect(r.history.map((h) => h.epoch)).toEqual([1, 2]);

    const records = MetricsLog.read(join(r.logDir, 'metrics.jsonl'));
    const steps = records.filter((x) => x['type'] === 'step');
    const train = await openMRNetDataset(fx.data, { split: 'train', task: 'acl' });
    const valid = await openMRNetDataset(fx.data, { split: 'valid', task: 'acl' });
    expect(steps.length).toBe(2 * (train.items.length + valid.items.length));
    for (const h of r.history) {
      const of = (phase: string) => steps.filter((s) => s['phase'] === phase && s['epoch'] === h.epoch);
      const tr = of('train');
      const va = of('valid');
      const m = (xs: Record<string, unknown>[]) => xs.reduce((a, s) => a + (s['loss'] as number), 0) / xs.length;
      expect(h.trainLoss).toBe(npRound(m(tr)));
      expect(h.valLoss).toBe(npRound(m(va)));
      expect(h.valAuc).toBe(npRound(rocAucScore(va.map((s) => s['label'] as number), va.map((s) => s['probability'] as number))));
      expect(h.trainAuc).toBe(npRound(rocAucScore(tr.map((s) => s['label'] as number), tr.map((s) => s['probability'] as number))));
      // every exam once per epoch, with the split's own class weight in its loss
      expect(tr.map((s) => s['id']).sort()).toEqual(train.items.map((i) => i.id).sort());
    }

    // The first step is the loss of a freshly initialised model on the first exam of the seeded order.
    const first = createLoader({ items: train.items, plane: 'sagittal', shuffle: true, seed: 5, workers: 0 }).order(0)[0]!;
    expect(steps[0]!['id']).toBe(first.id);
    const vol = await readVolumeFile(first.paths.sagittal);
    const net = createMRNet({ seed: 5 });
    const expected = tf.tidy(() => weightedBceWithLogits(tf.reshape(net.forward(tf.tensor3d(vol.data, vol.shape)), [1]), [first.label], [first.weight]).dataSync()[0]!);
    net.dispose();
    expect(steps[0]!['loss'] as number).toBeCloseTo(expected, 5);
    expect(first.weight).toBe(train.classWeights[first.label]);

    // TensorBoard: file_version first, the seed's tags and steps, epoch tags at the epoch.
    const ev = eventsOf(r.logDir);
    expect(ev[0]!.fileVersion).toBe('brain.Event:2');
    const byTag = (tag: string) => ev.filter((e) => e.scalars?.[0]?.tag === tag).map((e) => e.step);
    const n = train.items.length;
    const nv = valid.items.length;
    expect(byTag('Train/Loss')).toEqual(Array.from({ length: 2 * n }, (_, i) => i));
    expect(byTag('Train/AUC')).toEqual(Array.from({ length: 2 * n }, (_, i) => i));
    expect(byTag('Val/Loss')).toEqual(Array.from({ length: 2 * nv }, (_, i) => i));
    expect(byTag('Train/AUC_epoch')).toEqual([0, 1]);
    expect(byTag('Val/AUC_epoch')).toEqual([0, 1]);
    const valEpoch = ev.filter((e) => e.scalars?.[0]?.tag === 'Val/AUC_epoch').map((e) => npRound(e.scalars![0]!.value));
    expect(valEpoch).toEqual(r.history.map((h) => h.valAuc));

    // Best model: the first epoch with a strictly higher val AUC than all before (starting from 0).
    let best = 0;
    let bestEpoch = 0;
    for (const h of r.history) if (h.valAuc > best) [best, bestEpoch] = [h.valAuc, h.epoch];
    expect(r.bestEpoch).toBe(bestEpoch);
    if (bestEpoch > 0) {
      const { metadata } = await loadMRNetWeights(join(o.modelsDir, 'acl', 'sagittal'));
      expect(metadata).toMatchObject({ task: 'acl', plane: 'sagittal', inputNormalisation: 'none', bestEpoch, valAuc: best });
      expect(metadata.trainAuc).toBe(r.history[bestEpoch - 1]!.trainAuc);
      expect(metadata.valLoss).toBe(r.history[bestEpoch - 1]!.valLoss);
      expect(typeof metadata.packageVersion).toBe('string');
    }
    expect(readFileSync(join(r.logDir, 'curves.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(existsSync(join(o.modelsDir, 'acl', 'sagittal.resume'))).toBe(false);

    // Console lines like the seed's.
    const lines = events.filter((e) => e.type === 'line').map((e) => (e as { text: string }).text);
    expect(lines.filter((l) => l.startsWith(`[Epoch: 1 / 2 |Single batch number : 2 / ${n} ]| avg train loss `)).length).toBe(1);
    expect(lines.filter((l) => /^epoch [12]\/2 \| train loss : [\d.]+ \| train auc [\d.]+ \| val loss [\d.]+ \| val auc [\d.]+ \| elapsed time [\d.]+ s$/.test(l)).length).toBe(2);
    expect(events.filter((e) => e.type === 'epoch').length).toBe(2);
  });

  it('stops early exactly when the seed would (counter reset on strict val-loss improvement)', async () => {
    const r = await trainPlaneModel(base({ epochs: 5, patience: 1, lr: 3e-3, lrScheduler: false, augment: false }));
    let bestLoss = Infinity;
    let stopAt = 5;
    for (const h of r.history) {
      if (!(h.valLoss < bestLoss)) {
        stopAt = h.epoch;
        break;
      }
      bestLoss = h.valLoss;
    }
    expect(r.history.length).toBe(stopAt);
    expect(r.status).toBe(stopAt < 5 || !(r.history[4]!.valLoss < Math.min(...r.history.slice(0, 4).map((h) => h.valLoss))) ? 'early-stopped' : 'completed');
  });

  it('resumes after interruptions (mid-train and mid-valid) to the same weights as an uninterrupted run', async () => {
    const opts = { epochs: 2, lr: 1e-4, augment: true } as const;
    const full = await trainPlaneModel(base(opts));

    const o = base(opts);
    const stopAt = (phase: string, epoch: number, step: number) => {
      const ac = new AbortController();
      return {
        signal: ac.signal,
        onProgress: (e: TrainEvent) => {
          if (e.type === 'step' && e.phase === phase && e.epoch === epoch && e.step === step) ac.abort();
        },
      };
    };
    const r1 = await trainPlaneModel({ ...o, ...stopAt('valid', 0, 1) });
    expect(r1.status).toBe('interrupted');
    expect(existsSync(r1.resumeFile!)).toBe(true);
    const r2 = await trainPlaneModel({ ...o, resume: true, ...stopAt('train', 1, 2) });
    expect(r2.status).toBe('interrupted');
    expect(r2.logDir).toBe(r1.logDir);
    const r3: TrainResult = await trainPlaneModel({ ...o, resume: true });
    expect(r3.status).toBe('completed');
    expect(Buffer.from(flat(r3.weights).buffer).equals(Buffer.from(flat(full.weights).buffer))).toBe(true);
    expect(r3.history.map(({ seconds: _s, ...h }) => h)).toEqual(full.history.map(({ seconds: _s, ...h }) => h));
    expect(r3.resumeFile).toBeNull();
    expect(existsSync(join(o.modelsDir, 'acl', 'sagittal.resume'))).toBe(false);
    // The resumed run continued the same logs: every train step logged exactly once.
    const ev = eventsOf(r1.logDir);
    expect(ev.length).toBeGreaterThan(0);
    const all = readdirSync(r1.logDir).filter((f) => f.startsWith('events.out.tfevents.')).flatMap((f) => readEventFile(join(r1.logDir, f)));
    const trainSteps = all.filter((e) => e.scalars?.[0]?.tag === 'Train/Loss').map((e) => e.step).sort((a, b) => a - b);
    expect(trainSteps).toEqual(Array.from({ length: 8 }, (_, i) => i));
  }, 240_000);

  it('rejects bad input before writing anything; flushHistory removes earlier runs of that task+plane only', async () => {
    await expect(trainPlaneModel({ ...base(), epochs: 0 })).rejects.toThrow(RangeError);
    await expect(trainPlaneModel({ ...base(), lr: '1e-5' as never })).rejects.toThrow(TypeError);
    await expect(trainPlaneModel({ ...base(), plane: 'front' as never })).rejects.toThrow(RangeError);
    const o = base({ dataRoot: join(fx.root, 'nope') });
    await expect(trainPlaneModel(o)).rejects.toThrow(DatasetError);
    expect(existsSync(o.modelsDir) || existsSync(o.logdir)).toBe(false);
    await expect(trainPlaneModel({ ...base(), resume: true })).rejects.toThrow(NoResumeCheckpointError);

    const f = base({ epochs: 1, saveModel: false });
    const keepOther = join(f.logdir, 'acl', 'axial', 'old');
    const old = join(f.logdir, 'acl', 'sagittal', 'old');
    const file = join(f.logdir, 'acl', 'sagittal', 'notes.txt');
    for (const d of [keepOther, old]) mkdirSync(d, { recursive: true });
    writeFileSync(file, 'x');
    const r = await trainPlaneModel({ ...f, flushHistory: true });
    expect(existsSync(old)).toBe(false);
    expect(existsSync(keepOther) && existsSync(file) && existsSync(r.logDir)).toBe(true);
    expect(r.modelDir).toBeNull();
    expect(existsSync(join(f.modelsDir, 'acl', 'sagittal'))).toBe(false);
  });
});
