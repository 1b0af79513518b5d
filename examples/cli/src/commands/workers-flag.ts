import { defaultComputeWorkers, workersPerPlane } from '@mrnet/train';
import type { FlagSpec } from '../cli/spec.js';

/**
 * `--workers N`, the same for train, demo, predict and stack: compute threads in all. Default
 * `MRNET_WORKERS`, else every core; planes running at the same time share them fairly.
 */
export const WORKERS_FLAG = {
  name: 'workers',
  type: 'int',
  min: 1,
  max: 256,
  placeholder: 'N',
  help: "compute threads in all (default: MRNET_WORKERS, else every core), shared fairly by the planes run at once; each exam's slices are split over a plane's share",
} as const satisfies FlagSpec;

/** The compute threads of each of `planes` planes run at once, from `--workers` or its default. */
export function workersFromFlags(flags: { workers?: number | undefined }, planes: number): number {
  // A bad MRNET_WORKERS throws an InputError naming the variable: exit 2.
  return workersPerPlane(flags.workers ?? defaultComputeWorkers(), planes);
}
