import {
  RESULT_CSV_COLUMNS,
  RESULT_CSV_MAX_ROWS,
  type ResultCsvColumn,
  type ResultImportRow,
} from '../../../../src-shared/results';
import { readCsvRecords } from '../../lib/csv-records';
import { toCsv } from './download';

export interface ParsedResultCsv {
  rows: ResultImportRow[];
  /** Problems with the file as a whole (no `order` column, too many rows, unreadable CSV). */
  fileErrors: string[];
  /** Columns the file has that the desk does not know: ignored, and said so. */
  ignoredColumns: string[];
}

const known = new Set<string>(RESULT_CSV_COLUMNS);

/**
 * A results CSV as rows for `results:import-preview`: the header row names the columns (in any
 * order, any case), every cell stays a string (main decides what is wrong with it), and each row
 * keeps the line it starts on in the file, so that an error can say where to look even when a
 * quoted summary spans several lines.
 */
export function parseResultCsv(text: string): ParsedResultCsv {
  const fileErrors: string[] = [];
  const records = readCsvRecords(text);
  const [header, ...data] = records;
  if (!header) return { rows: [], fileErrors: ['The file is empty.'], ignoredColumns: [] };
  const names = header.cells.map((h) => h.trim().toLowerCase());
  if (!names.includes('order')) {
    fileErrors.push(
      'The file has no “order” column (the order’s reference or id). Download the template to see the columns.',
    );
  }
  if (data.length > RESULT_CSV_MAX_ROWS) {
    fileErrors.push(
      `The file has ${data.length} rows; at most ${RESULT_CSV_MAX_ROWS} can be imported at once. Split it into smaller files.`,
    );
  }
  if (data.length === 0) fileErrors.push('The file has a header row but no results.');
  const rows = data.map(({ cells, line: at }) => {
    const row: ResultImportRow = {
      line: at,
      order: '',
      result: '',
      score_value: '',
      score_min: '',
      score_max: '',
      score_label: '',
      summary: '',
      result_url: '',
      submission_date: '',
    };
    names.forEach((name, i) => {
      if (known.has(name)) row[name as ResultCsvColumn] = cells[i] ?? '';
    });
    return row;
  });
  const ignoredColumns = header.cells.filter((_, i) => !known.has(names[i] ?? ''));
  return { rows, fileErrors, ignoredColumns };
}

/** The template a coordinator fills in: the columns and one example row. */
export function resultCsvTemplate(): string {
  return toCsv(
    [
      {
        order: 'ORDER-REFERENCE-OR-ID',
        result: 'passed',
        score_value: '87',
        score_min: '0',
        score_max: '100',
        score_label: 'Percentage',
        summary: 'Strong on algorithms',
        result_url: 'https://reports.example.com/r/123',
        submission_date: '2025-03-01T10:30:00+01:00',
      },
    ],
    RESULT_CSV_COLUMNS,
  );
}
