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

  it('reads a 1,000-row file: every row, its line, its cells (a quoted summary across lines included)', () => {
    const lines = [RESULT_CSV_COLUMNS.join(',')];
    for (let i = 0; i < 1_000; i++) {
      const summary = i % 100 === 0 ? `"first line ${i}\nsecond ""line"""` : `row ${i}`;
      lines.push(
        [
          `ORD-${i}`,
          i % 2 ? 'passed' : 'maybe',
          String(i % 120),
          '0',
          '100',
          'Pct',
          summary,
          `https://r.example.com/${i}`,
          '2025-03-01T10:30:00+01:00',
        ].join(','),
      );
    }
    const started = performance.now();
    const parsed = parseResultCsv(lines.join('\r\n'));
    console.log(`parseResultCsv: 1000 rows in ${Math.round(performance.now() - started)} ms`);
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.ignoredColumns).toEqual([]);
    expect(parsed.rows).toHaveLength(1_000);
    // Ten summaries span two lines, so each row's line shifts by one after every such summary.
    let line = 2;
    parsed.rows.forEach((row, i) => {
      expect(row.line).toBe(line);
      expect(row.order).toBe(`ORD-${i}`);
      expect(row.result).toBe(i % 2 ? 'passed' : 'maybe');
      expect(row.score_value).toBe(String(i % 120));
      expect(row.summary).toBe(i % 100 === 0 ? `first line ${i}\nsecond "line"` : `row ${i}`);
      line += i % 100 === 0 ? 2 : 1;
    });
  });
});
