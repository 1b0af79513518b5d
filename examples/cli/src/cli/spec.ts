/** Value types a flag can take. */
export type FlagType = 'string' | 'int' | 'number' | 'boolean' | 'enum';

/**
 * One command-line flag, described as data so that help text and the CLI reference are generated
 * from the same definitions the parser uses.
 *
 * @example
 * ```ts
 * const seed: FlagSpec = { name: 'seed', type: 'int', default: 0, min: 0, help: 'random seed' };
 * ```
 */
export interface FlagSpec {
  /** Long name, used as `--name`. */
  name: string;
  /** Optional one-letter alias, used as `-x`. */
  short?: string;
  type: FlagType;
  /** Allowed values of an `enum` flag. */
  values?: readonly string[];
  /** Value when the flag is absent. */
  default?: string | number | boolean;
  /** Whether the flag must be given. */
  required?: boolean;
  /** Inclusive bounds of an `int` / `number` flag. */
  min?: number;
  max?: number;
  /** Name of the value in help text (`DIR`, `N`). */
  placeholder?: string;
  /** One-line description. */
  help: string;
}

/** Parsed flag values by long name; absent optional flags without a default are missing. */
export type FlagValues = Record<string, string | number | boolean | undefined>;

/** Where a command writes: stdout for results, stderr for progress and messages. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * A `mrnet` subcommand: its flags and what it does. `run` returns the exit code (0 success) or
 * throws; thrown errors are mapped to exit codes by `run` in `run.ts`.
 *
 * @example
 * ```ts
 * const hello: CommandSpec = {
 *   name: 'hello', summary: 'greets', flags: [{ name: 'who', type: 'string', default: 'world', help: 'whom' }],
 *   run: async (flags, io) => { io.stdout(`hello ${String(flags.who)}\n`); return 0; },
 * };
 * ```
 */
export interface CommandSpec {
  name: string;
  /** One-line summary shown in `mrnet --help`. */
  summary: string;
  /** Longer description shown in `mrnet <cmd> --help`. */
  description?: string;
  flags: readonly FlagSpec[];
  run: (flags: FlagValues, io: CommandIo) => Promise<number>;
}
