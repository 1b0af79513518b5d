/**
 * Value types a flag can take. A `boolean` flag is a switch: `--json`, `--json=0`, `--augment 0|1`
 * (the seed's spelling) and `--no-augment` all parse.
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
 * One command-line flag, described as data so that the parser, the help text and the CLI
 * reference all come from the same definition. A name with `_` or `-` is accepted in both
 * spellings (`--weight_decay` and `--weight-decay`); help shows the `-` one.
 *
 * @example
 * ```ts
 * import type { FlagSpec } from '@mrnet/cli';
 * const seed: FlagSpec = { name: 'seed', type: 'int', default: 0, min: 0, help: 'random seed' };
 * ```
 */
export interface FlagSpec {
  /** Long name, used as `--name`; also the key of its value in the parsed flags. */
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
 * Parsed flag values by long name, untyped: what an old-style {@link CommandSpec} (one declared
 * without {@link defineCommand}) receives. Absent optional flags without a default are missing.
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

/** The value type of one flag spec: `int`/`number` → number, `boolean` → boolean, `enum` → its values. */
type FlagValueOf<S extends FlagSpec> = S['type'] extends 'int' | 'number'
  ? number
  : S['type'] extends 'boolean'
    ? boolean
    : S['type'] extends 'enum'
      ? S extends { values: readonly (infer V)[] }
        ? V
        : string
      : string;

/** Whether a flag always has a value after parsing (it is required or has a default). */
type AlwaysSet<S extends FlagSpec> = S extends { required: true } ? true : S extends { default: string | number | boolean } ? true : false;

/**
 * The typed flag values of a list of flag specs, keyed by name: a required or defaulted flag is
 * always set, any other may be `undefined`. For an untyped `FlagSpec[]` this is {@link FlagValues}.
 *
 * @example
 * ```ts
 * import { defineFlags, type FlagValuesOf } from '@mrnet/cli';
 * const FLAGS = defineFlags([
 *   { name: 'epochs', type: 'int', default: 50, help: 'epochs' },
 *   { name: 'task', short: 't', type: 'enum', values: ['acl', 'meniscus'], required: true, help: 'task' },
 *   { name: 'out', type: 'string', help: 'output folder' },
 * ]);
 * type Flags = FlagValuesOf<typeof FLAGS>; // { epochs: number; task: 'acl' | 'meniscus' } & { out?: string }
 * ```
 */
export type FlagValuesOf<F extends readonly FlagSpec[]> = string extends F[number]['name']
  ? FlagValues
  : { [S in F[number] as AlwaysSet<S> extends true ? S['name'] : never]: FlagValueOf<S> } & {
      [S in F[number] as AlwaysSet<S> extends true ? never : S['name']]?: FlagValueOf<S> | undefined;
    };

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
 * throws; thrown errors are mapped to exit codes by `run` in `run.ts`. This is the registry's
 * (untyped) view: declare a command with {@link defineCommand} so that its `run` receives flags
 * typed from its `flags`; a literal typed `CommandSpec` still works and receives {@link FlagValues}.
 *
 * @example
 * ```ts
 * import type { CommandSpec } from '@mrnet/cli';
 * const hello: CommandSpec = {
 *   name: 'hello', summary: 'greets', flags: [{ name: 'who', type: 'string', default: 'world', help: 'whom' }],
 *   run: async (flags, io) => { io.stdout(`hello ${String(flags['who'])}\n`); return 0; },
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
  run(flags: FlagValues, io: CommandIo): Promise<number>;
}

/**
 * A command whose `run` receives the flags typed from its own flag specs (what
 * {@link defineCommand} returns). It is a {@link CommandSpec}, so it goes into the registry as is.
 *
 * @example
 * ```ts
 * import { defineCommand, type TypedCommandSpec } from '@mrnet/cli';
 * const flags = [{ name: 'n', type: 'int', default: 1, help: 'count' }] as const;
 * const count: TypedCommandSpec<typeof flags> = defineCommand({ name: 'count', summary: 'counts', flags, run: async (f) => f.n });
 * ```
 */
export interface TypedCommandSpec<F extends readonly FlagSpec[]> extends Omit<CommandSpec, 'flags' | 'run'> {
  flags: F;
  /**
   * Runs the command with its parsed, typed flags. Method syntax on purpose: its parameter is then
   * compared bivariantly, which makes a typed command assignable to {@link CommandSpec}.
   */
  run(flags: FlagValuesOf<F>, io: CommandIo): Promise<number>;
}

/**
 * Declares a command whose `run` receives flags typed from its flag specs — the one definition
 * that the parser, `--help` and the CLI reference also read.
 *
 * @example
 * ```ts
 * import { defineCommand } from '@mrnet/cli';
 * export const helloCommand = defineCommand({
 *   name: 'hello',
 *   summary: 'greets',
 *   flags: [
 *     { name: 'who', type: 'string', default: 'world', help: 'whom to greet' },
 *     { name: 'times', type: 'int', default: 1, min: 1, help: 'how often' },
 *   ],
 *   run: async (flags, io) => {
 *     io.stdout(`hello ${flags.who}\n`.repeat(flags.times)); // flags.who: string, flags.times: number
 *     return 0;
 *   },
 * });
 * ```
 */
export function defineCommand<const F extends readonly FlagSpec[]>(spec: TypedCommandSpec<F>): TypedCommandSpec<F> {
  return spec;
}

/**
 * Declares a list of flag specs keeping their literal types, for flags shared by several commands
 * or passed to helpers: `FlagValuesOf<typeof FLAGS>` is then the helpers' parameter type.
 *
 * @example
 * ```ts
 * import { defineFlags, type CommandIo, type FlagValuesOf } from '@mrnet/cli';
 * const FLAGS = defineFlags([{ name: 'json', type: 'boolean', default: false, help: 'one JSON document' }]);
 * function report(flags: FlagValuesOf<typeof FLAGS>, io: CommandIo): void {
 *   io.stdout(flags.json ? '{}\n' : 'ok\n');
 * }
 * ```
 */
export function defineFlags<const F extends readonly FlagSpec[]>(flags: F): F {
  return flags;
}
