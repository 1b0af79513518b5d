import { InputError, type InputErrorOptions } from '@mrnet/options';

/**
 * A job payload, queue option or Redis URL that is not valid: bad input, never retried. The
 * message names the field or value.
 *
 * @example
 * ```ts
 * import { QueueInputError } from '@mrnet/queue';
 * new QueueInputError('--redis: ftp://x is not a redis:// or rediss:// URL', { path: 'ftp://x' });
 * ```
 */
export class QueueInputError extends InputError {
  constructor(message: string, options: InputErrorOptions = {}) {
    super(message, options);
    this.name = 'QueueInputError';
  }
}

/**
 * A job names a folder or file that this worker cannot see. Workers on several machines must see
 * the data and models folders at the same paths (a shared filesystem); the message names the path
 * and the host.
 *
 * @example
 * ```ts
 * import { PathNotVisibleError } from '@mrnet/queue';
 * new PathNotVisibleError('/mnt/mrnet/data', 'node-2');
 * ```
 */
export class PathNotVisibleError extends InputError {
  /** The host name of the worker that cannot see the path. */
  readonly host: string;

  constructor(path: string, host: string) {
    super(`${path}: not visible on worker host ${host} (every worker must see the data and models folders at the same paths)`, { path });
    this.name = 'PathNotVisibleError';
    this.host = host;
  }
}
