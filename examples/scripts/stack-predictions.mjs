#!/usr/bin/env node
// Stack plane predictions: fit the MRNet meta-model (a logistic regression with scikit-learn's
// defaults) on per-exam plane probabilities and labels, then score it on held-out exams with
// ROC AUC and a bootstrap confidence interval. The probabilities here are simulated (seeded) so the
// script runs in a second; `mrnet stack` / fitStack make them from trained plane models.
// Usage: node examples/scripts/stack-predictions.mjs
import { createRng, PLANES } from '@mrnet/data';
import { bootstrapAucCi, rocAucScore } from '@mrnet/metrics';
import { StackedModel } from '@mrnet/stack';

const rng = createRng(7);
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
// Each plane sees the label through its own amount of noise (sagittal is the most informative).
const noise = { axial: 3.2, coronal: 2.8, sagittal: 2.2 };
function exams(n) {
  const labels = [];
  const rows = [];
  for (let i = 0; i < n; i++) {
    const y = rng.next() < 0.3 ? 1 : 0;
    labels.push(y);
    rows.push(Object.fromEntries(PLANES.map((p) => [p, sigmoid(2 * (y - 0.5) * 1.5 + noise[p] * gauss())])));
  }
  return { rows, labels };
}

const train = exams(300);
const valid = exams(120);
const stack = StackedModel.fit(train.rows, train.labels, {
  task: 'acl',
  planeModelHashes: { axial: 'simulated', coronal: 'simulated', sagittal: 'simulated' },
});
console.log(`coefficients (axial, coronal, sagittal): ${stack.coef.map((c) => c.toFixed(3)).join(', ')}; intercept ${stack.intercept.toFixed(3)}`);

for (const p of PLANES) {
  console.log(`${p.padEnd(8)} val AUC ${rocAucScore(valid.labels, valid.rows.map((r) => r[p])).toFixed(3)}`);
}
const stacked = valid.rows.map((r) => stack.predict(r));
const ci = bootstrapAucCi(valid.labels, stacked, { seed: 1 });
console.log(`stacked  val AUC ${ci.auc.toFixed(3)} (95% CI ${ci.lower.toFixed(3)}–${ci.upper.toFixed(3)})`);
const restored = StackedModel.fromJSON(JSON.parse(JSON.stringify(stack)));
console.log(`round trip through JSON: ${restored.predict(valid.rows[0]) === stacked[0] ? 'identical' : 'DIFFERENT'}`);
