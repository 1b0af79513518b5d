import { PLANES, type Plane } from '@mrnet/data';
import { UsageError } from '../cli/usage-error.js';

/**
 * Parses `--series PLANE=UID[,PLANE=UID…]` into a per-plane override of the series choice.
 *
 * @example
 * ```ts
 * parseSeriesFlag('sagittal=1.2.3,axial=1.2.4'); // { sagittal: '1.2.3', axial: '1.2.4' }
 * ```
 */
export function parseSeriesFlag(value: string | undefined): Partial<Record<Plane, string>> | undefined {
  if (value === undefined) return undefined;
  const out: Partial<Record<Plane, string>> = {};
  for (const part of value.split(',')) {
    const m = /^\s*(\w+)\s*=\s*([0-9.]+)\s*$/.exec(part);
    const plane = m?.[1] as Plane | undefined;
    if (!m || !plane || !PLANES.includes(plane)) throw new UsageError(`--series ${JSON.stringify(part)}: expected PLANE=UID with PLANE one of ${PLANES.join(', ')} and UID dotted digits`);
    if (out[plane] !== undefined) throw new UsageError(`--series: ${plane} given twice`);
    out[plane] = m[2]!;
  }
  return out;
}
