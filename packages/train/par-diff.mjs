const { initBackend } = await import('/work/wt/par/packages/model/dist/index.js');
const { trainPlaneModel } = await import('/work/wt/par/packages/train/dist/index.js');
const { generateSyntheticMRNet } = await import('/work/wt/par/packages/data/dist/index.js');
await initBackend('wasm');
await generateSyntheticMRNet({ out: '/tmp/par-syn2', train: 4, valid: 3, slices: 4, size: 64, seed: 21 });
const flat = (w) => [...w.features.flatMap((c) => [c.kernel, c.bias]), w.classifier.weight, Float32Array.of(w.classifier.bias)];
for (const lr of [1e-5, 1e-3]) {
  const o = { dataRoot: '/tmp/par-syn2', task: 'acl', plane: 'sagittal', epochs: 3, lr, pretrained: 'none', seed: 5, workers: 0, modelsDir: '/tmp/par-d/m', logdir: '/tmp/par-d/l' };
  const a = await trainPlaneModel({ ...o, sliceWorkers: 1 });
  const b = await trainPlaneModel({ ...o, sliceWorkers: 2 });
  const A = flat(a.weights), B = flat(b.weights);
  const rows = A.map((x, i) => { let d = 0, m = 0, e = 0; for (let j = 0; j < x.length; j++) { d = Math.max(d, Math.abs(x[j] - B[i][j])); m = Math.max(m, Math.abs(x[j])); e = Math.max(e, Math.abs(x[j] - B[i][j]) / Math.max(1e-3, Math.abs(x[j]))); } return [i, d.toExponential(2), m.toExponential(2), (d / m).toExponential(2), e.toExponential(2)]; });
  console.log('lr', lr, 'best', a.bestEpoch, b.bestEpoch, JSON.stringify(a.history.map(h=>[h.trainLoss,h.valLoss,h.valAuc])), JSON.stringify(b.history.map(h=>[h.trainLoss,h.valLoss,h.valAuc])));
  for (const r of rows) console.log(r.join(' '));
}
