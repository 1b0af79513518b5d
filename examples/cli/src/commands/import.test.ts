import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLANES, readNpy } from '@mrnet/data';
import { createMRNet, initBackend } from '@mrnet/model';
import { saveMRNet } from '@mrnet/model/node';
import { planeModelDir, predictExam } from '@mrnet/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.test-support.js';

// A small PACS-style export written by pydicom (scripts/fixtures/make_import_fixtures.py).
const EXPORT = join(import.meta.dirname, '..', '..', 'fixtures', 'dicom-exam');
const NIFTI = join(import.meta.dirname, '..', '..', '..', '..', 'packages', 'data', 'fixtures', 'import', 'nifti');
const root = mkdtempSync(join(tmpdir(), 'mrnet-cli-import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('mrnet import', () => {
  it('DICOM folder → {axial,coronal,sagittal}.npy (uint8, s×256×256) + import.json; the T2 sagittal is chosen, the rest listed', async () => {
    const out = join(root, 'exam');
    const r = await runCli('import', '--from', EXPORT, '--out', out, '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(readdirSync(out).sort()).toEqual(['axial.npy', 'coronal.npy', 'import.json', 'sagittal.npy']);
    expect(JSON.parse(readFileSync(join(out, 'import.json'), 'utf8'))).toEqual({ ...doc, out: undefined });
    for (const [p, s] of [['axial', 4], ['coronal', 4], ['sagittal', 5]] as const) {
      const a = readNpy(readFileSync(join(out, `${p}.npy`)));
      expect(a.dtype).toBe('u1');
      expect(a.shape).toEqual([s, 256, 256]);
      expect(doc.planes[p].slices).toBe(s);
    }
    expect(doc.planes.sagittal.seriesDescription).toBe('SAG T2 FS');
    expect(doc.planes.sagittal.others).toEqual([expect.objectContaining({ seriesDescription: 'SAG PD', slices: 3 })]);
    expect(doc.skipped.map((s: { path: string }) => s.path).sort()).toEqual(['DICOM/S999/REPORT', 'README.TXT']);

    const again = await runCli('import', '--from', EXPORT, '--out', out);
    expect(again.code).toBe(2);
    expect(again.err).toBe(`mrnet import: --out ${out}: exists and is not empty; choose a new folder or pass --overwrite (nothing was changed)\n`);
    const pd = doc.planes.sagittal.others[0].series;
    const forced = await runCli('import', '--from', EXPORT, '--out', out, '--overwrite', '--series', `sagittal=${pd}`);
    expect(forced.code, forced.err).toBe(0);
    expect(forced.out).toMatch(/sagittal +3 slices +64×64 → 256×256/);
    expect(readNpy(readFileSync(join(out, 'sagittal.npy'))).shape).toEqual([3, 256, 256]);
  });

  it('NIfTI, one file per plane → the same layout', async () => {
    const out = join(root, 'nifti-exam');
    const r = await runCli('import', '--sagittal', join(NIFTI, 'sagittal.nii.gz'), '--coronal', join(NIFTI, 'coronal.nii.gz'), '--axial', join(NIFTI, 'axial.nii.gz'), '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(readNpy(readFileSync(join(out, 'axial.npy'))).shape).toEqual([5, 256, 256]);
    expect(JSON.parse(readFileSync(join(out, 'import.json'), 'utf8')).planes.coronal.source).toBe('nifti');
  });

  it('batch: one folder per exam + labels.csv → an MRNet-v1.0 split that mrnet inspect reads', async () => {
    const exports = join(root, 'exports');
    for (const name of ['knee-a', 'knee-b', 'knee-c']) cpSync(EXPORT, join(exports, name), { recursive: true });
    const labels = join(root, 'labels.csv');
    writeFileSync(labels, 'exam,id,acl,meniscus\nknee-a,7,1,0\nknee-b,12,0,0\nknee-c,1130,0,1\n');
    const data = join(root, 'MyKnees');
    for (const split of ['train', 'valid']) {
      const r = await runCli('import', '--from', exports, '--labels', labels, '--out', data, '--split', split);
      expect(r.code, r.err).toBe(0);
    }
    expect(readdirSync(join(data, 'train', 'sagittal')).sort()).toEqual(['0007.npy', '0012.npy', '1130.npy']);
    expect(readFileSync(join(data, 'valid-acl.csv'), 'utf8')).toBe('7,1\n12,0\n1130,0\n');
    const inspect = await runCli('inspect', '--data', data, '--json');
    const doc = JSON.parse(inspect.out);
    expect(doc.summary.splits.train.exams).toBe(3);
    expect(doc.summary.splits.valid.planes.axial.sizes).toEqual(['256×256']);
    expect(doc.problems.filter((p: string) => !/abnormal/.test(p))).toEqual([]);
    const again = await runCli('import', '--from', exports, '--labels', labels, '--out', data, '--split', 'train');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/train exists and is not empty; pass --overwrite/);
  });

  it('bad input exits 2 with one line naming the file, and writes nothing', async () => {
    const bad = join(root, 'bad');
    mkdirSync(join(bad, 'S1'), { recursive: true });
    cpSync(join(EXPORT, 'DICOM', 'S001'), join(bad, 'S1'), { recursive: true }); // axial only
    writeFileSync(join(bad, 'notes.txt'), 'x');
    const out = join(root, 'never');
    const r = await runCli('import', '--from', bad, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^mrnet import: ${bad}: no usable coronal series; found: axial [0-9.]+\\n$`));
    expect(existsSync(out)).toBe(false);
    const txt = join(root, 'only-text');
    mkdirSync(txt);
    writeFileSync(join(txt, 'a.dcm'), 'not dicom at all');
    const t = await runCli('import', '--from', txt, '--out', out);
    expect(t.code).toBe(2);
    expect(t.err).toBe(`mrnet import: ${txt}: no DICOM image slices among 1 file (e.g. a.dcm: not DICOM (no DICM marker at byte 128))\n`);
    const jpegDir = join(NIFTI, '..', 'dicom', 'jpeg');
    const jpeg = await runCli('import', '--from', jpegDir, '--out', out);
    expect(jpeg.code).toBe(2);
    expect(jpeg.err).toMatch(new RegExp(`^mrnet import: ${jpegDir}/jpeg-baseline\\.dcm: pixel data in JPEG Baseline \\(Process 1\\) \\(1\\.2\\.840\\.10008\\.1\\.2\\.4\\.50\\), which this reader cannot decode`));
    const wrongPlane = await runCli('import', '--sagittal', join(NIFTI, 'axial.nii.gz'), '--coronal', join(NIFTI, 'coronal.nii.gz'), '--axial', join(NIFTI, 'axial.nii.gz'), '--out', out);
    expect(wrongPlane.code).toBe(2);
    expect(wrongPlane.err).toMatch(/--sagittal .*axial\.nii\.gz: its slices .* are axial, not sagittal/);
    const usage = await runCli('import', '--sagittal', join(NIFTI, 'sagittal.nii.gz'), '--out', out);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/^mrnet import: --axial: required with NIfTI input/);
    const series = await runCli('import', '--from', EXPORT, '--out', out, '--series', 'sag=1.2');
    expect(series.code).toBe(2);
    expect(series.err).toMatch(/^mrnet import: --series "sag=1\.2": expected PLANE=UID with PLANE one of axial, coronal, sagittal/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('mrnet predict / cam on a DICOM folder', () => {
  const models = join(root, 'models');
  beforeAll(async () => {
    await initBackend('wasm');
    for (const [i, plane] of PLANES.entries()) {
      await saveMRNet(createMRNet({ seed: 40 + i }), planeModelDir(models, 'acl', plane), { task: 'acl', plane, inputNormalisation: 'imagenet' });
    }
  }, 120_000);

  it('predict --exam DICOMDIR gives the same probabilities as predicting the imported .npy exam', async () => {
    const r = await runCli('predict', '--models', models, '--exam', EXPORT, '--json', '--backend', 'wasm');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.exam.dicom).toBe(EXPORT);
    expect(r.err).toMatch(/DICOM sagittal: 5 slices from series .* "SAG T2 FS"/);
    const exam = join(root, 'exam-for-predict');
    expect((await runCli('import', '--from', EXPORT, '--out', exam)).code).toBe(0);
    const files = Object.fromEntries(PLANES.map((p) => [p, join(exam, `${p}.npy`)])) as Record<(typeof PLANES)[number], string>;
    const expected = await predictExam({ modelsDir: models, files });
    expect(doc.tasks[0].planes).toEqual(expected[0]!.planes);
  }, 120_000);

  it('cam --input DICOMDIR explains the -p series; a folder without DICOM exits 2', async () => {
    const out = join(root, 'cam');
    const r = await runCli('cam', '--models', models, '-t', 'acl', '-p', 'coronal', '--input', EXPORT, '--out', out, '--backend', 'wasm');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'cam.json'), 'utf8')).shape).toEqual([4, 256, 256]);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    const e = await runCli('predict', '--models', models, '--exam', empty, '--backend', 'wasm');
    expect(e.code).toBe(2);
    expect(e.err).toBe(`mrnet predict: --exam ${empty}: no axial.npy/coronal.npy/sagittal.npy, and as a DICOM folder: ${empty}: no DICOM image slices among 0 files\n`);
  }, 120_000);
});
