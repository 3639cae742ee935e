import { z } from 'zod';
import { command, input } from '../define';
import { InputIssueSchema } from '../errors';
import { OrderKindSchema } from '../records';
import { QuickStatusSchema, ResultValuesSchema } from '../../results/values';
import { ResultImportRowSchema, RESULT_CSV_MAX_ROWS } from '../../results/csv';
import { OutboundLogEntrySchema, OutboxJobSchema } from './outbox';

const accountId = z.string().trim().min(1).max(200);
const recordId = z.string().trim().min(1).max(500);

export const ResultDraftSchema = z.object({
  values: ResultValuesSchema,
  savedAt: z.string(),
});
export type ResultDraft = z.infer<typeof ResultDraftSchema>;

/** Everything the order page shows about the order's result. */
export const OrderResultStateSchema = z.object({
  accountId: z.string(),
  orderId: z.string(),
  kind: OrderKindSchema,
  /** The order's local status (`draft`, `queued`, `sending`, `sent`, `needs_attention`, …). */
  status: z.string(),
  draft: ResultDraftSchema.nullable(),
  /** This order's outbox jobs, newest first, sent ones included. */
  jobs: z.array(OutboxJobSchema),
  /** The last job the ATS accepted with a final result (completed/passed/failed), if any. */
  lastFinal: OutboxJobSchema.nullable(),
  /** "What the ATS received": the latest attempts, newest first (all of them via results:log). */
  log: z.array(OutboundLogEntrySchema),
});
export type OrderResultState = z.infer<typeof OrderResultStateSchema>;

export const RESULT_WARNING_CODES = [
  /** A final result without result_url: some ATSs (Greenhouse) refuse it. */
  'final_without_result_url',
  /** A final result was already accepted: some ATSs refuse or ignore any change after it. */
  'change_after_final',
  /** A second final result: sending needs `confirmFinalResend: true`. */
  'final_resend_needs_confirmation',
  /** A job for this order is already queued or parked; this one goes after it (or replaces it). */
  'earlier_job_pending',
] as const;
export const ResultWarningSchema = z.object({
  code: z.enum(RESULT_WARNING_CODES),
  message: z.string(),
});
export type ResultWarning = z.infer<typeof ResultWarningSchema>;

/** The request exactly as the outbox will send it, secret left out. */
export const ResultPreviewSchema = z.object({
  method: z.literal('PATCH'),
  /** With the order id filled in, e.g. /unified/ats/assessments/orders/ord_1/result. */
  path: z.string(),
  /** The workspace's StackOne base URL + path. */
  url: z.string(),
  /** In send order; `authorization` is shown as a placeholder, never the key. */
  headers: z.array(z.object({ name: z.string(), value: z.string() })),
  /** The JSON body, byte for byte as it will be sent. */
  body: z.string(),
  bodyBytes: z.number().int(),
  /** Why the values cannot be sent yet (field named by path); empty when sendable. */
  issues: z.array(InputIssueSchema),
  warnings: z.array(ResultWarningSchema),
  /** True when results:send needs `confirmFinalResend: true`. */
  needsConfirmation: z.boolean(),
});
export type ResultPreview = z.infer<typeof ResultPreviewSchema>;

const orderRef = { accountId, orderId: recordId };
const sendOutput = z.object({
  jobId: z.string(),
  orderStatus: z.string(),
  /** Older queued jobs of the same order and field set that this one replaced. */
  replacedJobIds: z.array(z.string()),
});

export const ResultImportRowReportSchema = z.object({
  line: z.number().int(),
  accountId: z.string().nullable(),
  orderId: z.string().nullable(),
  candidateName: z.string().nullable(),
  values: ResultValuesSchema.nullable(),
  /** Empty when the row can be queued. Path names the CSV column (e.g. ['result_url']). */
  issues: z.array(InputIssueSchema),
});
export type ResultImportRowReport = z.infer<typeof ResultImportRowReportSchema>;

const importRows = z.array(ResultImportRowSchema).min(1).max(RESULT_CSV_MAX_ROWS);

export const resultCommands = {
  'results:get': command({
    summary: "An order's result: draft, local status, outbox jobs and what the ATS received.",
    input: input(orderRef),
    output: OrderResultStateSchema,
  }),
  'results:save-draft': command({
    summary:
      "Save the form's values as the order's draft (durable; a new or in-progress order becomes Draft).",
    input: input({ ...orderRef, values: ResultValuesSchema }),
    output: z.object({ savedAt: z.string(), orderStatus: z.string() }),
  }),
  'results:discard-draft': command({
    summary: "Forget the order's draft; the order returns to the status it had before it.",
    input: input(orderRef),
    output: z.object({ orderStatus: z.string() }),
  }),
  'results:preview': command({
    summary:
      'The exact request results:send would queue for these values (or the draft): path, headers, body bytes, issues, warnings.',
    input: input({ ...orderRef, values: ResultValuesSchema.optional() }),
    output: ResultPreviewSchema,
  }),
  'results:send': command({
    summary:
      "Queue the result (these values, or the draft) in the same transaction as the order's new status (Queued).",
    input: input({
      ...orderRef,
      values: ResultValuesSchema.optional(),
      confirmFinalResend: z.boolean().default(false),
    }),
    output: sendOutput,
  }),
  'results:quick-status': command({
    summary: 'Queue a status-only PATCH (Invited or In progress) for an order.',
    input: input({ ...orderRef, result: QuickStatusSchema }),
    output: sendOutput,
  }),
  'results:import-preview': command({
    summary:
      'Check parsed CSV rows: which orders they name and what is wrong with each row (nothing is queued).',
    input: input({ accountId: accountId.optional(), rows: importRows }),
    output: z.object({
      rows: z.array(ResultImportRowReportSchema),
      valid: z.number().int(),
      invalid: z.number().int(),
    }),
  }),
  'results:import-commit': command({
    summary:
      'Queue every valid row in one transaction (rows are checked again; invalid rows are skipped and reported).',
    input: input({ accountId: accountId.optional(), rows: importRows }),
    output: z.object({
      queued: z.number().int(),
      skipped: z.array(ResultImportRowReportSchema),
    }),
  }),
  'results:export-sent': command({
    summary:
      'Sent results as CSV text (columns SENT_RESULTS_CSV_COLUMNS), optionally per account and period.',
    input: input({
      accountId: accountId.optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
    }),
    output: z.object({ csv: z.string(), rows: z.number().int() }),
  }),
};
