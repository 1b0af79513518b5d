import { EXIT_BAD_INPUT, EXIT_OK, failureReport } from './cli/exit-code.js';
import { findCommand } from './cli/find-command.js';
import { formatCommandHelp, formatMainHelp } from './cli/help.js';
import { parseArgs } from './cli/parse-args.js';
import type { CommandIo } from './cli/spec.js';
import { COMMANDS } from './commands/index.js';

/**
 * Runs the `mrnet` CLI on `argv` (without `node` and the script) and returns the exit code:
 * 0 success, 1 runtime failure, 2 bad usage or bad input. Errors are printed as one line on
 * stderr, naming the command and the file or flag; a failure that is not bad input (a bug, a full
 * disk) is followed by its stack trace; `MRNET_DEBUG=1` prints the stack for bad input too.
 *
 * @example
 * ```ts
 * import { run } from '@mrnet/cli';
 * const code = await run(['inspect', '--data', 'MRNet-v1.0'], {
 *   stdout: (s) => process.stdout.write(s),
 *   stderr: (s) => process.stderr.write(s),
 * });
 * ```
 */
export async function run(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name] = argv;
  if (name === undefined) {
    io.stderr(formatMainHelp(COMMANDS));
    return EXIT_BAD_INPUT;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(formatMainHelp(COMMANDS));
    return EXIT_OK;
  }
  const found = findCommand(COMMANDS, argv);
  if (!found) {
    const shown = COMMANDS.some((c) => c.name.startsWith(`${name} `)) && argv[1] !== undefined ? `${name} ${argv[1]}` : name;
    io.stderr(`mrnet: unknown command ${JSON.stringify(shown)} (commands: ${COMMANDS.map((c) => c.name).join(', ')}; see mrnet --help)\n`);
    return EXIT_BAD_INPUT;
  }
  const { command: cmd, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(formatCommandHelp(cmd));
    return EXIT_OK;
  }
  try {
    const flags = parseArgs(cmd.flags, rest);
    return await cmd.run(flags, io);
  } catch (error) {
    const report = failureReport(error, cmd.name, Boolean(process.env['MRNET_DEBUG']));
    io.stderr(report.text);
    return report.code;
  }
}
