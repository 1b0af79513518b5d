import type { FlagSpec, FlagValues } from './spec.js';
import { UsageError } from './usage-error.js';

/**
 * Parses a command's arguments against its flag specs: `--name value`, `--name=value`, `-x value`,
 * and bare `--flag` for booleans. Every mistake throws {@link UsageError} naming the flag: unknown
 * flags, missing values, a flag given twice, stray positional arguments, non-numeric numbers,
 * numbers out of range and values not in an enum. Defaults fill absent flags.
 *
 * @example
 * ```ts
 * parseArgs([{ name: 'train', type: 'int', default: 20, help: 'exams' }], ['--train', '8']); // { train: 8 }
 * ```
 */
export function parseArgs(specs: readonly FlagSpec[], argv: readonly string[]): FlagValues {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const out: FlagValues = {};
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let spec: FlagSpec | undefined;
    let inline: string | undefined;
    let shown = arg;
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      shown = `--${name}`;
      spec = byName.get(name);
    } else if (/^-[A-Za-z]$/.test(arg)) {
      spec = byShort.get(arg.slice(1));
    } else {
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
    }
    if (!spec) throw new UsageError(`${shown}: unknown flag`);
    const label = `--${spec.name}`;
    if (seen.has(spec.name)) throw new UsageError(`${label}: given more than once`);
    seen.add(spec.name);
    let raw: string;
    if (inline !== undefined) raw = inline;
    else if (spec.type === 'boolean') raw = 'true';
    else {
      const next = argv[i + 1];
      const looksLikeFlag = next !== undefined && next.startsWith('-') && !/^-\d/.test(next);
      if (next === undefined || looksLikeFlag) throw new UsageError(`${label}: missing value${spec.placeholder ? ` (${spec.placeholder})` : ''}`);
      raw = next;
      i++;
    }
    out[spec.name] = convert(spec, raw, label);
  }
  for (const spec of specs) {
    if (out[spec.name] !== undefined) continue;
    if (spec.required) throw new UsageError(`--${spec.name}: required`);
    if (spec.default !== undefined) out[spec.name] = spec.default;
  }
  return out;
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
