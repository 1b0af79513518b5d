import { describe, expect, it } from 'vitest';
import { parseLabelCsv } from './label-csv.js';

describe('parseLabelCsv', () => {
  it('reads ids with and without zero padding, CRLF, a BOM and blank lines', () => {
    const { rows, problems } = parseLabelCsv('\uFEFF0000,1\r\n7,0\r\n\r\n0012 , 1.0\n', 'f.csv');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { id: 0, label: 1, line: 1 },
      { id: 7, label: 0, line: 2 },
      { id: 12, label: 1, line: 4 },
    ]);
  });

  it('lists every problem with file:line', () => {
    const text = ['id,label', '1,2', '2,1', '0002,0', '3', '4,1,9', '-5,0', '6,yes', '1,1'].join('\n');
    const { rows, problems } = parseLabelCsv(text, 'train-acl.csv');
    // Line 2 is invalid, so id 1 on line 9 is its first valid occurrence.
    expect(rows.map((r) => r.id)).toEqual([2, 1]);
    expect(problems).toEqual([
      'train-acl.csv:1: the id is not a non-negative integer (label CSVs have no header row): id "id"',
      'train-acl.csv:1: the label is not 0 or 1: label "label"',
      'train-acl.csv:2: the label is not 0 or 1: label "2"',
      'train-acl.csv:4: duplicate id 2 (first on line 3)',
      'train-acl.csv:5: expected 2 fields "id,label", found 1: "3"',
      'train-acl.csv:6: expected 2 fields "id,label", found 3: "4,1,9"',
      'train-acl.csv:7: the id is not a non-negative integer (label CSVs have no header row): id "-5"',
      'train-acl.csv:8: the label is not 0 or 1: label "yes"',
    ]);
  });
});
