import { useState } from 'react';
import { errorMessage } from './errors';

/** What a CSV parser of an import hands back (see features/*\/…-csv.ts, papaparse). */
export interface ParsedCsv<Row> {
  rows: Row[];
  /** Problems with the file as a whole (no header, wrong columns): nothing is previewed. */
  fileErrors: string[];
  ignoredColumns: string[];
}

/** Main's row-by-row check of the parsed rows, before anything is stored. */
export interface CsvPreview<Report> {
  rows: Report[];
  valid: number;
  invalid: number;
}

export type CsvImportStage<Row, Report> =
  | { kind: 'idle' }
  | { kind: 'reading'; file: string }
  | { kind: 'failed'; file: string; errors: string[] }
  | {
      kind: 'preview';
      file: string;
      rows: Row[];
      ignoredColumns: string[];
      reports: Report[];
      valid: number;
      invalid: number;
    };

/**
 * The flow every CSV import shares: read and parse a file here, let main check each row
 * (`preview`), show the rows (with "only rows with errors" when some are invalid, paged), and
 * apply on confirmation (`commit`). A failure at any step becomes the `failed` stage with its
 * message; nothing is applied until `commit`.
 */
export function useCsvImport<Row, Report extends { issues: readonly unknown[] }>(options: {
  parse: (text: string) => ParsedCsv<Row>;
  preview: (rows: Row[]) => Promise<CsvPreview<Report>>;
}) {
  const [stage, setStage] = useState<CsvImportStage<Row, Report>>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [onlyErrors, setOnlyErrorsState] = useState(false);
  const [offset, setOffset] = useState(0);

  async function read(file: File) {
    setStage({ kind: 'reading', file: file.name });
    setOffset(0);
    setOnlyErrorsState(false);
    try {
      const parsed = options.parse(await file.text());
      if (parsed.fileErrors.length > 0) {
        setStage({ kind: 'failed', file: file.name, errors: parsed.fileErrors });
        return;
      }
      const out = await options.preview(parsed.rows);
      setStage({
        kind: 'preview',
        file: file.name,
        rows: parsed.rows,
        ignoredColumns: parsed.ignoredColumns,
        reports: out.rows,
        valid: out.valid,
        invalid: out.invalid,
      });
      setOnlyErrorsState(out.invalid > 0);
    } catch (e) {
      setStage({ kind: 'failed', file: file.name, errors: [errorMessage(e)] });
    }
  }

  /** Applies the previewed rows with `apply`; back to idle when it succeeds. */
  async function commit(apply: (rows: Row[], file: string) => Promise<void>) {
    if (stage.kind !== 'preview') return;
    setBusy(true);
    try {
      await apply(stage.rows, stage.file);
      setStage({ kind: 'idle' });
    } catch (e) {
      setStage({ kind: 'failed', file: stage.file, errors: [errorMessage(e)] });
    } finally {
      setBusy(false);
    }
  }

  const reports =
    stage.kind !== 'preview'
      ? []
      : onlyErrors
        ? stage.reports.filter((r) => r.issues.length > 0)
        : stage.reports;

  return {
    stage,
    busy,
    read,
    commit,
    reset: () => setStage({ kind: 'idle' }),
    /** The preview's rows as shown: all of them, or only the invalid ones. */
    reports,
    onlyErrors,
    setOnlyErrors: (value: boolean) => {
      setOnlyErrorsState(value);
      setOffset(0);
    },
    offset,
    setOffset,
  };
}
