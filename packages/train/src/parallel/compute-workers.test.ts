import { availableParallelism } from 'node:os';
import { InputError } from '@mrnet/options';
import { describe, expect, it } from 'vitest';
import { defaultComputeWorkers, workersPerPlane } from './compute-workers.js';

describe('compute workers', () => {
  it('shares the cores fairly by the planes, at least one each', () => {
    expect(workersPerPlane(2, 3)).toBe(1);
    expect(workersPerPlane(16, 3)).toBe(5);
    expect(workersPerPlane(8, 1)).toBe(8);
    expect(() => workersPerPlane(0, 3)).toThrow(RangeError);
  });

  it('defaults to MRNET_WORKERS, else every core; a bad MRNET_WORKERS is an InputError naming it', () => {
    expect(defaultComputeWorkers({ MRNET_WORKERS: '6' })).toBe(6);
    expect(defaultComputeWorkers({})).toBe(availableParallelism());
    for (const bad of ['0', 'abc', '2.5', '-1', '999']) {
      expect(() => defaultComputeWorkers({ MRNET_WORKERS: bad })).toThrow(InputError);
      expect(() => defaultComputeWorkers({ MRNET_WORKERS: bad })).toThrow(`MRNET_WORKERS: must be a whole number from 1 to 256 (got "${bad}")`);
    }
  });
});
