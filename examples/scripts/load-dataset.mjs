#!/usr/bin/env node
// Load a dataset with @mrnet/data: generate a tiny synthetic MRNet-v1.0 folder, check it, open one
// task's training split and read an exam (the calls of the "Reading MRNet data" guide).
// Usage: node examples/scripts/load-dataset.mjs [DIR]   (default: a new temporary folder, removed after)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticMRNet, inspectDataset, openMRNetDataset, readExam, readExamPlane } from '@mrnet/data/node';

const given = process.argv[2];
const root = given ?? join(mkdtempSync(join(tmpdir(), 'mrnet-example-')), 'data');
try {
  const made = await generateSyntheticMRNet({ out: root, train: 8, valid: 4, slices: 4, size: 64, seed: 1 });
  console.log(`synthetic dataset: ${made.files} files in ${made.out}`);

  const { ok, summary, problems } = await inspectDataset(root);
  if (!ok) throw new Error(`inspectDataset found problems:\n${problems.join('\n')}`);
  console.log(`inspect: ok, ${summary.splits.train.exams} train + ${summary.splits.valid.exams} valid exams`);

  const ds = await openMRNetDataset(root, { split: 'train', task: 'acl' });
  console.log(`acl train: ${ds.items.length} exams, class weights [${ds.classWeights.map((w) => w.toFixed(3)).join(', ')}]`);

  const item = ds.items[0];
  const sagittal = await readExamPlane(item, 'sagittal');
  console.log(`exam ${item.id} (label ${item.label}): sagittal ${sagittal.shape.join('×')} float32`);
  const exam = await readExam(item, { intensity: 'stanford' });
  console.log(`all planes, stanford intensity: ${Object.entries(exam).map(([p, v]) => `${p} ${v.shape.join('×')}`).join(', ')}`);
} finally {
  if (!given) rmSync(join(root, '..'), { recursive: true, force: true });
}
