import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NpyFormatError } from '../errors.js';
import { readNpy } from './read-npy.js';
import { writeNpy } from './write-npy.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/npy/', import.meta.url));
interface Entry {
  shape: number[];
  descr: string;
  version: number[];
  fortran: boolean;
  values: (number | boolean)[] | null;
}
const manifest = JSON.parse(readFileSync(`${FIXTURES}manifest.json`, 'utf8')) as Record<string, Entry>;
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(FIXTURES + name));

function expectNpyError(fn: () => unknown, pattern: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(NpyFormatError);
  expect((thrown as Error).name).toBe('NpyFormatError');
  expect((thrown as Error).message).toMatch(pattern);
}

/** Builds npy bytes with an arbitrary header dict (and optional version / data). */
function npyWith(dict: string, data: Uint8Array = new Uint8Array(0), major = 1): Uint8Array {
  const pre = major === 1 ? 10 : 12;
  const header = new TextEncoder().encode(dict + '\n');
  const out = new Uint8Array(pre + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  if (major === 1) new DataView(out.buffer).setUint16(8, header.length, true);
  else new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, pre);
  out.set(data, pre + header.length);
  return out;
}

describe('readNpy on files written by NumPy', () => {
  const readable = Object.entries(manifest).filter(([, e]) => !e.fortran && e.values !== null);
  it.each(readable)('%s', (name, entry) => {
    const arr = readNpy(load(name));
    expect(arr.shape).toEqual(entry.shape);
    expect(arr.dtype).toBe(entry.descr.slice(1));
    const expected = entry.values!.map((v) => (typeof v === 'boolean' ? Number(v) : v));
    expect(Array.from(arr.data)).toEqual(expected);
  });

  it('covers every dtype in both byte orders, versions 1.0, 2.0 and 3.0', () => {
    const descrs = new Set(Object.values(manifest).map((e) => e.descr));
    for (const d of ['|u1', '|i1', '<u2', '<i2', '<u4', '<i4', '<f4', '<f8', '|b1', '>u2', '>i2', '>u4', '>i4', '>f4', '>f8']) {
      expect(descrs).toContain(d);
    }
    expect(new Set(Object.values(manifest).map((e) => e.version[0]))).toEqual(new Set([1, 2, 3]));
  });

  it('returns the right typed array per dtype', () => {
    expect(readNpy(load('le_u1.npy')).data).toBeInstanceOf(Uint8Array);
    expect(readNpy(load('le_i1.npy')).data).toBeInstanceOf(Int8Array);
    expect(readNpy(load('be_u2.npy')).data).toBeInstanceOf(Uint16Array);
    expect(readNpy(load('be_i4.npy')).data).toBeInstanceOf(Int32Array);
    expect(readNpy(load('be_f8.npy')).data).toBeInstanceOf(Float64Array);
    expect(readNpy(load('le_b1.npy')).data).toBeInstanceOf(Uint8Array);
  });

  it('reads from a Uint8Array view at an odd offset into a larger buffer', () => {
    const file = load('le_f8.npy');
    const big = new Uint8Array(file.length + 3);
    big.set(file, 1);
    const arr = readNpy(big.subarray(1, 1 + file.length));
    expect(Array.from(arr.data)).toEqual(manifest['le_f8.npy']!.values);
  });

  it('does not share memory with the input', () => {
    const file = load('le_u1.npy');
    const arr = readNpy(file);
    file[file.length - 1] = 99;
    expect(arr.data[arr.data.length - 1]).toBe(manifest['le_u1.npy']!.values!.at(-1));
  });

  it('rejects Fortran order with a clear error', () => {
    expectNpyError(() => readNpy(load('fortran_f4.npy'), { path: 'f.npy' }), /^readNpy: f\.npy: Fortran-order arrays are not supported/);
  });
});

describe('readNpy rejects malformed input with NpyFormatError', () => {
  const good = writeNpy(new Uint8Array(44 * 8 * 8), [44, 8, 8]);

  it('names the file and the byte counts for short data', () => {
    const short = good.subarray(0, good.length - 1000);
    expectNpyError(
      () => readNpy(short, { path: './train/axial/0001.npy' }),
      /^readNpy: \.\/train\/axial\/0001\.npy: header declares 44×8×8 \|u1 \(2,816 data bytes\) but holds 1,816 bytes \(truncated\)$/,
    );
  });
  it('trailing bytes', () => {
    const long = new Uint8Array(good.length + 1);
    long.set(good);
    expectNpyError(() => readNpy(long), /holds 2,817 bytes \(trailing bytes\)/);
  });
  it('empty and tiny inputs', () => {
    expectNpyError(() => readNpy(new Uint8Array(0)), /truncated: 0 bytes/);
    expectNpyError(() => readNpy(good.subarray(0, 9)), /truncated: 9 bytes/);
    expectNpyError(() => readNpy(good.subarray(0, 30)), /truncated: the header declares/);
  });
  it('bad magic', () => {
    const bad = good.slice();
    bad[1] = 0x4f;
    expectNpyError(() => readNpy(bad), /not an \.npy file/);
  });
  it('unsupported versions', () => {
    const bad = good.slice();
    bad[6] = 4;
    expectNpyError(() => readNpy(bad), /unsupported npy format version 4\.0/);
    bad[6] = 1;
    bad[7] = 1;
    expectNpyError(() => readNpy(bad), /version 1\.1/);
  });
  it('corrupt header dicts', () => {
    expectNpyError(() => readNpy(npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2,")), /corrupt header dict/);
    expectNpyError(() => readNpy(npyWith("{'descr': '<f4', 'fortran_order': False}")), /expected the keys descr, fortran_order, shape/);
    expectNpyError(() => readNpy(npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': (), 'x': 1}")), /expected the keys/);
    expectNpyError(() => readNpy(npyWith("{'descr': '<f4', 'descr': '<f4', 'shape': ()}")), /duplicate key/);
    expectNpyError(() => readNpy(npyWith("{'descr': '<f4', 'fortran_order': 0, 'shape': ()}")), /fortran_order is 0/);
    expectNpyError(() => readNpy(npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': [2]}")), /not a tuple/);
    expectNpyError(() => readNpy(npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': ()} junk")), /after the dict/);
    expectNpyError(() => readNpy(npyWith(`{'descr': '<f4', 'fortran_order': False, 'shape': ${'('.repeat(5000)}}`)), /nested too deeply/);
  });
  it('absurd dimensions', () => {
    expectNpyError(() => readNpy(npyWith("{'descr': '|u1', 'fortran_order': False, 'shape': (-1, 4)}")), /absurd shape/);
    expectNpyError(() => readNpy(npyWith("{'descr': '|u1', 'fortran_order': False, 'shape': (2.5,)}")), /corrupt header dict/);
    expectNpyError(() => readNpy(npyWith("{'descr': '|u1', 'fortran_order': False, 'shape': (99999999999999999999,)}")), /absurd shape/);
    expectNpyError(() => readNpy(npyWith("{'descr': '|u1', 'fortran_order': False, 'shape': (4294967296, 4294967296)}")), /overflow/);
    expectNpyError(
      () => readNpy(npyWith("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000, 100000)}")),
      /header declares 100000×100000×100000 <f8 \(8,000,000,000,000,000 data bytes\) but holds 0 bytes/,
    );
    expectNpyError(() => readNpy(npyWith("{'descr': '|u1', 'fortran_order': False, 'shape': ('a',)}")), /absurd shape/);
  });
  it('unsupported dtypes', () => {
    for (const d of ['<i8', '<c8', '<f2', '|O', '<U3', '|u2', 'f4', '|V8']) {
      expectNpyError(() => readNpy(npyWith(`{'descr': '${d}', 'fortran_order': False, 'shape': ()}`)), /unsupported dtype/);
    }
    expectNpyError(() => readNpy(npyWith("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': ()}")), /structured arrays/);
  });
  it('accepts Python 2 style long integers and a v2 header written by hand', () => {
    const arr = readNpy(npyWith("{'descr': '<u2', 'fortran_order': False, 'shape': (2L, 1L), }", new Uint8Array([1, 0, 0, 1]), 2));
    expect(arr.shape).toEqual([2, 1]);
    expect(Array.from(arr.data)).toEqual([1, 256]);
  });
  it('rejects a v3 header that is not UTF-8', () => {
    const bytes = npyWith("{'descr': '|u1', 'fortran_order': False, 'shape': ()}", new Uint8Array(1), 3);
    bytes[13] = 0xff;
    expectNpyError(() => readNpy(bytes), /not valid UTF-8/);
  });
  it('a non-Uint8Array argument is a TypeError (a caller bug, not a malformed file)', () => {
    expect(() => readNpy('x' as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe('readNpy fuzzing: only NpyFormatError or success', () => {
  const seeds = Object.keys(manifest).map(load);
  const check = (bytes: Uint8Array): void => {
    try {
      const arr = readNpy(bytes);
      // On success the result is self-consistent and no bigger than the input.
      expect(arr.data.length).toBe(arr.shape.reduce((a, b) => a * b, 1));
      expect(arr.data.byteLength).toBeLessThanOrEqual(bytes.length);
    } catch (e) {
      if (!(e instanceof NpyFormatError) || e.name !== 'NpyFormatError') throw e;
    }
  };

  it('random byte mutations', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        (which, edits) => {
          const bytes = seeds[which]!.slice();
          for (const [pos, val] of edits) bytes[pos % Math.min(bytes.length, pos % 2 === 0 ? 140 : bytes.length)] = val;
          check(bytes);
        },
      ),
      { seed: 20240601, numRuns: 3000 },
    );
  });
  it('truncations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.nat(), (which, cut) => {
        const s = seeds[which]!;
        check(s.subarray(0, cut % (s.length + 1)));
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
  it('random header text in a valid preamble', () => {
    const chars = fc.constantFrom(..."{}()[]',:- 0123456789TrueFalsNn<>|uifb".split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 80 }).map((a) => a.join('')), fc.uint8Array({ maxLength: 64 }), (dict, data) => {
        check(npyWith(dict, data));
      }),
      { seed: 11, numRuns: 3000 },
    );
  });
});
