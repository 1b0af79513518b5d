import { dashed } from './parse-args.js';
import type { CommandSpec, FlagSpec } from './spec.js';

/** Whether help shows a boolean flag by its `--no-` form (it is on by default). */
function onByDefault(f: FlagSpec): boolean {
  return f.type === 'boolean' && f.default === true;
}

/**
 * How help and the CLI reference write a flag and its value: `-t, --task abnormal|acl|meniscus`,
 * `--weight-decay WD`, `--augment, --no-augment`.
 *
 * @example
 * ```ts
 * import { flagUsage } from '@mrnet/cli';
 * flagUsage({ name: 'weight_decay', type: 'number', placeholder: 'WD', help: 'Adam weight decay' }); // '--weight-decay WD'
 * ```
 */
export function flagUsage(f: FlagSpec): string {
  const long = `--${dashed(f.name)}`;
  const name = f.short ? `-${f.short}, ${long}` : long;
  if (f.type === 'boolean') return onByDefault(f) ? `${name}, --no-${dashed(f.name)}` : name;
  const value = f.placeholder ?? (f.type === 'enum' ? f.values!.join('|') : f.type === 'int' ? 'N' : f.type === 'number' ? 'X' : 'VALUE');
  return `${name} ${value}`;
}

/**
 * A flag's one-line description in help: its help text, then its other accepted spellings, and
 * whether it is required or its default.
 *
 * @example
 * ```ts
 * import { flagDescription } from '@mrnet/cli';
 * flagDescription({ name: 'lr_scheduler', type: 'boolean', default: true, help: 'ReduceLROnPlateau' });
 * // 'ReduceLROnPlateau (also --lr_scheduler 0|1; default: on)'
 * ```
 */
export function flagDescription(f: FlagSpec): string {
  const extra: string[] = [];
  const seedSpelling = dashed(f.name) !== f.name;
  if (f.type === 'boolean' && (seedSpelling || onByDefault(f))) extra.push(`also --${f.name} 0|1`);
  else if (seedSpelling) extra.push(`also --${f.name}`);
  if (f.required) extra.push('required');
  if (f.default !== undefined) extra.push(`default: ${f.type === 'boolean' ? (f.default ? 'on' : 'off') : String(f.default)}`);
  return `${f.help}${extra.length ? ` (${extra.join('; ')})` : ''}`;
}

/**
 * The synopsis of a command: `mrnet synth --out DIR [--train N] …`.
 *
 * @example
 * ```ts
 * formatSynopsis(COMMANDS.find((c) => c.name === 'inspect')!); // 'mrnet inspect --data DIR [--json]'
 * ```
 */
export function formatSynopsis(cmd: CommandSpec): string {
  const parts = cmd.flags.map((f) => {
    const u = onByDefault(f) ? `--no-${dashed(f.name)}` : flagUsage(f).replace(/^-\w, /, '');
    return f.required ? u : `[${u}]`;
  });
  return ['mrnet', cmd.name, ...parts].join(' ');
}

/**
 * Full help for one command, generated from its flag specs.
 *
 * @example
 * ```ts
 * process.stdout.write(formatCommandHelp(COMMANDS.find((c) => c.name === 'synth')!));
 * ```
 */
export function formatCommandHelp(cmd: CommandSpec): string {
  const rows = cmd.flags.map((f) => [flagUsage(f), flagDescription(f)] as const);
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map((r) => r[0].length));
  const lines = [`Usage: ${formatSynopsis(cmd)}`, '', cmd.description ?? cmd.summary, '', 'Flags:'];
  for (const [u, h] of rows) lines.push(`  ${u.padEnd(width)}  ${h}`);
  return lines.join('\n') + '\n';
}

/**
 * The top-level help listing every command.
 *
 * @example
 * ```ts
 * process.stdout.write(formatMainHelp(COMMANDS));
 * ```
 */
export function formatMainHelp(commands: readonly CommandSpec[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = [
    'mrnet — MRNet knee-MRI models on TensorFlow.js',
    '',
    'Usage: mrnet <command> [flags]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `mrnet <command> --help` for a command’s flags.',
    'Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad input.',
  ];
  return lines.join('\n') + '\n';
}
