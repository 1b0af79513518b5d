export { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, exitCodeFor, failureReport, oneLine, RuntimeFailure } from './cli/exit-code.js';
export { flagDescription, flagUsage, formatCommandHelp, formatMainHelp, formatSynopsis } from './cli/help.js';
export { parseArgs } from './cli/parse-args.js';
export { defineCommand, defineFlags } from './cli/spec.js';
export type { CommandIo, CommandSpec, FlagSpec, FlagType, FlagValues, FlagValuesOf, TypedCommandSpec } from './cli/spec.js';
export { BadInputError, UsageError } from './cli/usage-error.js';
export { COMMANDS } from './commands/index.js';
export { formatInspection } from './format-inspection.js';
export { run } from './run.js';
