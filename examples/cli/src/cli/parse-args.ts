import { Command, CommanderError, Option } from 'commander';
import type { FlagSpec, FlagValues, FlagValuesOf } from './spec.js';
import { UsageError } from './usage-error.js';

/** The spelling help shows and commander matches: `weight_decay` → `weight-decay`. */
export function dashed(name: string): string {
  return name.replace(/_/g, '-');
}

/** `--weight_decay=1` → `--weight-decay=1`: both spellings of a flag name reach the same option. */
function normaliseToken(arg: string): string {
  if (!arg.startsWith('--') || arg.length === 2) return arg;
  const eq = arg.indexOf('=');
  return eq < 0 ? dashed(arg) : `${dashed(arg.slice(0, eq))}${arg.slice(eq)}`;
}

/** Builds the commander command that tokenises `argv`; `onValue` receives each flag's raw value. */
function commanderFor(specs: readonly FlagSpec[], onValue: (spec: FlagSpec, raw: string | undefined, negated: boolean) => void): Command {
  const cmd = new Command('mrnet')
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    .helpOption(false)
    .allowUnknownOption(false)
    .allowExcessArguments(false)
    .showSuggestionAfterError(true);
  for (const spec of specs) {
    const long = `--${dashed(spec.name)}`;
    const flags = `${spec.short ? `-${spec.short}, ` : ''}${long} ${spec.type === 'boolean' ? '[value]' : '<value>'}`;
    const option = new Option(flags, spec.help);
    cmd.addOption(option);
    cmd.on(`option:${option.name()}`, (raw: string | null | undefined) => onValue(spec, raw ?? undefined, false));
    if (spec.type === 'boolean') {
      const negated = new Option(`--no-${dashed(spec.name)}`, `not ${spec.help}`).hideHelp();
      cmd.addOption(negated);
      cmd.on(`option:${negated.name()}`, () => onValue(spec, undefined, true));
    }
  }
  return cmd;
}

/** commander's own errors, as the one-line {@link UsageError}s the CLI prints. */
function usageErrorFrom(error: CommanderError, specs: readonly FlagSpec[], cmd: Command, original: Map<string, string>): UsageError {
  if (error.code === 'commander.unknownOption') {
    const flag = /unknown option '([^']+)'/.exec(error.message)?.[1] ?? '?';
    const shown = original.get(flag) ?? flag;
    const similar = /\(Did you mean (?:one of )?(.+)\?\)/.exec(error.message)?.[1];
    return new UsageError(`${shown}: unknown flag${similar ? ` (did you mean ${similar}?)` : ''}`);
  }
  if (error.code === 'commander.optionMissingArgument') {
    const long = /--([\w-]+)/.exec(error.message)?.[1];
    const spec = specs.find((s) => dashed(s.name) === long);
    if (spec) return missingValue(spec);
  }
  if (error.code === 'commander.excessArguments') return new UsageError(`unexpected argument ${JSON.stringify(cmd.args[0])}`);
  return new UsageError(error.message.replace(/^error: /, '').split('\n')[0]!);
}

function missingValue(spec: FlagSpec): UsageError {
  return new UsageError(`--${spec.name}: missing value${spec.placeholder ? ` (${spec.placeholder})` : ''}`);
}

/**
 * Parses a command's arguments against its flag specs, on commander: `--name value`,
 * `--name=value`, `-x value`, `--flag` / `--flag 0|1` / `--no-flag` for booleans, and both
 * spellings of a name with `_` or `-`. Every mistake throws {@link UsageError} naming the flag:
 * unknown flags (with a did-you-mean), missing values, a flag given twice, stray positional
 * arguments, non-numeric numbers, numbers out of range and values not in an enum. Defaults fill
 * absent flags. The result is typed from the specs (see {@link FlagValuesOf}).
 *
 * @example
 * ```ts
 * import { parseArgs } from '@mrnet/cli';
 * parseArgs([{ name: 'train', type: 'int', default: 20, help: 'exams' }], ['--train', '8']); // { train: 8 }
 * ```
 */
export function parseArgs<const F extends readonly FlagSpec[]>(specs: F, argv: readonly string[]): FlagValuesOf<F> {
  const out: FlagValues = {};
  const seen = new Set<string>();
  const onValue = (spec: FlagSpec, raw: string | undefined, negated: boolean): void => {
    const label = `--${spec.name}`;
    if (seen.has(spec.name)) throw new UsageError(`${label}: given more than once`);
    seen.add(spec.name);
    if (spec.type !== 'boolean' && raw !== undefined && raw.startsWith('-') && raw.length > 1 && !/^-[\d.]/.test(raw)) throw missingValue(spec);
    out[spec.name] = negated ? false : convert(spec, raw ?? 'true', label);
  };
  const original = new Map<string, string>();
  const normalised = argv.map((arg) => {
    const n = normaliseToken(arg);
    original.set(n.split('=')[0]!, arg.split('=')[0]!);
    return n;
  });
  const cmd = commanderFor(specs, onValue);
  try {
    cmd.parse(normalised, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) throw usageErrorFrom(error, specs, cmd, original);
    throw error;
  }
  for (const spec of specs) {
    if (out[spec.name] !== undefined) continue;
    if (spec.required) throw new UsageError(`--${spec.name}: required`);
    if (spec.default !== undefined) out[spec.name] = spec.default;
  }
  return out as FlagValuesOf<F>;
}

function convert(spec: FlagSpec, raw: string, label: string): string | number | boolean {
  switch (spec.type) {
    case 'string':
      if (raw === '') throw new UsageError(`${label}: empty value`);
      return raw;
    case 'boolean':
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      throw new UsageError(`${label}: expected true/false or 1/0, got ${JSON.stringify(raw)}`);
    case 'enum':
      if (!spec.values?.includes(raw)) throw new UsageError(`${label}: expected one of ${spec.values?.join(', ')}, got ${JSON.stringify(raw)}`);
      return raw;
    case 'int':
    case 'number': {
      const ok = spec.type === 'int' ? /^[+-]?\d+$/.test(raw) : /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw);
      const value = Number(raw);
      if (!ok || !Number.isFinite(value) || (spec.type === 'int' && !Number.isSafeInteger(value))) {
        throw new UsageError(`${label}: expected ${spec.type === 'int' ? 'an integer' : 'a number'}, got ${JSON.stringify(raw)}`);
      }
      if (spec.min !== undefined && value < spec.min) throw new UsageError(`${label}: must be ≥ ${spec.min}, got ${raw}`);
      if (spec.max !== undefined && value > spec.max) throw new UsageError(`${label}: must be ≤ ${spec.max}, got ${raw}`);
      return value;
    }
  }
}
