import Papa from 'papaparse';

/** Save text as a file through the browser's download (Electron asks where to save it). */
export function downloadText(
  filename: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download by now; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * CSV for a spreadsheet: a cell starting with =, +, - or @ is escaped so that opening the file
 * never runs a formula a candidate or an ATS put into a summary.
 */
export function toCsv(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
): string {
  return Papa.unparse(
    { fields: [...columns], data: rows.map((r) => columns.map((c) => r[c] ?? '')) },
    { escapeFormulae: true, newline: '\r\n' },
  );
}

/** "results-log-<year>-<month>-<day>.csv": named after the day, in the coordinator's zone. */
export function datedName(prefix: string, now = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `${prefix}-${day}.csv`;
}
