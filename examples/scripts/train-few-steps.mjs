#!/usr/bin/env node
// Build an MRNet and train it for a few steps with the seed's recipe (weighted BCE-with-logits, Adam
// lr 1e-5 with coupled weight decay 0.1), on a tiny synthetic dataset. trainPlaneModel (@mrnet/train)
// runs the whole loop with validation, checkpoints and logs; this shows the building blocks.
// Usage: node examples/scripts/train-few-steps.mjs [STEPS]   (default 4)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { generateSyntheticMRNet, openMRNetDataset, readExamPlane } from '@mrnet/data/node';
import { createMRNet, initBackend } from '@mrnet/model';
import { Adam, weightedBceWithLogits } from '@mrnet/train';

const steps = Number(process.argv[2] ?? 4);
const dir = mkdtempSync(join(tmpdir(), 'mrnet-example-'));
try {
  await generateSyntheticMRNet({ out: join(dir, 'data'), train: 4, valid: 2, slices: 4, size: 64, seed: 2 });
  const ds = await openMRNetDataset(join(dir, 'data'), { split: 'train', task: 'abnormal' });

  const { backend } = await initBackend('auto');
  console.log(`backend: ${backend}`);
  const net = createMRNet({ seed: 0 }); // PyTorch-default initialisation (no ImageNet download)
  const adam = new Adam(net.variables, { lr: 1e-5, weightDecay: 0.1 });

  for (let step = 0; step < steps; step++) {
    const item = ds.items[step % ds.items.length];
    const volume = await readExamPlane(item, 'sagittal');
    const { value, grads } = tf.variableGrads(() =>
      tf.tidy(() => weightedBceWithLogits(tf.reshape(net.forward(tf.tensor3d(volume.data, volume.shape)), [1]), [item.label], [item.weight])),
    );
    adam.step(grads);
    console.log(`step ${step + 1}: exam ${item.id} label ${item.label} loss ${value.dataSync()[0].toFixed(4)}`);
    value.dispose();
    tf.dispose(grads);
  }
  const first = await readExamPlane(ds.items[0], 'sagittal');
  const { probability } = net.predict(first.data, first.shape);
  console.log(`after ${steps} steps: P(abnormal | exam ${ds.items[0].id}) = ${probability.toFixed(4)}; tensors alive ${tf.memory().numTensors}`);
  adam.dispose();
  net.dispose();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
