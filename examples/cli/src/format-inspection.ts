import { PLANES, SPLITS, TASKS } from '@mrnet/data';
import { type DatasetInspection } from '@mrnet/data/node';

/**
 * Renders {@link DatasetInspection}'s summary as a plain-text table: exams per split, class
 * balance per task, and slice-count range, slice size and dtype per plane.
 *
 * @example
 * ```ts
 * import { inspectDataset } from '@mrnet/data/node';
 * process.stdout.write(formatInspection(await inspectDataset('MRNet-v1.0')));
 * ```
 */
export function formatInspection(inspection: DatasetInspection): string {
  const { summary } = inspection;
  const lines: string[] = [`Dataset ${summary.root}`, ''];
  const empty = SPLITS.every((split) => summary.splits[split].exams === 0);
  if (empty && !inspection.ok) {
    lines.push(`${inspection.problems.length} problem${inspection.problems.length === 1 ? '' : 's'}:`);
    for (const p of inspection.problems) lines.push(`  ${p}`);
    return lines.join('\n') + '\n';
  }
  const table: string[][] = [['split', 'exams', ...TASKS.map((t) => `${t} pos/neg (prev.)`)]];
  for (const split of SPLITS) {
    const s = summary.splits[split];
    table.push([
      split,
      String(s.exams),
      ...TASKS.map((t) => {
        const ts = s.tasks[t];
        return ts ? `${ts.positives}/${ts.negatives} (${ts.prevalence === null ? '–' : `${(100 * ts.prevalence).toFixed(1)}%`})` : 'missing';
      }),
    ]);
  }
  lines.push(...renderTable(table), '');
  const planes: string[][] = [['split', 'plane', 'files', 'slices', 'size', 'dtype']];
  for (const split of SPLITS) {
    for (const plane of PLANES) {
      const p = summary.splits[split].planes[plane];
      planes.push([
        split,
        plane,
        String(p.files),
        p.slices ? `${p.slices.min}–${p.slices.max}` : '–',
        p.sizes.join(', ') || '–',
        p.dtypes.join(', ') || '–',
      ]);
    }
  }
  lines.push(...renderTable(planes), '');
  lines.push(inspection.ok ? 'No problems found.' : `${inspection.problems.length} problem${inspection.problems.length === 1 ? '' : 's'}:`);
  for (const p of inspection.problems) lines.push(`  ${p}`);
  return lines.join('\n') + '\n';
}

function renderTable(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd());
}
