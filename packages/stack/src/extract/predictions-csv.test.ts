import { describe, expect, it } from 'vitest';
import { PredictionError } from './prediction-error.js';
import { PREDICTIONS_CSV_HEADER, formatPredictionsCsv, parsePredictionsCsv, type PredictionRow } from './predictions-csv.js';

describe('predictions CSV', () => {
  const rows: PredictionRow[] = [
    { id: 0, label: 1, axial: 0.1, coronal: 1 / 3, sagittal: 0.999999999999 },
    { id: 1130, label: 0, axial: 0, coronal: 1, sagittal: 2 ** -40 },
  ];

  it('writes the header and one line per exam, and parses back to the same numbers', () => {
    const text = formatPredictionsCsv(rows);
    expect(text.split('\n')[0]).toBe(PREDICTIONS_CSV_HEADER);
    expect(text.split('\n')[2]).toBe(`1130,0,0,1,${2 ** -40}`);
    expect(parsePredictionsCsv(text)).toEqual(rows);
  });

  it.each([
    ['id,label,axial,sagittal,coronal\n', /:1: expected the header/],
    [`${PREDICTIONS_CSV_HEADER}\n1,0,0.5,0.5\n`, /:2: expected 5 comma-separated values, got 4/],
    [`${PREDICTIONS_CSV_HEADER}\n-1,0,0.5,0.5,0.5\n`, /:2: id "-1"/],
    [`${PREDICTIONS_CSV_HEADER}\n1,0,0.5,0.5,0.5\n2,2,0.5,0.5,0.5\n`, /:3: label "2"/],
    [`${PREDICTIONS_CSV_HEADER}\n1,1,0.5,1.5,0.5\n`, /:2: coronal probability "1.5"/],
    [`${PREDICTIONS_CSV_HEADER}\n1,1,0.5,,0.5\n`, /:2: coronal probability ""/],
  ])('rejects %j naming the file and line', (text, message) => {
    expect(() => parsePredictionsCsv(text, 'p.csv')).toThrow(PredictionError);
    expect(() => parsePredictionsCsv(text, 'p.csv')).toThrow(message);
    expect(() => parsePredictionsCsv(text, 'p.csv')).toThrow(/^p\.csv:/);
  });
});
