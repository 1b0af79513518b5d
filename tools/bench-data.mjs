#!/usr/bin/env node
// @mrnet/data benchmark: npy read throughput and read + augment throughput of a 40×256×256 exam,
// inline on one core and through the loader's worker threads. Imports the built package (dist/).
// Standalone (run by tools/bench.mjs, or `node tools/bench-data.mjs`); also exports its run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyAugment, createRng, drawAugmentParams, readNpy, writeNpy } from '../packages/data/dist/index.js';
import { createLoader } from '../packages/data/dist/node/index.js';

const SHAPE = [40, 256, 256];

/** A knee-sized uint8 volume with smooth structure plus noise (content does not change the timings). */
function makeVolume() {
  const [s, h, w] = SHAPE;
  const rng = createRng(1);
  const data = new Uint8Array(s * h * w);
  for (let k = 0; k < s; k++)
    for (let r = 0; r < h; r++)
      for (let c = 0; c < w; c++) {
        const v = 100 + 60 * Math.sin(r / 17 + k / 5) * Math.cos(c / 13) + 20 * (rng.next() - 0.5);
        data[(k * h + r) * w + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
  return data;
}

/** CPU time (user + system) of this process in ms: on a shared machine it estimates the one-core cost better than wall time. */
function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function timeIt(fn, minMs = 1500) {
  fn(); // warm-up
  let n = 0;
  const t0 = performance.now();
  const c0 = cpuMs();
  let t = t0;
  while (t - t0 < minMs) {
    fn();
    n++;
    t = performance.now();
  }
  return { wall: (t - t0) / n, cpu: (cpuMs() - c0) / n }; // ms per call
}

async function loaderRate(items, workers, epochs = 2) {
  const loader = createLoader({ items, plane: 'sagittal', shuffle: true, seed: 1, augment: true, workers, prefetch: Math.max(2, 2 * workers) });
  try {
    for await (const _ of loader.epoch(0)); // warm-up (worker start, JIT)
    const t0 = performance.now();
    const c0 = cpuMs();
    let n = 0;
    for (let e = 1; e <= epochs; e++) for await (const _ of loader.epoch(e)) n++;
    return { wall: (n * 1000) / (performance.now() - t0), cpu: (n * 1000) / (cpuMs() - c0) };
  } finally {
    await loader.close();
  }
}

export default async function benchData() {
  const dir = mkdtempSync(join(tmpdir(), 'mrnet-bench-'));
  try {
    const file = join(dir, 'exam.npy');
    const bytes = writeNpy(makeVolume(), SHAPE);
    writeFileSync(file, bytes);
    const mb = bytes.length / 1e6;

    const read = timeIt(() => readNpy(readFileSync(file)));
    const npyReadMBps = mb / (read.wall / 1000);
    console.log(`npy read (readFileSync + readNpy, ${SHAPE.join('×')} uint8, ${mb.toFixed(2)} MB): ${read.wall.toFixed(2)} ms → ${npyReadMBps.toFixed(0)} MB/s (CPU time: ${(mb / (read.cpu / 1000)).toFixed(0)} MB/s)`);

    const vol = readNpy(readFileSync(file));
    const f32 = Float32Array.from(vol.data);
    const rng = createRng(2);
    const aug = timeIt(() => applyAugment(f32, SHAPE, drawAugmentParams(rng, { height: 256, width: 256 })));
    console.log(`applyAugment alone (rotate + translate + flip, ${SHAPE.join('×')}): ${aug.wall.toFixed(1)} ms/exam → ${(1000 / aug.wall).toFixed(1)} exams/s (CPU time: ${aug.cpu.toFixed(1)} ms/exam)`);

    const items = Array.from({ length: 24 }, (_, id) => ({
      id,
      label: id % 2,
      weight: 1,
      paths: { axial: file, coronal: file, sagittal: file },
    }));
    const inline = await loaderRate(items, 0);
    console.log(
      `read + augment, loader workers=0 (inline, one core): ${inline.wall.toFixed(1)} exams/s wall, ${inline.cpu.toFixed(1)} exams per CPU-second (target ≥ 20)`,
    );
    const workers = Math.max(1, Math.min(4, availableParallelism()));
    const threaded = await loaderRate(items, workers);
    console.log(`read + augment, loader workers=${workers}: ${threaded.wall.toFixed(1)} exams/s wall (cores: ${availableParallelism()})`);
    const [load1] = loadavg();
    console.log(`(1-min load average ${load1.toFixed(2)} on ${availableParallelism()} cores: wall-clock figures are low on a shared machine)`);
    return {
      npyReadMBps: Math.round(npyReadMBps),
      augmentMsPerExam: Number(aug.wall.toFixed(1)),
      augmentCpuMsPerExam: Number(aug.cpu.toFixed(1)),
      inlineExamsPerSecond: Number(inline.wall.toFixed(1)),
      inlineExamsPerCpuSecond: Number(inline.cpu.toFixed(1)),
      workers,
      workerExamsPerSecond: Number(threaded.wall.toFixed(1)),
      loadAverage: Number(load1.toFixed(2)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await benchData();
  if (process.argv.includes('--json')) console.log(JSON.stringify({ data: results }));
}
