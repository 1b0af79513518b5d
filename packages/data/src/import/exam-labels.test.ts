import { describe, expect, test } from 'vitest';
import { parseExamLabels } from './exam-labels.js';
import { ImportError } from './import-error.js';

describe('parseExamLabels', () => {
  test('header names the columns, in any order; task columns optional', () => {
    expect(parseExamLabels('id,acl,exam\r\n3,1,k3\n\n4,0,k4\n', 'l.csv')).toEqual({
      tasks: ['acl'],
      rows: [
        { exam: 'k3', id: 3, labels: { acl: 1 } },
        { exam: 'k4', id: 4, labels: { acl: 0 } },
      ],
    });
  });

  test('every problem counted, the first named with file:line', () => {
    const bad = 'exam,id,acl,meniscus\nk1,1,1,0\nk1,1,2,0\n../x,a,0,1\n';
    expect(() => parseExamLabels(bad, 'l.csv')).toThrow(ImportError);
    expect(() => parseExamLabels(bad, 'l.csv')).toThrow('l.csv:3: id 1 already used on line 2 (and 4 more problems)');
    expect(() => parseExamLabels('id,label\n1,0\n', 'l.csv')).toThrow(/^l\.csv:1: header must name exam, id and at least one of abnormal, acl, meniscus/);
  });
});
