import { InputError } from '@mrnet/options';

/**
 * Bad command-line usage (unknown flag, missing or malformed value). The CLI prints its one-line
 * message and exits with code 2.
 *
 * @example
 * ```ts
 * throw new UsageError('--train: expected an integer, got "abc"');
 * ```
 */
export class UsageError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Bad input that is not a usage mistake (e.g. an output folder that already holds files). The CLI
 * prints its one-line message and exits with code 2.
 *
 * @example
 * ```ts
 * throw new BadInputError('--out data: folder exists and is not empty');
 * ```
 */
export class BadInputError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'BadInputError';
  }
}
