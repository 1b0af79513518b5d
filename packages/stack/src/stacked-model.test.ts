import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StackFormatError, StackRangeError, StackTypeError } from './errors.js';
import { LogisticRegression } from './logistic-regression.js';
import { StackedModel, stackedModelSchema } from './stacked-model.js';

interface Case {
  name: string;
  X: number[][];
  y: number[];
  optimum: { coef: number[]; intercept: number; proba: number[] };
}
const fixtures = JSON.parse(readFileSync(new URL('../fixtures/logistic-regression.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};
const planeCase = fixtures.cases.find((c) => c.name === 'plane_probabilities C=1')!;
const hashes = { axial: 'sha256:aaa', coronal: 'sha256:ccc', sagittal: 'sha256:sss' };
const info = { task: 'acl' as const, planeModelHashes: hashes, trainedAt: '2024-05-01T12:00:00.000Z' };

describe('StackedModel', () => {
  const stack = StackedModel.fit(planeCase.X as [number, number, number][], planeCase.y, info);

  it("fits sklearn's LogisticRegression() on [axial, coronal, sagittal] probabilities", () => {
    const { coef, intercept, proba } = planeCase.optimum;
    stack.coef.forEach((w, j) => expect(w).toBeCloseTo(coef[j]!, 6));
    expect(stack.intercept).toBeCloseTo(intercept, 6);
    const byRecord = planeCase.X.map(([axial, coronal, sagittal]) => stack.predict({ axial: axial!, coronal: coronal!, sagittal: sagittal! }));
    byRecord.forEach((p, i) => expect(p).toBeCloseTo(proba[i]!, 7));
    expect(stack.predictMany(planeCase.X as [number, number, number][])).toEqual(byRecord);
  });

  it('serialises to the mrnet-stack v1 format and back', () => {
    const json = JSON.parse(JSON.stringify(stack));
    expect(json).toEqual({
      format: 'mrnet-stack',
      version: 1,
      task: 'acl',
      features: ['axial', 'coronal', 'sagittal'],
      coef: [...stack.coef],
      intercept: stack.intercept,
      planeModelHashes: hashes,
      trainedAt: '2024-05-01T12:00:00.000Z',
    });
    expect(stackedModelSchema.safeParse(json).success).toBe(true);
    const again = StackedModel.fromJSON(JSON.stringify(json));
    expect(again.predict([0.2, 0.5, 0.9])).toBe(stack.predict([0.2, 0.5, 0.9]));
    expect(again.planeModelHashes).toEqual(hashes);
  });

  it('rejects other formats, versions, feature orders and tasks with StackFormatError', () => {
    const json = stack.toJSON();
    const bad = [
      { ...json, format: 'mrnet-logistic-regression' },
      { ...json, version: 2 },
      { ...json, features: ['sagittal', 'coronal', 'axial'] },
      { ...json, task: 'tumour' },
      { ...json, coef: [1, 2] },
      { ...json, planeModelHashes: { axial: 'a', coronal: 'c' } },
      { ...json, trainedAt: 'yesterday' },
    ];
    for (const b of bad) expect(() => StackedModel.fromJSON(b)).toThrow(StackFormatError);
    expect(() => StackedModel.fromJSON({ ...json, version: 2 })).toThrow(/mrnet-stack v1 document: version/);
    expect(() => StackedModel.fromJSON('[')).toThrow(/not JSON/);
  });

  it('checks plane probabilities: [0, 1] numbers, all three planes', () => {
    expect(() => stack.predict([0.1, 0.2] as never)).toThrow(StackRangeError);
    expect(() => stack.predict([0.1, 1.2, 0.3])).toThrow(/coronal probability must be in \[0, 1\] \(got 1.2\)/);
    expect(() => stack.predict([0.1, Number.NaN, 0.3])).toThrow(RangeError);
    expect(() => stack.predict({ axial: 0.1, coronal: 0.2 } as never)).toThrow(/sagittal probability must be a number/);
    expect(() => stack.predict(0.5 as never)).toThrow(StackTypeError);
  });

  it('checks the task, hashes and the regression it wraps', () => {
    const lr2 = new LogisticRegression().fit([[0, 1], [1, 0], [0, 0], [1, 1]], [0, 1, 0, 1]);
    expect(() => StackedModel.fromLogisticRegression(lr2, info)).toThrow(/2 coefficients; a stacked model needs 3/);
    const lr3 = new LogisticRegression().fit(planeCase.X, planeCase.y);
    expect(() => StackedModel.fromLogisticRegression(lr3, { ...info, task: 'tumour' as never })).toThrow(RangeError);
    expect(() => StackedModel.fromLogisticRegression(lr3, { ...info, planeModelHashes: { ...hashes, axial: 1 as never } })).toThrow(TypeError);
    const now = StackedModel.fromLogisticRegression(lr3, { task: 'meniscus', planeModelHashes: hashes });
    expect(Number.isNaN(Date.parse(now.trainedAt))).toBe(false);
    expect(now.task).toBe('meniscus');
  });
});
