#!/usr/bin/env node
// Measures where MRNet's class activation maps point, against where the lesion really is.
//
// 1. A synthetic MRNet-v1.0 dataset (`generateSyntheticMRNet`, which writes every lesion's per-slice
//    mask to lesions/{split}/{id}.json) — made in --data unless it is already there.
// 2. An ACL model on one plane (default sagittal), loaded from {--models}/acl/{plane}/ when it is
//    there (e.g. written by `mrnet train`), else trained here: the seed's procedure at batch 1
//    (weighted BCE-with-logits, Adam from @mrnet/train), best validation AUC kept and saved there.
// 3. For every positive validation exam whose plane shows the tear: `classActivationMaps` (bilinear,
//    joint scaling), then
//      peak-in-tear  — the peak of the CAM over the whole series (all slices, jointly scaled) lies
//                      inside the tear mask of that slice;
//      IoU           — on the slice where the tear is largest, the top-decile CAM area (the 10 % of
//                      pixels with the highest CAM) against the tear mask.
//    and diagnostics: which slice wins (decisive vs tear slices), the peak on the tear's own slice,
//    distance from the peak to the tear, IoU of the ≥ 0.9·max region, the best IoU any 10 % region
//    could reach, and the same numbers for the untrained network (a baseline).
//
// Usage: npm run build && node tools/measure-cam.mjs --data /tmp/cam/synth --models /tmp/cam/models
//        [--train 120] [--valid 60] [--slices 16] [--size 128] [--plane sagittal] [--epochs 8]
//        [--lr 1e-4] [--seed 0] [--backend wasm] [--retrain] [--json FILE]
//
// Measured (2-core CPU, wasm), synthetic generator v2 (an ACL tear is a break in the band inside a
// bright oedema halo; its mask covers ~4–8 % of a slice), model trained by our own `mrnet train`:
//   mrnet synth --out S --train 60 --valid 30 --slices 16 --size 128
//   mrnet train --data S -t acl -p sagittal --pretrained none --backend wasm --lr 1e-4 \
//     --weight_decay 0 --intensity imagenet --epochs 8 --models M      (best: epoch 5, val AUC 1.000)
//   node tools/measure-cam.mjs --data S --models M
//   9 positive validation exams (read with the model's imagenet normalisation): peak in tear 100 %
//   (target ≥ 80 %), top-decile IoU 0.412 (target ≥ 0.3; a 10 % area can reach at most 0.502 with
//   these tears), decisive slice is a tear slice 100 %; the untrained network on the same exams:
//   0 %, 0.000, 0 %.
//
// Measured again on synthetic generator v3 (every knee has the oedema; a tear is the break in the
// band with its fibres bunched into a dark stump in front of it), 2-core CPU, sagittal model
// trained by the seed's PyTorch MRNet with the demo's input normalisation (TensorFlow.js training
// at 128 px takes far longer on a small shared CPU):
//   mrnet synth --out S --train 60 --valid 30 --slices 16 --size 128
//   /usr/bin/python3 tools/measure-cam-train.py --data S --out S.pth --epochs 10 --threads 2 \
//     --intensity imagenet --keep last          (val AUC 1.000 from epoch 4; train loss 0.0006 at 10)
//   node tools/measure-cam.mjs --data S --models M --checkpoint S.pth --intensity imagenet
//   9 positive validation exams: peak in tear 11 %, top-decile IoU 0.041, decisive slice is a tear
//   slice 100 %, the slice of the CAM peak is a tear slice 100 %, median distance from the peak to
//   the tear on its own slice 22.0 px (half a 43-px CAM cell); untrained: 0 %, 0.000, 33 %, 0 %,
//   59.1 px. The trained network finds the tear's slices every time and points next to the tear,
//   not into its mask. With --keep best (epoch 4, train loss 1.13, the network barely past chance
//   in its logits): 0 %, 0.010, 56 %. At 256 px (7×7 CAM cells) the same 10 epochs train unstably
//   (train loss 1.15 at the end though val AUC 1.000) and the CAMs say nothing: 0 %, 0.000, 0 %.
// Resolution: at 128 px the CAM grid is 3×3 (a 32-px feature stride), so the maps localise a
// lesion of realistic extent (the torn segment with its oedema), not a pixel-sized gap; with
// generator v1's ~57-px gaps the same measurement gave 0 % and 0.018.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (pkg) => join(root, 'packages', pkg, 'dist', 'index.js');
const { values: a } = parseArgs({
  options: {
    data: { type: 'string', default: 'cam-measure/data' },
    models: { type: 'string', default: 'cam-measure/models' },
    train: { type: 'string', default: '120' },
    valid: { type: 'string', default: '60' },
    slices: { type: 'string', default: '16' },
    size: { type: 'string', default: '128' },
    plane: { type: 'string', default: 'sagittal' },
    epochs: { type: 'string', default: '8' },
    lr: { type: 'string', default: '1e-4' },
    seed: { type: 'string', default: '0' },
    backend: { type: 'string', default: 'wasm' },
    retrain: { type: 'boolean', default: false },
    checkpoint: { type: 'string' },
    // Input normalisation the --checkpoint was trained with (tools/measure-cam-train.py --intensity).
    intensity: { type: 'string', default: 'none' },
    shifts: { type: 'string', default: '1' },
    json: { type: 'string' },
  },
  strict: true,
});
const plane = a.plane;
const seed = Number(a.seed);
const log = (s) => process.stderr.write(`measure-cam: ${s}\n`);

// Node-only functions (files, datasets, saving) are in each package's /node entry.
const distNode = (pkg) => join(root, 'packages', pkg, 'dist', 'node', 'index.js');
const data = { ...(await import(dist('data'))), ...(await import(distNode('data'))) };
const model = { ...(await import(dist('model'))), ...(await import(distNode('model'))) };
const train = await import(dist('train'));
const { rocAucScore } = await import(dist('metrics'));
const backend = await model.initBackend(a.backend);
log(`backend ${backend.backend}`);

// 1. dataset
if (!existsSync(join(a.data, 'dataset.json'))) {
  log(`generating ${a.train} + ${a.valid} exams (${a.size} px) in ${a.data}`);
  await data.generateSyntheticMRNet({ out: a.data, train: Number(a.train), valid: Number(a.valid), slices: Number(a.slices), size: Number(a.size), seed });
}
const trainSet = await data.openMRNetDataset(a.data, { split: 'train', task: 'acl' });
const validSet = await data.openMRNetDataset(a.data, { split: 'valid', task: 'acl' });
// Exams are read with the input normalisation the model was trained with (model.json metadata).
let intensity = 'none';
const read = (item) => data.readExamPlane(item, plane, { intensity });

// 2. model
const modelDir = join(a.models, 'acl', plane);
let net;
let meta;
const evaluate = async (m) => {
  const p = [];
  for (const item of validSet.items) {
    const v = await read(item);
    p.push(m.predict(v.data, v.shape).probability);
  }
  return rocAucScore(validSet.items.map((i) => i.label), p);
};
if (a.checkpoint) {
  // Weights trained elsewhere (tools/measure-cam-train.py: the seed's PyTorch MRNet), imported as is.
  const weights = model.mrnetWeightsFromCheckpoint(new Uint8Array(await readFile(a.checkpoint)));
  net = model.createMRNet({ weights });
  intensity = a.intensity;
  meta = { task: 'acl', plane, inputNormalisation: intensity, valAuc: await evaluate(net), trainedBy: `PyTorch (${a.checkpoint})` };
  await model.saveMRNet(net, modelDir, meta);
  log(`imported ${a.checkpoint} into ${modelDir} (val AUC here ${meta.valAuc.toFixed(4)})`);
} else if (existsSync(join(modelDir, 'model.json')) && !a.retrain) {
  ({ model: net, metadata: meta } = await model.loadMRNet(modelDir));
  if (meta.task !== 'acl' || meta.plane !== plane) throw new Error(`${modelDir}: model is for ${meta.task}/${meta.plane}, not acl/${plane}`);
  intensity = meta.inputNormalisation ?? 'none';
  log(`loaded ${modelDir} (val AUC ${meta.valAuc}, input normalisation ${intensity})`);
} else {
  net = model.createMRNet({ seed });
  const adam = new train.Adam(net.variables, { lr: Number(a.lr) });
  let best = { auc: -1, epoch: 0, weights: null };
  const order = trainSet.items.map((_, i) => i);
  const rng = data.createRng(seed);
  for (let epoch = 1; epoch <= Number(a.epochs); epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const t0 = Date.now();
    let lossSum = 0;
    for (const [k, idx] of order.entries()) {
      const item = trainSet.items[idx];
      const vol = await read(item);
      lossSum += tf.tidy(() => {
        const x = tf.tensor3d(vol.data, vol.shape);
        const { value, grads } = tf.variableGrads(() => train.weightedBceWithLogits(tf.reshape(net.forward(x), [1]), [item.label], [item.weight]), net.variables);
        adam.step(grads);
        return value.dataSync()[0];
      });
      if ((k + 1) % 40 === 0) log(`epoch ${epoch} step ${k + 1}/${order.length} mean loss ${(lossSum / (k + 1)).toFixed(4)}`);
    }
    const auc = await evaluate(net);
    log(`epoch ${epoch}: train loss ${(lossSum / order.length).toFixed(4)}, val AUC ${auc.toFixed(4)}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    if (auc > best.auc) best = { auc, epoch, weights: net.getWeights() };
  }
  adam.dispose();
  net.setWeights(best.weights);
  meta = { task: 'acl', plane, inputNormalisation: 'none', bestEpoch: best.epoch, valAuc: best.auc, trainedBy: 'tools/measure-cam.mjs', lr: Number(a.lr), seed };
  await model.saveMRNet(net, modelDir, meta);
  log(`saved ${modelDir} (best epoch ${best.epoch}, val AUC ${best.auc.toFixed(4)})`);
}

// 3. CAMs against the lesion masks
function argmax(arr, from, to) {
  let k = from;
  for (let j = from + 1; j < to; j++) if (arr[j] > arr[k]) k = j;
  return k - from;
}
function iou(region, mask) {
  let inter = 0;
  let uni = 0;
  for (let k = 0; k < mask.length; k++) {
    inter += region[k] & mask[k];
    uni += region[k] | mask[k];
  }
  return uni === 0 ? 0 : inter / uni;
}
function nearestDistance(y, x, mask, W) {
  let d = Infinity;
  for (let k = 0; k < mask.length; k++) if (mask[k]) d = Math.min(d, Math.hypot(Math.floor(k / W) - y, (k % W) - x));
  return d;
}

/**
 * CAM averaged over K×K sub-stride translations of the input (AlexNet's feature stride is 32 px):
 * each shifted series gives exact CAMs (in logit units), shifted back and averaged, then scaled
 * jointly to [0, 1]. K = 1 is the plain CAM.
 */
function shiftedCam(m, volume, shape, K) {
  const base = model.classActivationMaps(m, volume, shape);
  if (K === 1) return base;
  const [s, H, W] = shape;
  const n = H * W;
  const sum = new Float64Array(s * n);
  const count = new Float64Array(s * n);
  for (let sy = 0; sy < K; sy++) {
    for (let sx = 0; sx < K; sx++) {
      const dy = Math.round((sy * 32) / K);
      const dx = Math.round((sx * 32) / K);
      const moved = new Float32Array(volume.length);
      for (let i = 0; i < s; i++) for (let y = dy; y < H; y++) moved.set(volume.subarray(i * n + (y - dy) * W, i * n + (y - dy) * W + W - dx), i * n + y * W + dx);
      const c = dy === 0 && dx === 0 ? base : model.classActivationMaps(m, moved, shape);
      const [lo, hi] = c.range;
      for (let i = 0; i < s; i++) {
        for (let y = 0; y < H - dy; y++) {
          for (let x = 0; x < W - dx; x++) {
            const k = i * n + y * W + x;
            sum[k] += c.maps[i * n + (y + dy) * W + x + dx] * (hi - lo) + lo;
            count[k] += 1;
          }
        }
      }
    }
  }
  const avg = sum.map((v, k) => v / count[k]);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of avg) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return { ...base, maps: Float32Array.from(avg, (v) => (hi > lo ? (v - lo) / (hi - lo) : 0)) };
}

async function measure(m, label, K = 1) {
  const rows = [];
  for (const item of validSet.items) {
    if (item.label !== 1) continue;
    const lesions = JSON.parse(await readFile(join(a.data, 'lesions', 'valid', `${String(item.id).padStart(4, '0')}.json`), 'utf8'));
    const tear = lesions.planes[plane].lesions.aclTear;
    if (!tear) continue;
    const vol = await read(item);
    const [s, H, W] = vol.shape;
    const n = H * W;
    const cam = shiftedCam(m, vol.data, vol.shape, K);
    const masks = new Map(tear.perSlice.map((p) => [p.slice, data.decodeLesionMask(p, H, W)]));
    const footprint = new Uint8Array(n);
    for (const mk of masks.values()) for (let k = 0; k < n; k++) footprint[k] |= mk[k];
    const main = tear.perSlice.reduce((b, p) => (p.area > b.area ? p : b));
    const mainMask = masks.get(main.slice);

    const p3 = argmax(cam.maps, 0, s * n);
    const [pi, py, px] = [Math.floor(p3 / n), Math.floor((p3 % n) / W), p3 % W];
    const peakInTear = masks.has(pi) && masks.get(pi)[py * W + px] === 1;
    const tearSliceMaps = cam.maps.subarray(main.slice * n, (main.slice + 1) * n);
    const pt = argmax(tearSliceMaps, 0, n);
    const pd = argmax(cam.maps, cam.decisiveSlice * n, (cam.decisiveSlice + 1) * n);

    const sorted = Float32Array.from(tearSliceMaps).sort();
    const thr = sorted[Math.floor(0.9 * n)];
    const decile = tearSliceMaps.map((v) => (v >= thr ? 1 : 0));
    const [lo, hi] = [sorted[0], sorted[n - 1]];
    const hot = tearSliceMaps.map((v) => (hi > lo && v >= lo + 0.9 * (hi - lo) ? 1 : 0));
    rows.push({
      id: item.id,
      slices: s,
      tearSlices: tear.slices,
      tearArea: main.area,
      decisiveSlice: cam.decisiveSlice,
      peakSlice: pi,
      probability: cam.probability,
      peakInTear,
      peakOnTearSliceInTear: mainMask[pt] === 1,
      peakOnDecisiveSliceInFootprint: footprint[pd] === 1,
      decisiveIsTearSlice: masks.has(cam.decisiveSlice),
      peakSliceIsTearSlice: masks.has(pi),
      peakDistance: nearestDistance(Math.floor(pt / W), pt % W, mainMask, W),
      iouTopDecile: iou(decile, mainMask),
      iouTopDecileBound: Math.min(main.area, decile.reduce((x, y) => x + y, 0)) / Math.max(main.area, decile.reduce((x, y) => x + y, 0)),
      iouHot: iou(hot, mainMask),
    });
  }
  if (rows.length === 0) {
    log(`no positive validation exam shows the tear in the ${plane} plane; use more slices or exams`);
    process.exit(1);
  }
  const mean = (f) => rows.reduce((x, r) => x + Number(f(r)), 0) / rows.length;
  const summary = {
    model: label,
    exams: rows.length,
    camGrid: null,
    peakInTear: mean((r) => r.peakInTear),
    iouTopDecile: mean((r) => r.iouTopDecile),
    peakOnTearSliceInTear: mean((r) => r.peakOnTearSliceInTear),
    peakOnDecisiveSliceInFootprint: mean((r) => r.peakOnDecisiveSliceInFootprint),
    decisiveIsTearSlice: mean((r) => r.decisiveIsTearSlice),
    peakSliceIsTearSlice: mean((r) => r.peakSliceIsTearSlice),
    medianPeakDistancePx: rows.map((r) => r.peakDistance).sort((x, y) => x - y)[Math.floor(rows.length / 2)],
    iouHot: mean((r) => r.iouHot),
    iouTopDecileBound: mean((r) => r.iouTopDecileBound),
    meanTearArea: mean((r) => r.tearArea),
    meanProbability: mean((r) => r.probability),
  };
  return { summary, rows };
}

const sizeOf = (await read(validSet.items[0])).shape;
const grid = tf.tidy(() => net.lastConvFeatures(tf.zeros([1, sizeOf[1], sizeOf[2]])).shape.slice(1, 3));
const trained = await measure(net, `trained (val AUC ${Number(meta.valAuc).toFixed(3)})`);
const untrainedNet = model.createMRNet({ seed: seed + 1 });
const untrained = await measure(untrainedNet, 'untrained (baseline)');
untrainedNet.dispose();
const results = [trained, untrained];
const K = Number(a.shifts);
if (K > 1) results.push(await measure(net, `trained, CAM averaged over ${K}x${K} sub-stride shifts of the input`, K));
for (const r of results) r.summary.camGrid = `${grid[0]}x${grid[1]} cells over ${sizeOf[1]}x${sizeOf[2]} px`;

const pct = (x) => `${(100 * x).toFixed(0)}%`;
for (const { summary: m } of results) {
  console.log(`\n${m.model}: ${m.exams} positive validation exams (${plane}), CAM grid ${m.camGrid}, mean P(tear) ${m.meanProbability.toFixed(3)}`);
  console.log(`  peak of the CAM inside the tear (whole series)     ${pct(m.peakInTear)}   (target >= 80%)`);
  console.log(`  IoU of the top-decile CAM area with the tear        ${m.iouTopDecile.toFixed(3)}  (target >= 0.3; a 10% area can reach at most ${m.iouTopDecileBound.toFixed(3)} with tears of ${m.meanTearArea.toFixed(0)} px)`);
  console.log(`  decisive slice is a tear slice                      ${pct(m.decisiveIsTearSlice)}`);
  console.log(`  slice of the CAM peak is a tear slice               ${pct(m.peakSliceIsTearSlice)}`);
  console.log(`  peak on the tear's own slice inside the tear        ${pct(m.peakOnTearSliceInTear)}  (median distance to the tear ${m.medianPeakDistancePx.toFixed(1)} px)`);
  console.log(`  peak on the decisive slice inside the tear outline  ${pct(m.peakOnDecisiveSliceInFootprint)}`);
  console.log(`  IoU of the >= 0.9*max CAM region with the tear      ${m.iouHot.toFixed(3)}`);
}
if (a.json) await writeFile(a.json, JSON.stringify({ args: a, backend: backend.backend, results }, null, 1) + '\n');
net.dispose();
