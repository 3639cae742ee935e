import {
  MAPPING_CSV_COLUMNS,
  MAPPING_MAX_BATCH,
  type MappingCsvColumn,
  type MappingImportRow,
} from '../../../../src-shared/contract';
import { readCsvRecords } from '../../lib/csv-records';

export interface ParsedMappingCsv {
  rows: MappingImportRow[];
  /** Problems with the file as a whole (a missing column, too many rows, no rows). */
  fileErrors: string[];
  /** Columns the file has that the desk does not know: ignored, and said so. */
  ignoredColumns: string[];
}

const known = new Set<string>(MAPPING_CSV_COLUMNS);
/** What a row must name; target_title and package_name are for people and ignored on import. */
const REQUIRED: readonly MappingCsvColumn[] = ['account_id', 'target', 'target_id', 'package_id'];

/**
 * The export escapes a cell starting with =, +, - or @ with a leading apostrophe (so a spreadsheet
 * never runs it as a formula); reading the file back takes the apostrophe off again, so an id such
 * as "-17" survives the round trip.
 */
function unescapeCell(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/**
 * A mappings CSV (as exported, or written by hand) as rows for `mappings:import-preview`: the
 * header names the columns in any order and case, every cell stays a string (main says what is
 * wrong with each row), and each row keeps the line it starts on in the file.
 */
export function parseMappingCsv(text: string): ParsedMappingCsv {
  const [header, ...data] = readCsvRecords(text);
  if (!header) return { rows: [], fileErrors: ['The file is empty.'], ignoredColumns: [] };
  const fileErrors: string[] = [];
  const names = header.cells.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    fileErrors.push(
      `The file has no ${missing.map((c) => `“${c}”`).join(', ')} column. Export the mappings to see the columns.`,
    );
  }
  if (data.length > MAPPING_MAX_BATCH) {
    fileErrors.push(
      `The file has ${data.length.toLocaleString()} rows; at most ${MAPPING_MAX_BATCH.toLocaleString()} can be imported at once. Split it into smaller files.`,
    );
  }
  if (data.length === 0) fileErrors.push('The file has a header row but no mappings.');
  const rows = data.map(({ cells, line }) => {
    const row: MappingImportRow = {
      line,
      account_id: '',
      target: '',
      target_id: '',
      target_title: '',
      package_id: '',
      package_name: '',
    };
    names.forEach((name, i) => {
      if (known.has(name)) row[name as MappingCsvColumn] = unescapeCell(cells[i] ?? '');
    });
    return row;
  });
  const ignoredColumns = header.cells.filter((_, i) => !known.has(names[i] ?? ''));
  return { rows, fileErrors, ignoredColumns };
}
