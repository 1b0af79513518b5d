import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { TorchCheckpointError } from './errors.js';
import { PyGlobal, PyObject, unpickle } from './pickle.js';
import { readTorchCheckpoint } from './read-torch-checkpoint.js';

const tiny = new Uint8Array(readFileSync(new URL('../../fixtures/torch/tiny.pth', import.meta.url)));
const files = unzipSync(tiny);
const pklName = Object.keys(files).find((n) => n.endsWith('/data.pkl'))!;
const withPickle = (pkl: Uint8Array): Uint8Array => zipSync({ ...files, [pklName]: pkl }, { level: 0 });
const bytes = (...parts: (number | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : [...new TextEncoder().encode(p)])));

/** Runs `f`; returns undefined if it succeeded, else the error. */
const attempt = (f: () => unknown): unknown => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e;
  }
};

describe('unpickle', () => {
  it('decodes the protocol-2 values torch writes', () => {
    // PROTO 2, MARK, BININT1 7, BININT2 513, BININT -2, LONG1 2^64 (9 bytes), BINFLOAT 1.5, NONE, TRUE,
    // FALSE, SHORT_BINUNICODE 'é', EMPTY_LIST, EMPTY_SET ADDITEMS, TUPLE, STOP
    const pkl = bytes(
      0x80, 2, 0x28, 0x4b, 7, 0x4d, 1, 2, 0x4a, 0xfe, 0xff, 0xff, 0xff,
      0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1,
      0x47, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0x4e, 0x88, 0x89, 0x8c, 2, 0xc3, 0xa9,
      0x5d, 0x8f, 0x28, 0x4b, 1, 0x4b, 2, 0x90, 0x74, 0x2e,
    );
    expect(unpickle(pkl, { path: 'p' })).toEqual([7, 513, -2, 2n ** 64n, 1.5, null, true, false, 'é', [], new Set([1, 2])]);
  });

  it('builds unknown classes as plain objects with their BUILD state, and resolves memo references', () => {
    // GLOBAL 'model\nMRNet\n', EMPTY_TUPLE, NEWOBJ, BINPUT 0, EMPTY_DICT, 'a': BINGET 0 via SETITEM, BUILD, STOP
    const pkl = bytes(0x80, 2, 0x63, 'model\nMRNet\n', 0x29, 0x81, 0x71, 0, 0x7d, 0x8c, 1, 'a', 0x4b, 5, 0x73, 0x62, 0x2e);
    const obj = unpickle(pkl, { path: 'p' }) as PyObject;
    expect(obj).toBeInstanceOf(PyObject);
    expect(obj.cls).toEqual(new PyGlobal('model', 'MRNet'));
    expect(obj.state).toEqual(new Map([['a', 5]]));
  });

  it('throws a TorchCheckpointError, never anything else, for every truncation of a real torch pickle', () => {
    const pkl = files[pklName]!;
    for (let n = 0; n < pkl.length; n++) {
      const e = attempt(() => readTorchCheckpoint(withPickle(pkl.subarray(0, n)), { path: 'cut.pth' }));
      expect(e, `cut at ${n}`).toBeInstanceOf(TorchCheckpointError);
    }
  });

  it('ends with a result or a TorchCheckpointError for randomly corrupted pickles', () => {
    const pkl = files[pklName]!;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(pkl.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (edits) => {
        const bad = pkl.slice();
        for (const [i, v] of edits) bad[i] = v;
        const e = attempt(() => readTorchCheckpoint(withPickle(bad), { path: 'bad.pth' }));
        return e === undefined || e instanceof TorchCheckpointError;
      }),
      { seed: 20240611, numRuns: 300 },
    );
  });

  it('throws a TorchCheckpointError for truncated or corrupted zip archives', () => {
    for (const n of [4, 30, 100, tiny.length >> 1, tiny.length - 22, tiny.length - 1]) {
      expect(attempt(() => readTorchCheckpoint(tiny.subarray(0, n), { path: 'cut.pth' })), `cut at ${n}`).toBeInstanceOf(TorchCheckpointError);
    }
    fc.assert(
      fc.property(fc.nat(tiny.length - 1), fc.integer({ min: 0, max: 255 }), (i, v) => {
        const bad = tiny.slice();
        bad[i] = v;
        const e = attempt(() => readTorchCheckpoint(bad, { path: 'bad.pth' }));
        return e === undefined || e instanceof TorchCheckpointError;
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
