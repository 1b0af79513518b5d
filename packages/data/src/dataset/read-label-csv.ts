import { readFile } from 'node:fs/promises';
import { parseLabelCsv, type LabelRow } from './label-csv.js';

/**
 * Reads and validates a label CSV file (see {@link parseLabelCsv}). A missing or unreadable file
 * is reported as a problem, not thrown.
 *
 * @example
 * ```ts
 * import { readLabelCsv } from '@mrnet/data/node';
 * const { rows, problems } = await readLabelCsv('MRNet-v1.0/train-acl.csv');
 * ```
 */
export async function readLabelCsv(file: string): Promise<{ rows: LabelRow[]; problems: string[]; found: boolean }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { rows: [], problems: [`${file}: ${code === 'ENOENT' ? 'missing label file' : `cannot read (${code ?? String(e)})`}`], found: false };
  }
  const result = parseLabelCsv(text, file);
  if (result.rows.length === 0 && result.problems.length === 0) result.problems.push(`${file}: no rows`);
  return { ...result, found: true };
}
