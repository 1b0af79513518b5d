/**
 * Value types a flag can take.
 *
 * @example
 * ```ts
 * import type { FlagSpec, FlagType } from '@mrnet/cli';
 * const type: FlagType = 'int';
 * const epochs: FlagSpec = { name: 'epochs', type, default: 50, min: 1, help: 'maximum number of epochs' };
 * ```
 */
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

/**
 * Parsed flag values by long name; absent optional flags without a default are missing.
 *
 * @example
 * ```ts
 * import { COMMANDS, parseArgs, type FlagValues } from '@mrnet/cli';
 * const synth = COMMANDS.find((c) => c.name === 'synth')!;
 * const flags: FlagValues = parseArgs(synth.flags, ['--out', 'data', '--train', '8']);
 * flags['train']; // 8
 * ```
 */
export type FlagValues = Record<string, string | number | boolean | undefined>;

/**
 * Where a command writes: stdout for results, stderr for progress and messages.
 *
 * @example
 * ```ts
 * import { run, type CommandIo } from '@mrnet/cli';
 * let out = '';
 * const io: CommandIo = { stdout: (text) => void (out += text), stderr: (text) => void process.stderr.write(text) };
 * await run(['inspect', '--data', 'MRNet-v1.0', '--json'], io);
 * JSON.parse(out);
 * ```
 */
export interface CommandIo {
  /** Receives results (what `--json` documents and tables go to). */
  stdout: (text: string) => void;
  /** Receives progress lines and error messages. */
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
  /** Runs the command with its parsed flags; resolves to the exit code (0 success) or throws. */
  run: (flags: FlagValues, io: CommandIo) => Promise<number>;
}
