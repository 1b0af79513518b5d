import { PLANES, TASKS, type Plane, type Task } from '@mrnet/data';
import { z } from 'zod';
import { StackFormatError, StackRangeError, StackTypeError } from './errors.js';
import { LogisticRegression, formatIssue, parseText, type LogisticRegressionOptions } from './logistic-regression.js';
import { describe, parseOptions } from './options.js';
import { sigmoid } from './newton.js';

/**
 * The format tag of a serialised {@link StackedModel}.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { STACKED_MODEL_FORMAT } from '@mrnet/stack';
 * JSON.parse(readFileSync('models/acl/stack.json', 'utf8')).format === STACKED_MODEL_FORMAT; // true
 * ```
 */
export const STACKED_MODEL_FORMAT = 'mrnet-stack';

const finite = z.number().finite();
const hash = z.string().min(1);

/**
 * zod schema of a stacked model file (`{task}-stack.json` beside the plane models):
 * `{ format: 'mrnet-stack', version: 1, task, features: ['axial','coronal','sagittal'], coef,
 * intercept, planeModelHashes: { axial, coronal, sagittal }, trainedAt }`, `trainedAt` an ISO 8601
 * date-time. Unknown extra fields are dropped on parse.
 *
 * @example
 * ```ts
 * import { stackedModelSchema } from '@mrnet/stack';
 * const ok = stackedModelSchema.safeParse(JSON.parse(text)).success;
 * ```
 */
export const stackedModelSchema = z.object({
  format: z.literal(STACKED_MODEL_FORMAT),
  version: z.literal(1),
  task: z.enum(TASKS),
  features: z.tuple([z.literal('axial'), z.literal('coronal'), z.literal('sagittal')]),
  coef: z.tuple([finite, finite, finite]),
  intercept: finite,
  planeModelHashes: z.object({ axial: hash, coronal: hash, sagittal: hash }),
  trainedAt: z.iso.datetime({ offset: true }),
});

/**
 * A stacked model as plain JSON; see {@link stackedModelSchema}.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { StackedModel, type StackedModelJSON } from '@mrnet/stack';
 * const json: StackedModelJSON = JSON.parse(readFileSync('models/acl/stack.json', 'utf8'));
 * const stack = StackedModel.fromJSON(json); // checks format and version
 * ```
 */
export type StackedModelJSON = z.infer<typeof stackedModelSchema>;

/**
 * The three plane probabilities of one exam: a record keyed by plane, or a tuple in the stacked
 * model's feature order `[axial, coronal, sagittal]`.
 *
 * @example
 * ```ts
 * import type { PlaneProbabilities } from '@mrnet/stack';
 * const byName: PlaneProbabilities = { axial: 0.7, coronal: 0.4, sagittal: 0.9 };
 * const inOrder: PlaneProbabilities = [0.7, 0.4, 0.9]; // axial, coronal, sagittal
 * stack.predict(byName) === stack.predict(inOrder); // true
 * ```
 */
export type PlaneProbabilities = Readonly<Record<Plane, number>> | readonly [number, number, number];

/**
 * What a {@link StackedModel} records besides its coefficients.
 *
 * @example
 * ```ts
 * import { StackedModel, hashModelDir, type StackedModelInfo } from '@mrnet/stack';
 * const info: StackedModelInfo = {
 *   task: 'acl',
 *   planeModelHashes: { axial: await hashModelDir('models/acl/axial'), coronal: await hashModelDir('models/acl/coronal'), sagittal: await hashModelDir('models/acl/sagittal') },
 * };
 * const stack = StackedModel.fit(trainRows, trainLabels, info);
 * ```
 */
export interface StackedModelInfo {
  /** The task the three plane models were trained for. */
  task: Task;
  /** Content hash of each plane model the probabilities came from. */
  planeModelHashes: Readonly<Record<Plane, string>>;
  /** When the meta-model was fitted; default now. */
  trainedAt?: Date | string;
}

const infoSchema = z
  .object({
    task: z.enum(TASKS),
    planeModelHashes: z.object({ axial: hash, coronal: hash, sagittal: hash }),
    trainedAt: z.union([z.date(), z.iso.datetime({ offset: true })]).optional(),
  })
  .strict();

/**
 * The MRNet meta-model: a logistic regression over the three plane models' probabilities, in the
 * order `['axial', 'coronal', 'sagittal']`, tagged with the task and the hashes of the plane models
 * it was fitted on, so a stale stack (plane model retrained since) can be detected.
 *
 * @example
 * ```ts
 * import { StackedModel } from '@mrnet/stack';
 * const stack = StackedModel.fit(
 *   [[0.1, 0.2, 0.1], [0.8, 0.7, 0.9], [0.3, 0.1, 0.2], [0.6, 0.9, 0.7]],
 *   [0, 1, 0, 1],
 *   { task: 'acl', planeModelHashes: { axial: 'a1', coronal: 'c1', sagittal: 's1' } },
 * );
 * stack.predict({ axial: 0.7, coronal: 0.4, sagittal: 0.9 }); // P(ACL tear)
 * fs.writeFileSync('models/acl-stack.json', JSON.stringify(stack));
 * ```
 */
export class StackedModel {
  /** Format tag, always `'mrnet-stack'`. */
  readonly format = STACKED_MODEL_FORMAT;
  /** Format version, 1. */
  readonly version = 1;
  /** The feature order: `['axial', 'coronal', 'sagittal']`. */
  readonly features: readonly ['axial', 'coronal', 'sagittal'] = ['axial', 'coronal', 'sagittal'];
  /** The task. */
  readonly task: Task;
  /** One coefficient per plane, in feature order. */
  readonly coef: readonly [number, number, number];
  /** The intercept. */
  readonly intercept: number;
  /** Hash of each plane model the meta-model was fitted on. */
  readonly planeModelHashes: Readonly<Record<Plane, string>>;
  /** ISO 8601 time of fitting. */
  readonly trainedAt: string;

  private constructor(json: StackedModelJSON) {
    this.task = json.task;
    this.coef = Object.freeze([...json.coef]) as unknown as readonly [number, number, number];
    this.intercept = json.intercept;
    this.planeModelHashes = Object.freeze({ ...json.planeModelHashes });
    this.trainedAt = json.trainedAt;
  }

  /**
   * Fits the meta-model: a {@link LogisticRegression} (scikit-learn defaults unless `options` says
   * otherwise) on per-exam plane probabilities and 0/1 labels.
   * @example
   * ```ts
   * const stack = StackedModel.fit(trainRows, trainLabels, { task: 'acl', planeModelHashes });
   * ```
   */
  static fit(
    rows: readonly PlaneProbabilities[],
    labels: ArrayLike<number>,
    info: StackedModelInfo,
    options: LogisticRegressionOptions = {},
  ): StackedModel {
    const X = toRows('StackedModel.fit', rows);
    const lr = new LogisticRegression(options).fit(X, labels);
    return StackedModel.fromLogisticRegression(lr, info);
  }

  /**
   * Wraps a fitted 3-feature {@link LogisticRegression} (columns in feature order) as a stacked model.
   * @example
   * ```ts
   * const lr = new LogisticRegression().fit(X, y); // X rows: [axial, coronal, sagittal]
   * const stack = StackedModel.fromLogisticRegression(lr, { task: 'acl', planeModelHashes });
   * ```
   */
  static fromLogisticRegression(lr: LogisticRegression, info: StackedModelInfo): StackedModel {
    const { task, planeModelHashes, trainedAt } = parseOptions('StackedModel', infoSchema, info);
    const coef = lr.coef;
    if (coef.length !== PLANES.length) {
      throw new StackRangeError(
        `StackedModel.fromLogisticRegression: the regression has ${coef.length} coefficients; a stacked model needs 3 (axial, coronal, sagittal)`,
      );
    }
    const when = trainedAt === undefined ? new Date() : trainedAt;
    return new StackedModel({
      format: STACKED_MODEL_FORMAT,
      version: 1,
      task,
      features: ['axial', 'coronal', 'sagittal'],
      coef: [coef[0]!, coef[1]!, coef[2]!],
      intercept: lr.intercept,
      planeModelHashes,
      trainedAt: typeof when === 'string' ? when : when.toISOString(),
    });
  }

  /**
   * The stacked logit `intercept + Σ coef[plane] · p[plane]` for one exam.
   * @example
   * ```ts
   * stack.decisionFunction([0.7, 0.4, 0.9]);
   * ```
   */
  decisionFunction(probabilities: PlaneProbabilities): number {
    const x = toRow('StackedModel.decisionFunction', probabilities);
    return this.intercept + this.coef[0] * x[0] + this.coef[1] * x[1] + this.coef[2] * x[2];
  }

  /**
   * The stacked probability for one exam from its three plane probabilities (each in [0, 1]).
   * @example
   * ```ts
   * stack.predict({ axial: 0.7, coronal: 0.4, sagittal: 0.9 }); // in (0, 1)
   * ```
   */
  predict(probabilities: PlaneProbabilities): number {
    return sigmoid(this.decisionFunction(probabilities));
  }

  /**
   * {@link StackedModel.predict} for many exams.
   * @example
   * ```ts
   * const scores = stack.predictMany(validRows); // then rocAucScore(validLabels, scores)
   * ```
   */
  predictMany(rows: readonly PlaneProbabilities[]): number[] {
    if (!Array.isArray(rows)) throw new StackTypeError(`StackedModel.predictMany: rows must be an array (got ${describe(rows)})`);
    return rows.map((r) => this.predict(r));
  }

  /**
   * The model as a `mrnet-stack` v1 JSON document.
   * @example
   * ```ts
   * fs.writeFileSync('acl-stack.json', JSON.stringify(stack, null, 2));
   * ```
   */
  toJSON(): StackedModelJSON {
    return {
      format: STACKED_MODEL_FORMAT,
      version: 1,
      task: this.task,
      features: ['axial', 'coronal', 'sagittal'],
      coef: [...this.coef],
      intercept: this.intercept,
      planeModelHashes: { ...this.planeModelHashes },
      trainedAt: this.trainedAt,
    };
  }

  /**
   * Loads a `mrnet-stack` v1 document (object or JSON text); anything else throws
   * {@link StackFormatError} naming the first bad field.
   * @example
   * ```ts
   * const stack = StackedModel.fromJSON(fs.readFileSync('models/acl-stack.json', 'utf8'));
   * ```
   */
  static fromJSON(json: unknown): StackedModel {
    const value = typeof json === 'string' ? parseText('StackedModel.fromJSON', json) : json;
    const result = stackedModelSchema.safeParse(value);
    if (!result.success) {
      throw new StackFormatError(`StackedModel.fromJSON: not a ${STACKED_MODEL_FORMAT} v1 document: ${formatIssue(result.error)}`);
    }
    return new StackedModel(result.data);
  }
}

function toRows(fn: string, rows: readonly PlaneProbabilities[]): number[][] {
  if (!Array.isArray(rows)) throw new StackTypeError(`${fn}: rows must be an array (got ${describe(rows)})`);
  return rows.map((r, i) => toRow(`${fn}: rows[${i}]`, r));
}

/** One exam's probabilities in feature order, each checked to be a number in [0, 1]. */
function toRow(where: string, p: PlaneProbabilities): [number, number, number] {
  let values: unknown[];
  if (Array.isArray(p)) {
    if (p.length !== 3) throw new StackRangeError(`${where}: expected 3 probabilities [axial, coronal, sagittal], got ${p.length}`);
    values = p;
  } else if (p !== null && typeof p === 'object') {
    values = PLANES.map((plane) => (p as Record<string, unknown>)[plane]);
  } else {
    throw new StackTypeError(`${where}: expected { axial, coronal, sagittal } or a 3-tuple (got ${describe(p)})`);
  }
  values.forEach((v, j) => {
    const plane = PLANES[j]!;
    if (typeof v !== 'number') throw new StackTypeError(`${where}: ${plane} probability must be a number (got ${describe(v)})`);
    if (!(v >= 0 && v <= 1)) throw new StackRangeError(`${where}: ${plane} probability must be in [0, 1] (got ${v})`);
  });
  return values as [number, number, number];
}
