import { z } from 'zod';

/**
 * Bulk results from CSV. The file is parsed with papaparse (header row, these column names); each
 * row is handed to main as strings, and main decides per row what is wrong with it. One rule for the
 * template the coordinator downloads, the parser's header check and main.
 */
export const RESULT_CSV_COLUMNS = [
  'order',
  'result',
  'score_value',
  'score_min',
  'score_max',
  'score_label',
  'summary',
  'result_url',
  'submission_date',
] as const;
export type ResultCsvColumn = (typeof RESULT_CSV_COLUMNS)[number];

export const RESULT_CSV_MAX_ROWS = 5_000;

const cell = z.string().max(10_000).default('');

/** One data row: `line` is the 1-based line in the file (the header is line 1). */
export const ResultImportRowSchema = z.strictObject({
  line: z.number().int().min(1),
  /** The order's reference (remote id) or id. */
  order: z.string().max(500).default(''),
  result: cell,
  score_value: cell,
  score_min: cell,
  score_max: cell,
  score_label: cell,
  summary: cell,
  result_url: cell,
  submission_date: cell,
});
export type ResultImportRow = z.output<typeof ResultImportRowSchema>;

/** Columns of the sent-results export: who and what, then the import's result columns, then when. */
export const SENT_RESULTS_CSV_COLUMNS = [
  'account_id',
  'order_id',
  'kind',
  'candidate',
  ...RESULT_CSV_COLUMNS.filter((c) => c !== 'order'),
  'sent_at',
] as const;
