import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PLANES, TASKS, type Task } from '@mrnet/data';
import { BACKEND_NAMES, classActivationMaps, describeBackend, initBackend, ModelShapeError, type CamModel } from '@mrnet/model';
import { SliceParallelMRNet, sliceParallelSupported } from '@mrnet/model/node';
import { renderPng } from '@mrnet/viz/node';
import { EXIT_OK } from '../cli/exit-code.js';
import { defineCommand } from '../cli/spec.js';
import { BadInputError } from '../cli/usage-error.js';
import { renderCamFigure, signed } from './cam-figure.js';
import { loadPlaneModel, planeOfPath } from './cam-model.js';
import { importedLines, readSeriesInput } from './exam-input.js';
import { WORKERS_FLAG, workersFromFlags } from './workers-flag.js';

const FINDING: Record<Task, string> = { abnormal: 'abnormality', acl: 'ACL tear', meniscus: 'meniscal tear' };

/** File names written by `mrnet cam` in `--out`. */
export const CAM_FILES = { montage: 'cam-montage.png', summary: 'cam.json', slice: (i: number): string => `cam-slice-${String(i).padStart(3, '0')}.png` } as const;

/**
 * `mrnet cam --models DIR -t TASK -p PLANE --input FILE.npy --out DIR [--slices N] [--all_slices]`:
 * class activation maps of one exam's series under the `{models}/{task}/{plane}` model. Writes
 * `cam-montage.png` (the N most decisive slices, heat map over the grey slice, colour bar,
 * captions with slice index and share of the logit), `cam.json` (logit, probability, every slice's
 * contribution and channels won, the slices shown) and, with `--all_slices`, one PNG per slice.
 *
 * @example
 * ```sh
 * mrnet cam --models models -t acl -p sagittal --input MRNet-v1.0/valid/sagittal/1130.npy --out cam-1130
 * ```
 */
export const camCommand = defineCommand({
  name: 'cam',
  summary: 'class activation maps: which slices and regions drive a plane model’s prediction',
  description:
    'Loads the model in MODELS/TASK/PLANE, runs it on one series (.npy, slices×H×W) and writes to OUT:\n' +
    '  cam-montage.png    the N slices that add most to the logit, heat map over the grey image, colour bar;\n' +
    '  cam.json           logit, probability, each slice’s share of the logit and the slices shown;\n' +
    '  cam-slice-NNN.png  one figure per slice (with --all_slices).\n' +
    'The maps are exact for MRNet (CAM = Σ_c w_c·F_c over the last conv features) and share one colour\n' +
    'scale across slices. A slice’s share is Σ w_c·mean F_c over the channels where it wins the max over slices.',
  flags: [
    { name: 'models', type: 'string', required: true, placeholder: 'DIR', help: 'models folder: DIR/TASK/PLANE/model.json (as mrnet train writes)' },
    { name: 'task', short: 't', type: 'enum', values: TASKS, required: true, help: 'task of the model' },
    { name: 'plane', short: 'p', type: 'enum', values: PLANES, required: true, help: 'plane of the model and of the input series' },
    { name: 'input', type: 'string', required: true, placeholder: 'FILE.npy|DIR', help: 'one series, slices×H×W (H, W ≥ 63); or a DICOM folder (its -p series is imported as mrnet import does)' },
    { name: 'out', type: 'string', required: true, placeholder: 'DIR', help: 'output folder (created; files of the same name are replaced)' },
    { name: 'slices', type: 'int', default: 6, min: 1, max: 64, placeholder: 'N', help: 'slices in the montage (most decisive first)' },
    { name: 'all_slices', type: 'boolean', default: false, help: 'also write one PNG per slice' },
    { name: 'backend', type: 'enum', values: BACKEND_NAMES, default: 'auto', help: 'TensorFlow.js backend' },
    WORKERS_FLAG,
  ],
  async run(flags, io) {
    const task = flags.task;
    const plane = flags.plane;
    const input = flags.input;
    const out = flags.out;
    const inputPlane = planeOfPath(input);
    if (inputPlane !== undefined && inputPlane !== plane) {
      throw new BadInputError(`--input ${input}: the series is in the ${inputPlane} folder but -p is ${plane}; the ${plane} model cannot explain ${inputPlane} series`);
    }
    let backend = await initBackend(flags.backend);
    if (backend.name === 'webgpu') {
      // classActivationMaps reads the feature maps synchronously, which WebGPU cannot do under Node.
      backend = await initBackend('wasm');
      io.stderr(`mrnet cam: ${describeBackend(backend)} (not webgpu: class activation maps read features synchronously, which WebGPU cannot do under Node)\n`);
    } else {
      io.stderr(`mrnet cam: ${describeBackend(backend)}\n`);
    }
    const { model, dir, intensity } = await loadPlaneModel(flags.models, task, plane);
    try {
      const { volume: vol, imported } = await readSeriesInput(input, plane, intensity);
      if (imported) io.stderr(`mrnet cam: DICOM ${importedLines(imported).find((l) => l.startsWith(`${plane}:`))}\n`);
      let cam;
      // The last conv features come from the slice workers when there are several.
      const workers = workersFromFlags(flags, 1);
      const pool = workers > 1 && sliceParallelSupported() ? await SliceParallelMRNet.create(model, { workers }) : null;
      let camModel: (CamModel & { dispose?: () => void }) | null = null;
      try {
        camModel = pool ? await pool.camModel(vol, input) : model;
        cam = classActivationMaps(camModel, vol.data, vol.shape, { upsample: 'bilinear' });
      } catch (e) {
        if (e instanceof ModelShapeError) throw new BadInputError(`--input ${input}: ${e.message}`);
        throw e;
      } finally {
        if (pool) camModel?.dispose?.();
        await pool?.dispose();
      }
      const [s] = vol.shape;
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of vol.data) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      const greyRange: [number, number] = hi > lo ? [lo, hi] : [lo, lo + 1];
      const shown = cam.slicesByContribution.slice(0, Math.min(flags.slices, s));
      const title = `${FINDING[task]} | ${plane} | ${basename(input)} (${s} slices)`;
      await mkdir(out, { recursive: true });
      await writeFile(join(out, CAM_FILES.montage), renderPng(renderCamFigure(vol.data, cam, { title, slices: shown, greyRange })));
      const sliceFiles: string[] = [];
      if (flags.all_slices) {
        for (let i = 0; i < s; i++) {
          const fig = renderCamFigure(vol.data, cam, { title: `${title} | slice ${i}`, slices: [i], greyRange });
          await writeFile(join(out, CAM_FILES.slice(i)), renderPng(fig));
          sliceFiles.push(CAM_FILES.slice(i));
        }
      }
      const summary = {
        input,
        model: dir,
        task,
        plane,
        shape: vol.shape,
        camGrid: cam.rawShape.slice(1),
        logit: cam.logit,
        probability: cam.probability,
        bias: cam.bias,
        decisiveSlice: cam.decisiveSlice,
        montage: { file: CAM_FILES.montage, slices: shown },
        camRange: { zero: cam.range[0], one: cam.range[1], note: 'logit-unit CAM values shown as 0 and 1 (one scale for all slices)' },
        slices: cam.slicesByContribution.map((i) => ({ slice: i, contribution: cam.sliceContributions[i]!, channelsWon: cam.channelsWon[i]! })),
        sliceFiles,
      };
      await writeFile(join(out, CAM_FILES.summary), JSON.stringify(summary, null, 1) + '\n');
      io.stdout(
        `${FINDING[task]} (${plane}): P = ${cam.probability.toFixed(3)}, logit ${cam.logit.toFixed(3)}\n` +
          `most decisive slices: ${shown.map((i) => `${i} (${signed(cam.sliceContributions[i]!)})`).join(', ')}\n` +
          `wrote ${join(out, CAM_FILES.montage)}, ${join(out, CAM_FILES.summary)}${sliceFiles.length ? ` and ${sliceFiles.length} slice figures` : ''}\n`,
      );
      return EXIT_OK;
    } finally {
      model.dispose();
    }
  },
});
