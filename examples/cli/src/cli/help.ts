import type { CommandSpec, FlagSpec } from './spec.js';

function flagUsage(f: FlagSpec): string {
  const name = f.short ? `-${f.short}, --${f.name}` : `--${f.name}`;
  if (f.type === 'boolean') return name;
  const value = f.placeholder ?? (f.type === 'enum' ? f.values!.join('|') : f.type === 'int' ? 'N' : f.type === 'number' ? 'X' : 'VALUE');
  return `${name} ${value}`;
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
    const u = flagUsage(f).replace(/^-\w, /, '');
    return f.required ? u : `[${u}]`;
  });
  return ['mrnet', cmd.name, ...parts].join(' ');
}

/**
 * Full help for one command, generated from its flag specs.
 *
 * @example
 * ```ts
 * process.stdout.write(formatCommandHelp(synthCommand));
 * ```
 */
export function formatCommandHelp(cmd: CommandSpec): string {
  const rows = cmd.flags.map((f) => {
    const extra: string[] = [];
    if (f.required) extra.push('required');
    if (f.default !== undefined) extra.push(`default: ${String(f.default)}`);
    return [flagUsage(f), `${f.help}${extra.length ? ` (${extra.join('; ')})` : ''}`] as const;
  });
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
