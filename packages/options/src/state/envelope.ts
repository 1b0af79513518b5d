import { StateFormatError } from './state-format-error.js';

/**
 * The envelope every saved state carries: a format name (`mrnet-…`, lower case, dashes) and an
 * integer version, bumped when the layout changes incompatibly.
 *
 * @example
 * ```ts
 * import type { Envelope } from '@mrnet/options';
 * const state: Envelope & { lr: number } = { format: 'mrnet-adam', version: 1, lr: 1e-5 };
 * ```
 */
export interface Envelope<F extends string = string> {
  format: F;
  version: number;
}

/**
 * What {@link checkEnvelope} accepts.
 *
 * @example
 * ```ts
 * import type { EnvelopeSpec } from '@mrnet/options';
 * const spec: EnvelopeSpec = { format: 'mrnet-adam', version: 1, aliases: ['mrnet.adam'] };
 * ```
 */
export interface EnvelopeSpec {
  /** The format name written today. */
  format: string;
  /** The newest version this code reads (and writes). Older versions are accepted. */
  version: number;
  /** Older spellings of the format name still read (files written before the names were unified). */
  aliases?: readonly string[];
  /** A missing `version` reads as 1 (states written before versions were recorded). Default false. */
  versionOptional?: boolean;
  /** The file the state came from, for the message and the error's `path`. */
  path?: string;
}

/**
 * Stamps a state with its envelope: `{ format, version, ...body }`.
 *
 * @example
 * ```ts
 * import { envelope } from '@mrnet/options';
 * JSON.stringify(envelope('mrnet-early-stopping', 1, { patience: 5 }));
 * // '{"format":"mrnet-early-stopping","version":1,"patience":5}'
 * ```
 */
export function envelope<F extends string, B extends object>(format: F, version: number, body: B): { format: F; version: number } & B {
  return { format, version, ...body };
}

/**
 * Checks a saved state's envelope and returns it as a record for reading its fields: it must be an
 * object whose `format` is `spec.format` (or one of `spec.aliases`) and whose `version` is an
 * integer from 1 to `spec.version`. A newer version says so (written by a newer release).
 *
 * @param fn - The reading function (`Adam.fromJSON`), first in the message.
 * @throws StateFormatError naming `fn`, the file (if given), what was found and what was expected.
 * @example
 * ```ts
 * import { checkEnvelope } from '@mrnet/options';
 * const state = checkEnvelope('EarlyStopping.fromJSON', JSON.parse('{"format":"mrnet-early-stopping","version":1,"patience":5}'), { format: 'mrnet-early-stopping', version: 1 });
 * state['patience']; // 5
 * ```
 */
export function checkEnvelope(fn: string, value: unknown, spec: EnvelopeSpec): Record<string, unknown> {
  const where = spec.path === undefined ? fn : `${fn}: ${spec.path}`;
  const fail = (what: string): never => {
    throw new StateFormatError(`${where}: ${what}`, spec.format, spec.path === undefined ? {} : { path: spec.path });
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(`not a saved '${spec.format}' state (got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value})`);
  }
  const v = value as Record<string, unknown>;
  const format = v['format'];
  if (format !== spec.format && !(typeof format === 'string' && (spec.aliases ?? []).includes(format))) {
    fail(`format is ${JSON.stringify(format)}, expected '${spec.format}'`);
  }
  const version = v['version'] === undefined && spec.versionOptional ? 1 : v['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) fail(`version is ${JSON.stringify(version)}, expected an integer from 1 to ${spec.version}`);
  if ((version as number) > spec.version) fail(`version ${version} is newer than this release reads (${spec.version}); upgrade @mrnet to read it`);
  return v;
}
