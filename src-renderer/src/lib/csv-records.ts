import Papa from 'papaparse';

export interface CsvRecord {
  cells: string[];
  /** The 1-based line the record starts on in the file (a quoted cell may span several lines). */
  line: number;
}

/**
 * A CSV file's records (header first) with the line each starts on, so that an error can say
 * where to look even when a quoted cell spans several lines. Empty lines are skipped; a byte-order
 * mark is dropped.
 */
export function readCsvRecords(text: string): CsvRecord[] {
  const csv = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  // `line` is the line number at `pos`; each record starts at its first character after the
  // previous record's end (papaparse's cursor), empty lines skipped.
  let pos = 0;
  let line = 1;
  let next = 0;
  Papa.parse<string[]>(csv, {
    skipEmptyLines: 'greedy',
    step: (step) => {
      const first = firstContent(csv, next);
      for (; pos < first; pos++) if (csv.charCodeAt(pos) === 10) line++;
      records.push({ cells: step.data, line });
      next = step.meta.cursor;
    },
  });
  return records;
}

/** Skip the line breaks papaparse skipped as empty lines before a record. */
function firstContent(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}
