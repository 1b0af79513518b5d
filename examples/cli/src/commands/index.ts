import type { CommandSpec } from '../cli/spec.js';
import { camCommand } from './cam.js';
import { convertCommand } from './convert.js';
import { demoCommand } from './demo.js';
import { importCommand } from './import.js';
import { doctorCommand } from './doctor.js';
import { inspectCommand } from './inspect.js';
import { predictCommand } from './predict.js';
import { queuePredictCommand, queueStatusCommand, queueTrainCommand } from './queue.js';
import { stackCommand } from './stack.js';
import { synthCommand } from './synth.js';
import { trainCommand } from './train.js';
import { workerCommand } from './worker.js';

/**
 * Every `mrnet` command, in help order. Add a command by writing `commands/<name>.ts` exporting a
 * {@link CommandSpec} and listing it here.
 *
 * @example
 * ```ts
 * COMMANDS.map((c) => c.name); // ['demo', 'synth', 'inspect', 'train', 'stack', 'predict', 'cam', 'convert', 'import', 'doctor']
 * ```
 */
export const COMMANDS: readonly CommandSpec[] = [demoCommand, synthCommand, inspectCommand, trainCommand, stackCommand, predictCommand, camCommand, convertCommand, importCommand, doctorCommand, queueTrainCommand, queuePredictCommand, queueStatusCommand, workerCommand];
