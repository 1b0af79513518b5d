import type { CommandSpec } from './spec.js';

/**
 * The command `argv` names, and the arguments left for its flags. A command's name may be two
 * words (`queue train`): `mrnet queue train --redis URL` runs the command named `queue train`.
 * Returns `undefined` for a name no command has.
 *
 * @example
 * ```ts
 * import { COMMANDS } from '@mrnet/cli';
 * findCommand(COMMANDS, ['train', '--data', 'd'])?.command.name; // 'train'
 * ```
 */
export function findCommand<C extends CommandSpec>(commands: readonly C[], argv: readonly string[]): { command: C; rest: string[] } | undefined {
  const [first, second, ...more] = argv;
  if (first === undefined) return undefined;
  const two = second === undefined ? undefined : commands.find((c) => c.name === `${first} ${second}`);
  if (two) return { command: two, rest: more };
  const one = commands.find((c) => c.name === first);
  return one ? { command: one, rest: argv.slice(1) } : undefined;
}
