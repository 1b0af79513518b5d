import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PredictionError } from '../extract/prediction-error.js';
import { resolveExamFiles } from './exam-files.js';

describe('resolveExamFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'mrnet-exam-'));
  const touch = (...parts: string[]): void => {
    mkdirSync(join(root, ...parts.slice(0, -1)), { recursive: true });
    writeFileSync(join(root, ...parts), '');
  };
  touch('exam', 'axial.npy');
  touch('exam', 'coronal.npy');
  touch('exam', 'sagittal.npy');
  for (const p of ['axial', 'coronal', 'sagittal']) touch('valid', p, '1130.npy');
  touch('partial', 'axial', '0007.npy');

  it('finds {plane}.npy in an exam folder, and {plane}/{id:04d}.npy in a split folder', async () => {
    expect(await resolveExamFiles(join(root, 'exam'))).toEqual({
      axial: join(root, 'exam', 'axial.npy'),
      coronal: join(root, 'exam', 'coronal.npy'),
      sagittal: join(root, 'exam', 'sagittal.npy'),
    });
    expect((await resolveExamFiles(join(root, 'valid'), 1130)).sagittal).toBe(join(root, 'valid', 'sagittal', '1130.npy'));
  });

  it('lists every missing plane file, and names a missing folder', async () => {
    const err = await resolveExamFiles(join(root, 'partial'), 7).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PredictionError);
    expect((err as Error).message).toBe(
      `${join(root, 'partial', 'coronal', '0007.npy')}, ${join(root, 'partial', 'sagittal', '0007.npy')}: missing (an exam needs all three planes: axial, coronal, sagittal)`,
    );
    await expect(resolveExamFiles(join(root, 'valid'))).rejects.toThrow(/valid\/axial\.npy/);
    await expect(resolveExamFiles(join(root, 'nowhere'))).rejects.toThrow(/nowhere: no such folder/);
    await expect(resolveExamFiles(join(root, 'exam', 'axial.npy'))).rejects.toThrow(/axial\.npy: not a folder/);
    await expect(resolveExamFiles(join(root, 'valid'), -1)).rejects.toThrow(RangeError);
  });
});
