import { MissingModelError } from '@mrnet/stack';
import { BadInputError } from '../cli/usage-error.js';

/** Error classes of the packages that mean the input (models, data, exam files) is wrong. */
const INPUT_ERRORS = new Set([
  'PredictionError',
  'MissingModelError',
  'ModelArtifactsError',
  'ModelShapeError',
  'StackFormatError',
  'StackRangeError',
  'StackTypeError',
  'UndefinedMetricError',
  'BackendUnavailableError',
]);

/**
 * Maps the stacking and prediction packages' input errors (a missing or malformed model, exam
 * file or stack file; a split with a single class) to {@link BadInputError}, so the CLI exits 2
 * with their one-line message; anything else is passed through unchanged.
 *
 * @example
 * ```ts
 * await fitStack(options).catch((e: unknown) => { throw asBadInput(e); });
 * ```
 */
export function asBadInput(e: unknown): unknown {
  if (e instanceof MissingModelError) {
    return new BadInputError(
      `--models ${e.modelsDir}: no ${e.task}/${e.plane} model (${e.path} does not exist); make it with: mrnet train --data DATA -t ${e.task} -p ${e.plane} --models ${e.modelsDir}`,
    );
  }
  if (e instanceof Error && INPUT_ERRORS.has(e.name)) return new BadInputError(e.message);
  return e;
}
