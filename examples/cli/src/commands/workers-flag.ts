import { defaultComputeWorkers, workersPerPlane } from '@mrnet/train';
import type { FlagSpec, FlagValues } from '../cli/spec.js';
import { BadInputError } from '../cli/usage-error.js';

/**
 * `--workers N`, the same for train, demo, predict and stack: compute threads in all. Default
 * `MRNET_WORKERS`, else every core; planes running at the same time share them fairly.
 */
export const WORKERS_FLAG: FlagSpec = {
  name: 'workers',
  type: 'int',
  min: 1,
  max: 256,
  placeholder: 'N',
  help: "compute threads in all (default: MRNET_WORKERS, else every core), shared fairly by the planes run at once; each exam's slices are split over a plane's share",
};

/** The compute threads of each of `planes` planes run at once, from `--workers` or its default. */
export function workersFromFlags(flags: FlagValues, planes: number): number {
  let total = flags['workers'] as number | undefined;
  try {
    total ??= defaultComputeWorkers();
  } catch (e) {
    throw new BadInputError((e as Error).message); // a bad MRNET_WORKERS is bad input: exit 2
  }
  return workersPerPlane(total, planes);
}
