import { InputError } from '@mrnet/options';

/**
 * Prediction extraction or exam prediction could not run on its input: a plane model folder is
 * missing or unreadable, an exam file is missing, unreadable or of the wrong shape, a predictions
 * CSV is malformed. The message names the file; `path` holds it.
 *
 * @example
 * ```ts
 * import { PredictionError, predictExam, resolveExamFiles } from '@mrnet/stack';
 * try { await predictExam({ modelsDir: 'models', files: await resolveExamFiles('exam-1130') }); }
 * catch (e) { if (e instanceof PredictionError) console.error(e.path, e.message); }
 * ```
 */
export class PredictionError extends InputError {
  constructor(message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options);
    this.name = 'PredictionError';
  }
}
