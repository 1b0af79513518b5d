import * as tf from '@tensorflow/tfjs-core';
import type { Volume } from '@mrnet/data';
import { type MRNet } from '@mrnet/model';
import { SliceParallelMRNet, sliceParallelSupported } from '@mrnet/model/node';
import type { Adam } from '../optim/adam.js';
import { evalStep, examLoss, sigmoid, trainStep, type StepOutput } from '../loop/steps.js';

/**
 * Runs the training loop's per-exam work — a training step (forward, class-weighted loss,
 * backward, Adam update) or an evaluation step — on this thread, or split over the slices of the
 * exam by a {@link SliceParallelMRNet} with the same numbers. The loop swaps `trainStep` for
 * `stepper.train` and `evalStep` for `stepper.eval`. @internal
 */
export interface ExamStepper {
  /** Compute threads per exam (1 = this thread). */
  readonly workers: number;
  train(volume: Volume, label: number, weight: number, exam: string): Promise<StepOutput>;
  eval(volume: Volume, label: number, weight: number, exam: string): Promise<StepOutput>;
  /** Stops the worker threads (the net and optimiser are the caller's). */
  dispose(): Promise<void>;
}

/**
 * An {@link ExamStepper} for `net` and `adam` with `workers` compute threads per exam. With
 * `workers` ≤ 1, or on a backend other than wasm/cpu, everything stays on this thread. @internal
 */
export async function createExamStepper(net: MRNet, adam: Adam, workers: number): Promise<ExamStepper> {
  if (workers <= 1 || !sliceParallelSupported()) {
    return {
      workers: 1,
      train: async (volume, label, weight) => trainStep(net, adam, volume, label, weight),
      eval: async (volume, label, weight) => evalStep(net, volume, label, weight),
      dispose: async () => {},
    };
  }
  const pool = await SliceParallelMRNet.create(net, { workers });
  return {
    workers,
    async train(volume, label, weight, exam) {
      const r = await pool.trainStep(volume, (z) => examLoss(z, label, weight), exam);
      try {
        tf.tidy(() => adam.step(r.grads)); // as trainStep: Adam's first step makes temporaries
      } finally {
        tf.dispose(r.grads);
      }
      return { loss: r.loss, probability: sigmoid(r.logit), logit: r.logit };
    },
    async eval(volume, label, weight, exam) {
      const logit = await pool.forward(volume, exam);
      const loss = tf.tidy(() => examLoss(tf.scalar(logit), label, weight).dataSync()[0]!);
      return { loss, probability: sigmoid(logit), logit };
    },
    dispose: () => pool.dispose(),
  };
}
