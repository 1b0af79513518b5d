import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../loop/train-events.js';
import { formatDuration } from './format-duration.js';
import { ProgressDisplay } from './progress-display.js';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { write: (s: string) => void chunks.push(s), isTTY, columns: 200 } };
}

const start: TrainEvent = { type: 'start', task: 'acl', plane: 'axial', epochs: 10, trainSize: 60, validSize: 30, logDir: 'logs/x', resumedAt: null };
const step = (s: number, elapsed: number): TrainEvent => ({
  type: 'step', phase: 'train', epoch: 2, epochs: 10, step: s, steps: 60, loss: 0.5, meanLoss: 0.61, auc: 0.7, lr: 1e-5, elapsed,
});

describe('ProgressDisplay', () => {
  it('prints only the seed lines when not on a terminal, prefixed by plane when there are several', () => {
    const one = sink(false);
    const d1 = new ProgressDisplay({ rows: ['axial'], stream: one.stream });
    d1.update('axial', start);
    d1.update('axial', step(0, 1));
    d1.update('axial', { type: 'line', text: 'train loss : 0.6 | …' });
    d1.close();
    expect(one.chunks).toEqual(['train loss : 0.6 | …\n']);
    const many = sink(false);
    const d3 = new ProgressDisplay({ rows: ['axial', 'sagittal'], stream: many.stream });
    d3.update('sagittal', { type: 'line', text: 'hello' });
    d3.update('axial', { type: 'checkpoint', kind: 'best', path: 'models/acl/axial', epoch: 0 });
    expect(many.chunks).toEqual(['[sagittal] hello\n', '[axial] best model (epoch 1) saved to models/acl/axial\n']);
    expect(() => d3.update('coronal', start)).toThrow(RangeError);
  });

  it('shows one status row per plane with a bar and ETAs computed from the step rate', () => {
    const d = new ProgressDisplay({ rows: ['axial', 'sagittal'], stream: sink(true).stream });
    d.update('axial', start);
    d.update('axial', step(29, 30)); // 30 of 60 train steps in 30 s: 1 s/step
    // Epoch left: 30 train steps + 30 valid steps at a third of the cost = 40 s; then 7 more epochs of 70 s.
    expect(d.statusLine('axial')).toBe(`axial     epoch 3/10 train ${'█'.repeat(10)}${'░'.repeat(10)} 30/60 loss 0.6100 auc 0.7000 | ETA epoch 40s, run ≤8m50s`);
    expect(d.statusLine('sagittal')).toBe('sagittal  starting');
    d.update('sagittal', { type: 'end', status: 'completed', seconds: 3725 });
    expect(d.statusLine('sagittal')).toBe('sagittal  completed in 1h02m');
  });

  it('redraws the rows in place on a terminal, with lines scrolling above them', () => {
    let t = 0;
    const out = sink(true);
    const d = new ProgressDisplay({ rows: ['axial'], stream: out.stream, now: () => t });
    d.update('axial', start);
    out.chunks.length = 0;
    t = 200;
    d.update('axial', step(0, 1));
    t = 250;
    d.update('axial', step(1, 2)); // throttled
    expect(out.chunks.length).toBe(1);
    expect(out.chunks[0]!.startsWith('\x1b[1A\x1b[0J')).toBe(true);
    d.print('a line');
    expect(out.chunks[1]).toBe('\x1b[1A\x1b[0Ja line\n');
    expect(out.chunks[2]).toMatch(/^axial {2}epoch 3\/10/);
  });

  it('off a terminal, prints a progress line every tenth of a phase and at least every 30 s', () => {
    let t = 0;
    const out = sink(false);
    const d = new ProgressDisplay({ rows: ['axial'], stream: out.stream, now: () => t });
    d.update('axial', start);
    // 60 steps of 1 s each: a line at steps 6, 12, … 60 (each tenth), none in between.
    for (let s = 0; s < 60; s++) {
      t = (s + 1) * 1000;
      d.update('axial', step(s, s + 1));
    }
    expect(out.chunks).toHaveLength(10);
    expect(out.chunks[0]).toMatch(/^axial {2}epoch 3\/10 train 6\/60 loss 0\.6100 auc 0\.7000 \| ETA epoch \S+, run ≤\S+\n$/);
    expect(out.chunks[9]).toMatch(/^axial {2}epoch 3\/10 train 60\/60 /);

    // A slow phase (one step per 20 s, 1000 steps): a line every 30 s although no tenth is reached.
    const slow = sink(false);
    t = 0;
    const d2 = new ProgressDisplay({ rows: ['axial'], stream: slow.stream, now: () => t });
    d2.update('axial', start);
    const slowStep = (s: number): TrainEvent => ({ ...(step(s, 20 * (s + 1)) as Extract<TrainEvent, { type: 'step' }>), steps: 1000 });
    for (let s = 0; s < 6; s++) {
      t = 20_000 * (s + 1);
      d2.update('axial', slowStep(s));
    }
    // Steps end at 20, 40, 60, 80, 100, 120 s: printed at 40 (≥ 30 s after 0), 80 and 120.
    expect(slow.chunks.map((c) => c.match(/ (\d+)\/1000 /)![1])).toEqual(['2', '4', '6']);
  });

  it('formats durations', () => {
    expect([0, 59.4, 60, 185, 3599, 3600, 7322].map(formatDuration)).toEqual(['0s', '59s', '1m00s', '3m05s', '59m59s', '1h00m', '2h02m']);
    expect(formatDuration(NaN)).toBe('?');
  });
});
