import { z } from 'zod';

/**
 * One validated row of an MRNet label CSV.
 *
 * @example
 * ```ts
 * const [first]: LabelRow[] = parseLabelCsv('0000,1\n', 'train-acl.csv').rows; // { id: 0, label: 1, line: 1 }
 * ```
 */
export interface LabelRow {
  /** Exam id (CSV may write it with or without zero padding). */
  id: number;
  /** Binary label. */
  label: 0 | 1;
  /** 1-based line number in the CSV, for messages. */
  line: number;
}

const rowSchema = z.tuple([
  z
    .string()
    .regex(/^\d{1,9}$/, 'the id is not a non-negative integer (label CSVs have no header row)')
    .transform(Number),
  z
    .string()
    .regex(/^[01](?:\.0*)?$/, 'the label is not 0 or 1')
    .transform((s) => (Number(s) === 1 ? 1 : 0) as 0 | 1),
]);

/**
 * Parses and validates the text of an MRNet label CSV (`id,label` rows, no header). Every problem
 * is returned (not thrown), each as `file:line: what`, so a caller can list them all at once:
 * malformed rows, labels other than 0/1, and duplicate ids. Blank lines are ignored.
 *
 * @example
 * ```ts
 * import { parseLabelCsv } from '@mrnet/data';
 * const { rows, problems } = parseLabelCsv('0,1\n0001,0\n', 'train-acl.csv');
 * // rows: [{ id: 0, label: 1, line: 1 }, { id: 1, label: 0, line: 2 }], problems: []
 * ```
 */
export function parseLabelCsv(text: string, file: string): { rows: LabelRow[]; problems: string[] } {
  const rows: LabelRow[] = [];
  const problems: string[] = [];
  const seen = new Map<number, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const fields = raw.split(',').map((f) => f.trim());
    if (fields.length !== 2) {
      problems.push(`${file}:${line}: expected 2 fields "id,label", found ${fields.length}: ${JSON.stringify(clip(raw))}`);
      return;
    }
    const parsed = rowSchema.safeParse(fields);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === 0 ? 'id' : 'label';
        problems.push(`${file}:${line}: ${issue.message}: ${field} ${JSON.stringify(clip(fields[issue.path[0] as number] ?? ''))}`);
      }
      return;
    }
    const [id, label] = parsed.data;
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push(`${file}:${line}: duplicate id ${id} (first on line ${first})`);
      return;
    }
    seen.set(id, line);
    rows.push({ id, label, line });
  });
  return { rows, problems };
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
