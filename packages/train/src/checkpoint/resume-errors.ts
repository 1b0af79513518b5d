import { InputError } from '@mrnet/options';

/**
 * `resume: true` but there is no resume checkpoint for this task+plane (nothing was interrupted,
 * or the run finished and removed it). `path` is where it was looked for.
 *
 * @example
 * ```ts
 * import { trainPlaneModel, NoResumeCheckpointError } from '@mrnet/train';
 * try {
 *   await trainPlaneModel({ dataRoot: 'data', task: 'acl', plane: 'axial', resume: true });
 * } catch (e) {
 *   if (e instanceof NoResumeCheckpointError) console.error(`nothing to resume at ${e.path}`);
 * }
 * ```
 */
export class NoResumeCheckpointError extends InputError {
  /** The resume file that does not exist. */
  declare readonly path: string;

  constructor(message: string, path: string) {
    super(message, { path });
    this.name = 'NoResumeCheckpointError';
  }
}
