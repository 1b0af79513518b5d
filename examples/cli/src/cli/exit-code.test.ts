import { DatasetError, NpyFormatError } from '@mrnet/data';
import { ModelArtifactsError, ModelShapeError } from '@mrnet/model';
import { InputError, parseOptions, reviveError, serializeError, StateFormatError } from '@mrnet/options';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EXIT_BAD_INPUT, EXIT_FAILURE, exitCodeFor, failureReport } from './exit-code.js';
import { BadInputError, UsageError } from './usage-error.js';

const errno = (code: string, message: string): NodeJS.ErrnoException => Object.assign(new Error(message), { code, path: '/x' });

function optionError(value: unknown): unknown {
  try {
    parseOptions('trainPlaneModel', z.object({ epochs: z.int().min(1) }).strict(), value);
  } catch (e) {
    return e;
  }
  throw new Error('no error');
}

describe('exitCodeFor', () => {
  it('maps every input error to 2 by instanceof InputError', () => {
    for (const e of [
      new UsageError('--x: unknown flag'),
      new BadInputError('--out: exists'),
      new DatasetError('bad dataset', ['a'], { path: 'd' }),
      new NpyFormatError('truncated'),
      new ModelArtifactsError('m', 'no model.json'),
      new ModelShapeError('height 32 < 63'),
      new StateFormatError('Adam.fromJSON: bad', 'mrnet-adam'),
      optionError({ epochs: '2' }), // TypeError from parseOptions
      optionError({ epochs: 0 }), // RangeError from parseOptions
      reviveError(structuredClone(serializeError(new InputError('from a worker')))),
    ]) {
      expect(exitCodeFor(e), String(e)).toBe(EXIT_BAD_INPUT);
    }
  });

  it('maps a missing path the user gave to 2, a full disk to 1 even inside an input error', () => {
    expect(exitCodeFor(errno('ENOENT', "ENOENT: no such file or directory, open 'x'"))).toBe(EXIT_BAD_INPUT);
    expect(exitCodeFor(errno('ENOSPC', 'no space left'))).toBe(EXIT_FAILURE);
    expect(exitCodeFor(new ModelArtifactsError('m', 'saveMRNet: m: writing failed', { cause: errno('ENOSPC', 'no space left') }))).toBe(EXIT_FAILURE);
  });

  it('treats a TypeError or RangeError thrown by our own code as a bug: exit 1 with its stack trace', () => {
    let bug: unknown;
    try {
      JSON.stringify((undefined as unknown as { x: number }).x);
    } catch (e) {
      bug = e;
    }
    expect(bug).toBeInstanceOf(TypeError);
    expect(exitCodeFor(bug)).toBe(EXIT_FAILURE);
    expect(exitCodeFor(new RangeError('Invalid array length'))).toBe(EXIT_FAILURE);
    const report = failureReport(bug, 'train');
    expect(report.code).toBe(EXIT_FAILURE);
    expect(report.text.split('\n')[0]).toMatch(/^mrnet train: Cannot read properties of undefined/);
    expect(report.text).toContain('at '); // the stack frames follow
  });

  it('prints bad input as one line (stack only with debug)', () => {
    const r = failureReport(new UsageError('--epochs: expected an integer'), 'train');
    expect(r).toEqual({ code: EXIT_BAD_INPUT, text: 'mrnet train: --epochs: expected an integer (see mrnet train --help)\n' });
    expect(failureReport(new BadInputError('x'), 'train', true).text.split('\n').length).toBeGreaterThan(2);
  });
});
