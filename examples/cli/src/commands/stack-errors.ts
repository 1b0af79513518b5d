/**
 * Formerly mapped a list of the stacking and prediction packages' error names to exit code 2. Every
 * package's input error now extends `InputError` (from `@mrnet/options`), which the CLI maps to
 * exit 2 by `instanceof`, so this passes the error through unchanged.
 *
 * @deprecated Throw the error as it is; kept so that existing call sites still compile.
 * @example
 * ```ts
 * import { fitStack } from '@mrnet/stack';
 * await fitStack(options).catch((e: unknown) => { throw asBadInput(e); });
 * ```
 */
export function asBadInput(e: unknown): unknown {
  return e;
}
