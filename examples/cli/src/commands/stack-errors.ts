import { MissingModelError } from '@mrnet/stack';
import { BadInputError } from '../cli/usage-error.js';

/**
 * Every package's input error extends `InputError` (from `@mrnet/options`), which the CLI maps to
 * exit 2 by `instanceof`, so errors pass through unchanged — except a missing plane model, whose
 * message gains the `mrnet train` command that makes it (the library cannot know the CLI's flags).
 *
 * @example
 * ```ts
 * import { fitStack } from '@mrnet/stack';
 * await fitStack(options).catch((e: unknown) => { throw asBadInput(e); });
 * ```
 */
export function asBadInput(e: unknown): unknown {
  if (e instanceof MissingModelError) {
    return new BadInputError(
      `--models ${e.modelsDir}: no ${e.task}/${e.plane} model (${e.path} does not exist); make it with: mrnet train --data DATA -t ${e.task} -p ${e.plane} --models ${e.modelsDir}`,
    );
  }
  return e;
}
