import { describe, expect, it } from 'vitest';
import { InputError } from '../errors/input-error.js';
import { checkEnvelope, envelope } from './envelope.js';
import { StateFormatError } from './state-format-error.js';

const spec = { format: 'mrnet-adam', version: 2, aliases: ['mrnet.adam'] };

function error(f: () => unknown): StateFormatError {
  try {
    f();
  } catch (e) {
    return e as StateFormatError;
  }
  throw new Error('did not throw');
}

describe('saved-state envelope', () => {
  it('stamps format and version first', () => {
    expect(JSON.stringify(envelope('mrnet-x', 1, { a: 1 }))).toBe('{"format":"mrnet-x","version":1,"a":1}');
  });

  it('accepts the format, its old spelling and any version up to the current one', () => {
    expect(checkEnvelope('f', { format: 'mrnet-adam', version: 2, lr: 1 }, spec)['lr']).toBe(1);
    expect(checkEnvelope('f', { format: 'mrnet.adam', version: 1 }, spec)['format']).toBe('mrnet.adam');
    expect(checkEnvelope('f', { format: 'mrnet-adam' }, { ...spec, versionOptional: true })['format']).toBe('mrnet-adam');
  });

  it('refuses a non-object, another format, a missing, bad or newer version with one error type', () => {
    for (const bad of [null, 3, [], { format: 'mrnet-rng-sfc32', version: 1 }, { format: 'mrnet-adam' }, { format: 'mrnet-adam', version: 1.5 }]) {
      const e = error(() => checkEnvelope('Adam.fromJSON', bad, spec));
      expect(e).toBeInstanceOf(StateFormatError);
      expect(e).toBeInstanceOf(InputError);
      expect(e.format).toBe('mrnet-adam');
      expect(e.message).toMatch(/^Adam\.fromJSON: /);
    }
    const newer = error(() => checkEnvelope('Adam.fromJSON', { format: 'mrnet-adam', version: 3 }, { ...spec, path: 'run.resume' }));
    expect(newer.message).toBe("Adam.fromJSON: run.resume: version 3 is newer than this release reads (2); upgrade @mrnet to read it");
    expect(newer.path).toBe('run.resume');
  });
});
