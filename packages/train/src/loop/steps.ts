import * as tf from '@tensorflow/tfjs-core';
import type { Volume } from '@mrnet/data';
import type { MRNet } from '@mrnet/model';
import { weightedBceWithLogits } from '../loss/weighted-bce-with-logits.js';
import type { Adam } from '../optim/adam.js';

/** Loss and predicted probability of one exam. @internal */
export interface StepOutput {
  loss: number;
  probability: number;
  logit: number;
}

/** The seed's class-weighted BCE of one exam's logit. @internal */
export function examLoss(logit: tf.Scalar, label: number, weight: number): tf.Scalar {
  return weightedBceWithLogits(tf.reshape(logit, [1]), [label], [weight]);
}

function lossOf(net: MRNet, volume: tf.Tensor3D, label: number, weight: number): { loss: tf.Scalar; logit: tf.Scalar } {
  const logit = net.forward(volume);
  return { loss: examLoss(logit, label, weight), logit };
}

/** @internal */
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Reads loss and logit asynchronously (the only read WebGPU has under Node), then frees them.
 */
async function readOut(loss: tf.Scalar, logit: tf.Scalar): Promise<StepOutput> {
  const [l, z] = await Promise.all([loss.data(), logit.data()]);
  tf.dispose([loss, logit]);
  return { loss: l[0]!, probability: sigmoid(z[0]!), logit: z[0]! };
}

/**
 * One training step of the seed (batch 1): forward, weighted BCE-with-logits, backward, Adam update.
 * No tensor outlives the call. @internal
 */
export async function trainStep(net: MRNet, adam: Adam, volume: Volume, label: number, weight: number): Promise<StepOutput> {
  const { loss, logit } = tf.tidy(() => {
    const x = tf.tensor3d(volume.data, volume.shape);
    let kept: tf.Scalar | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const out = lossOf(net, x, label, weight);
      kept = tf.keep(out.logit);
      return out.loss;
    }, net.variables);
    adam.step(grads);
    return { loss: value, logit: kept! };
  });
  return readOut(loss, logit);
}

/** One evaluation step: forward and weighted loss, no update. @internal */
export async function evalStep(net: MRNet, volume: Volume, label: number, weight: number): Promise<StepOutput> {
  const { loss, logit } = tf.tidy(() => lossOf(net, tf.tensor3d(volume.data, volume.shape), label, weight));
  return readOut(loss, logit);
}
