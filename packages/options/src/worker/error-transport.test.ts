import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { InputError, markInputError } from '../errors/input-error.js';
import { StateFormatError } from '../state/state-format-error.js';
import { reviveError, serializeError, type SerializedError } from './error-transport.js';

// What postMessage does to a value: the structured clone algorithm.
const wire = (e: unknown): SerializedError => structuredClone(serializeError(e));

describe('worker-error transport', () => {
  it('revives a known class with name, message, stack, path, own fields and cause', () => {
    const cause = new RangeError('inner');
    const e = new StateFormatError('Adam.fromJSON: bad', 'mrnet-adam', { path: 'x.resume', cause });
    const r = reviveError(wire(e), [StateFormatError]);
    expect(r).toBeInstanceOf(StateFormatError);
    expect(r).toBeInstanceOf(InputError);
    expect(r.name).toBe('StateFormatError');
    expect(r.message).toBe('Adam.fromJSON: bad');
    expect(r.stack).toBe(e.stack);
    expect((r as StateFormatError).path).toBe('x.resume');
    expect((r as StateFormatError).format).toBe('mrnet-adam');
    expect(r.cause).toBeInstanceOf(RangeError);
    expect((r.cause as Error).message).toBe('inner');
  });

  it('keeps built-ins, and an unknown input error stays an input error (exit 2 in the CLI)', () => {
    expect(reviveError(wire(new TypeError('t')))).toBeInstanceOf(TypeError);
    class Foreign extends InputError {}
    const f = new Foreign('f', { path: 'p' });
    f.name = 'Foreign';
    const r = reviveError(wire(f));
    expect(r).toBeInstanceOf(InputError);
    expect(r.name).toBe('Foreign');
    const branded = reviveError(wire(markInputError(new RangeError('option'))));
    expect(branded).toBeInstanceOf(RangeError);
    expect(branded).toBeInstanceOf(InputError);
    const bug = reviveError(wire(Object.assign(new Error('boom'), { name: 'WeirdError', code: 'E1' })));
    expect(bug).not.toBeInstanceOf(InputError);
    expect(bug.name).toBe('WeirdError');
    expect((bug as NodeJS.ErrnoException).code).toBe('E1');
  });

  it('crosses a real worker_threads boundary', async () => {
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       const e = new Error('disk full'); e.name = 'IOError'; e.code = 'ENOSPC'; e.path = '/m/x';
       parentPort.postMessage({ name: e.name, message: e.message, stack: e.stack, props: { code: e.code, path: e.path } });`,
      { eval: true },
    );
    const s = await new Promise<SerializedError>((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    const r = reviveError(s);
    expect(r.name).toBe('IOError');
    expect((r as NodeJS.ErrnoException).path).toBe('/m/x');
    expect(r.stack).toContain('disk full');
  });

  it('serialises a thrown non-error', () => {
    expect(reviveError(wire('plain'))).toBeInstanceOf(Error);
    expect(reviveError(wire('plain')).message).toBe('plain');
  });
});
