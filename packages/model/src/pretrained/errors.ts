/**
 * Pretrained weights could not be obtained: the download failed (offline, HTTP error), the file's
 * SHA-256 does not match, or a given path does not exist. The message says where to put the file
 * by hand; `path` is the file concerned and `url` the download address (if any).
 *
 * @example
 * ```ts
 * import { PretrainedWeightsError } from '@mrnet/model';
 * import { loadPretrainedAlexNet } from '@mrnet/model/node';
 * try {
 *   await loadPretrainedAlexNet({ source: 'torchvision' });
 * } catch (e) {
 *   if (e instanceof PretrainedWeightsError) console.error(e.message); // "... place it at ~/.cache/mrnet/alexnet-owt-7be5be79.pth"
 * }
 * ```
 */
export class PretrainedWeightsError extends Error {
  /** The local file concerned (cache location or the given path). */
  readonly path: string;
  /** The download URL, when the weights come from the network. */
  readonly url: string | undefined;
  /** For a failed download: what went wrong, without advice (callers add theirs, e.g. a CLI flag). */
  readonly reason: string | undefined;
  constructor(path: string, message: string, options?: { cause?: unknown; url?: string; reason?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PretrainedWeightsError';
    this.path = path;
    this.url = options?.url;
    this.reason = options?.reason;
  }
}
