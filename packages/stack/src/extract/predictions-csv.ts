import { PLANES, type Plane } from '@mrnet/data';
import { PredictionError } from './prediction-error.js';

/**
 * One exam's row of a predictions file: its id, its label for the task and each plane model's
 * probability.
 *
 * @example
 * ```ts
 * const row: PredictionRow = { id: 1130, label: 1, axial: 0.71, coronal: 0.42, sagittal: 0.93 };
 * ```
 */
export interface PredictionRow extends Record<Plane, number> {
  id: number;
  label: 0 | 1;
}

/**
 * Header line of a predictions CSV.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { PREDICTIONS_CSV_HEADER, predictionsPaths } from '@mrnet/stack';
 * readFileSync(predictionsPaths('models', 'acl', 'train').csv, 'utf8').startsWith(PREDICTIONS_CSV_HEADER); // true
 * ```
 */
export const PREDICTIONS_CSV_HEADER = 'id,label,axial,coronal,sagittal';

/**
 * Writes prediction rows as CSV text: the header `id,label,axial,coronal,sagittal`, then one line
 * per exam, probabilities with full double precision (so a parse gives back the same numbers).
 *
 * @example
 * ```ts
 * import { formatPredictionsCsv } from '@mrnet/stack';
 * formatPredictionsCsv([{ id: 0, label: 1, axial: 0.5, coronal: 0.25, sagittal: 0.75 }]);
 * // 'id,label,axial,coronal,sagittal\n0,1,0.5,0.25,0.75\n'
 * ```
 */
export function formatPredictionsCsv(rows: readonly PredictionRow[]): string {
  const lines = rows.map((r) => [r.id, r.label, ...PLANES.map((p) => r[p])].join(','));
  return `${[PREDICTIONS_CSV_HEADER, ...lines].join('\n')}\n`;
}

/**
 * Parses a predictions CSV written by {@link formatPredictionsCsv}: the exact header, then rows of a
 * non-negative integer id, a 0/1 label and three probabilities in [0, 1].
 *
 * @param where - the file name, used in error messages.
 * @throws PredictionError naming `where` and the line of the first problem.
 * @example
 * ```ts
 * import { parsePredictionsCsv } from '@mrnet/stack';
 * const rows = parsePredictionsCsv(fs.readFileSync(file, 'utf8'), file);
 * ```
 */
export function parsePredictionsCsv(text: string, where = 'predictions.csv'): PredictionRow[] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== PREDICTIONS_CSV_HEADER) {
    throw new PredictionError(`${where}:1: expected the header ${PREDICTIONS_CSV_HEADER}, got ${JSON.stringify(lines[0] ?? '')}`, { path: where });
  }
  return lines.slice(1).map((line, i) => {
    const n = i + 2;
    const cells = line.split(',');
    if (cells.length !== 5) throw new PredictionError(`${where}:${n}: expected 5 comma-separated values, got ${cells.length}`, { path: where });
    const [id, label, ...probs] = cells.map(Number) as [number, number, number, number, number];
    if (!Number.isSafeInteger(id) || id < 0 || cells[0]!.trim() === '') {
      throw new PredictionError(`${where}:${n}: id ${JSON.stringify(cells[0])} is not a non-negative integer`, { path: where });
    }
    if (label !== 0 && label !== 1) throw new PredictionError(`${where}:${n}: label ${JSON.stringify(cells[1])} is not 0 or 1`, { path: where });
    probs.forEach((p, k) => {
      if (!(p >= 0 && p <= 1) || cells[k + 2]!.trim() === '') {
        throw new PredictionError(`${where}:${n}: ${PLANES[k]} probability ${JSON.stringify(cells[k + 2])} is not a number in [0, 1]`, { path: where });
      }
    });
    return { id, label, axial: probs[0]!, coronal: probs[1]!, sagittal: probs[2]! };
  });
}
