import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { RESULT_CSV_COLUMNS } from '../../../../src-shared/results';
import { parseResultCsv, resultCsvTemplate } from './result-csv';

describe('results CSV', () => {
  it('reads columns by name in any order, and keeps the line each row starts on', () => {
    const csv = [
      'Result,ORDER,summary,notes',
      'passed,REF-1,"two',
      'lines",x',
      '',
      'failed,REF-2,,y',
    ].join('\r\n');
    const parsed = parseResultCsv(csv);
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.ignoredColumns).toEqual(['notes']);
    expect(parsed.rows).toMatchObject([
      { line: 2, order: 'REF-1', result: 'passed', summary: 'two\r\nlines' },
      { line: 5, order: 'REF-2', result: 'failed', summary: '' },
    ]);
  });

  it('says what is wrong with the file as a whole', () => {
    expect(parseResultCsv('').fileErrors).toEqual(['The file is empty.']);
    expect(parseResultCsv('result,summary\npassed,x').fileErrors[0]).toMatch(/no “order” column/);
    expect(parseResultCsv('order,result\n').fileErrors).toEqual([
      'The file has a header row but no results.',
    ]);
  });

  it('offers a template that reads back as one valid row, formulas escaped', () => {
    const template = resultCsvTemplate();
    const header = Papa.parse<string[]>(template).data[0];
    expect(header).toEqual([...RESULT_CSV_COLUMNS]);
    const parsed = parseResultCsv(template);
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]?.result).toBe('passed');
  });
});
