import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNpy } from '@mrnet/data';
import { createMRNet, initBackend } from '@mrnet/model';
import { saveMRNet } from '@mrnet/model/node';
import { colourBar } from '@mrnet/viz';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.test-support.js';
import { montageCaptionHeight, textWidth } from '@mrnet/viz';
import { CAM_FONT_SIZE, CAM_GAP, CAM_LINE, CAM_MIN_WIDTH, camColumns, camTileScale, camWrap } from './cam-figure.js';

let root = '';
let models = '';
let input = '';
const SHAPE: [number, number, number] = [3, 96, 96];
let volume: Float32Array;

/** Seeded bytes: slice k has a bright square at a different place and a different mean level. */
function series(): Uint8Array {
  const [s, h, w] = SHAPE;
  const out = new Uint8Array(s * h * w);
  let x = 12345;
  for (let k = 0; k < out.length; k++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const i = Math.floor(k / (h * w));
    const r = Math.floor((k % (h * w)) / w);
    const c = k % w;
    const inSquare = Math.abs(r - 20 - 25 * i) < 10 && Math.abs(c - 60 + 15 * i) < 10;
    out[k] = Math.min(255, 40 * i + (x >>> 26) + (inSquare ? 150 : 0));
  }
  return out;
}

beforeAll(async () => {
  await initBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'mrnet-cam-'));
  models = join(root, 'models');
  await saveMRNet(createMRNet({ seed: 3 }), join(models, 'acl', 'sagittal'), { task: 'acl', plane: 'sagittal', inputNormalisation: 'none' });
  // A model filed under coronal whose metadata says sagittal.
  await saveMRNet(createMRNet({ seed: 4 }), join(models, 'acl', 'coronal'), { task: 'acl', plane: 'sagittal' });
  await mkdir(join(root, 'sagittal'));
  const bytes = series();
  volume = Float32Array.from(bytes);
  input = join(root, 'sagittal', '0007.npy');
  await writeFile(input, writeNpy(bytes, SHAPE));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('camWrap', () => {
  it('breaks at spaces within the width (measured in the figure font)', () => {
    const w = textWidth('aa bb', CAM_FONT_SIZE);
    expect(camWrap('aa bb aa', w)).toEqual(['aa bb', 'aa']);
    expect(camWrap('aa bb aa', w - 0.5)).toEqual(['aa', 'bb', 'aa']);
    expect(camWrap('toolongword', 10)).toEqual(['toolongword']);
  });
});

describe('mrnet cam', () => {
  it('writes a montage of the N most decisive slices, per-slice figures and a JSON summary that agrees with the model', async () => {
    const out = join(root, 'out');
    const r = await runCli('cam', '--models', models, '-t', 'acl', '-p', 'sagittal', '--input', input, '--out', out, '--slices', '2', '--all_slices', '--backend', 'cpu');
    expect(r.err).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ACL tear \(sagittal\): P = 0\.\d{3}, logit -?\d+\.\d{3}\nmost decisive slices: \d \([+-]\d\.\d{3}\), \d \([+-]\d\.\d{3}\)\n/);

    const summary = JSON.parse(await readFile(join(out, 'cam.json'), 'utf8'));
    const net = createMRNet({ seed: 3 });
    const expected = net.predict(volume, SHAPE);
    net.dispose();
    expect(summary.logit).toBeCloseTo(expected.logit, 4);
    expect(summary.probability).toBeCloseTo(expected.probability, 5);
    expect(summary.task).toBe('acl');
    expect(summary.plane).toBe('sagittal');
    expect(summary.camGrid).toEqual([2, 2]);
    const contributions: number[] = summary.slices.map((s: { contribution: number }) => s.contribution);
    expect(summary.bias + contributions.reduce((a, b) => a + b, 0)).toBeCloseTo(expected.logit, 4);
    expect([...contributions].sort((a, b) => b - a)).toEqual(contributions);
    expect(summary.slices.map((s: { slice: number }) => s.slice).sort()).toEqual([0, 1, 2]);
    expect(summary.slices.reduce((a: number, s: { channelsWon: number }) => a + s.channelsWon, 0)).toBe(256);
    expect(summary.montage.slices).toEqual(summary.slices.slice(0, 2).map((s: { slice: number }) => s.slice));
    expect(summary.decisiveSlice).toBe(summary.slices[0].slice);
    expect(summary.sliceFiles).toEqual(['cam-slice-000.png', 'cam-slice-001.png', 'cam-slice-002.png']);
    expect((await readdir(out)).sort()).toEqual(['cam-montage.png', 'cam-slice-000.png', 'cam-slice-001.png', 'cam-slice-002.png', 'cam.json']);

    // The montage decodes and has the layout's size: title block, 2 tiles of 2×96 px side by side
    // with captions, and the colour bar to their right.
    const png = PNG.sync.read(Buffer.from(await readFile(join(out, 'cam-montage.png'))));
    const k = camTileScale(96, 96);
    expect(k).toBe(2);
    expect(camColumns(2)).toBe(2);
    const tile = 96 * k;
    const caption = montageCaptionHeight(CAM_FONT_SIZE, CAM_GAP);
    const sheetW = CAM_GAP + 2 * (tile + CAM_GAP);
    const sheetH = CAM_GAP + (tile + caption + CAM_GAP);
    const barW = colourBar({ height: sheetH, label: 'CAM', fontSize: CAM_FONT_SIZE }).width;
    const width = Math.max(sheetW + barW + CAM_GAP, CAM_MIN_WIDTH);
    const texts = [
      `ACL tear | sagittal | 0007.npy (3 slices)`,
      `P ${summary.probability.toFixed(3)}   logit ${summary.logit.toFixed(3)} = bias ${summary.bias.toFixed(3)} + slice shares`,
      'red = strongest evidence for the finding (1 = max over all slices, 0 = min)',
      'caption: slice index, its share of the logit (largest first)',
    ];
    const titleH = texts.flatMap((t) => camWrap(t, width - 2 * CAM_GAP)).length * CAM_LINE + CAM_GAP;
    expect(titleH).toBeGreaterThan(4 * CAM_LINE); // the long lines wrap at this width
    expect(png.height).toBe(titleH + sheetH);
    expect(png.width).toBe(width);
    // The first tile is a colour overlay (not grey): some pixel has r ≠ b.
    const y0 = titleH + CAM_GAP;
    let coloured = 0;
    for (let y = y0; y < y0 + tile; y += 7) {
      for (let x = CAM_GAP; x < CAM_GAP + tile; x += 7) {
        const p = (y * png.width + x) * 4;
        if (Math.abs(png.data[p]! - png.data[p + 2]!) > 20) coloured++;
      }
    }
    expect(coloured).toBeGreaterThan(0);
    const one = PNG.sync.read(Buffer.from(await readFile(join(out, 'cam-slice-001.png'))));
    expect(one.width).toBe(CAM_MIN_WIDTH);
    expect(one.height).toBeGreaterThan(CAM_GAP + tile + caption + CAM_GAP + 4 * CAM_LINE);
  });

  it('exits 2 when the model was trained for another plane, or is missing (listing what is there)', async () => {
    const wrong = await runCli('cam', '--models', models, '-t', 'acl', '-p', 'coronal', '--input', join(root, 'x.npy'), '--out', join(root, 'o2'), '--backend', 'cpu');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain(`the model in ${join(models, 'acl', 'coronal')} was trained for plane "sagittal", not "coronal"`);
    const missing = await runCli('cam', '--models', models, '-t', 'meniscus', '-p', 'sagittal', '--input', input, '--out', join(root, 'o3'), '--backend', 'cpu');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no meniscus/sagittal model');
    expect(missing.err).toContain('models there: acl/coronal, acl/sagittal');
  });

  it('exits 2 for a series from another plane folder, a missing, corrupt, 2-D or too small input', async () => {
    const base = ['--models', models, '-t', 'acl', '--out', join(root, 'o4'), '--backend', 'cpu'];
    await mkdir(join(root, 'axial'), { recursive: true });
    await writeFile(join(root, 'axial', '0007.npy'), writeNpy(series(), SHAPE));
    const plane = await runCli('cam', ...base, '-p', 'sagittal', '--input', join(root, 'axial', '0007.npy'));
    expect(plane.code).toBe(2);
    expect(plane.err).toContain('the series is in the axial folder but -p is sagittal; the sagittal model cannot explain axial series');
    expect(plane.err).not.toMatch(/\ba axial\b/);

    const missing = await runCli('cam', ...base, '-p', 'sagittal', '--input', join(root, 'nope.npy'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.npy');

    const corrupt = join(root, 'corrupt.npy');
    await writeFile(corrupt, Buffer.from('not a numpy file'));
    const bad = await runCli('cam', ...base, '-p', 'sagittal', '--input', corrupt);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('corrupt.npy');

    const flat = join(root, 'flat.npy');
    await writeFile(flat, writeNpy(new Uint8Array(96 * 96), [96, 96]));
    const twoD = await runCli('cam', ...base, '-p', 'sagittal', '--input', flat);
    expect(twoD.code).toBe(2);
    expect(twoD.err).toContain('flat.npy');

    const small = join(root, 'small.npy');
    await writeFile(small, writeNpy(new Uint8Array(2 * 40 * 40), [2, 40, 40]));
    const tiny = await runCli('cam', ...base, '-p', 'sagittal', '--input', small);
    expect(tiny.code).toBe(2);
    expect(tiny.err).toContain('small.npy');
    expect(tiny.err.split('\n').filter(Boolean)).toHaveLength(2); // "backend …" and one error line, no stack
  });
});
