import { z } from 'zod';
import { command, input } from '../define';
import { OrderKindSchema } from '../records';
import { ResultValuesSchema } from '../../results/values';

const accountId = z.string().trim().min(1).max(200);
const recordId = z.string().trim().min(1).max(500);
const jobId = z.string().trim().min(1).max(100);
const paging = {
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
};

/**
 * A result on its way to the ATS. queued: waiting its turn (or its retry time); sending: on the
 * wire; parked: the ATS refused it (4xx) and a coordinator must edit and resend, or discard; sent:
 * the ATS accepted it. Jobs for one order go strictly in order; a parked job holds back only its
 * own order's later jobs.
 */
export const OUTBOX_STATES = ['queued', 'sending', 'parked', 'sent'] as const;
export const OutboxStateSchema = z.enum(OUTBOX_STATES);
export type OutboxState = z.infer<typeof OutboxStateSchema>;

export const OutboxJobSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  orderId: z.string(),
  kind: OrderKindSchema,
  candidateName: z.string().nullable(),
  state: OutboxStateSchema,
  /** The values the body was built from, so "edit and resend" starts from them. */
  values: ResultValuesSchema,
  /** The exact JSON text that is (or was) sent. */
  body: z.string(),
  /** The `result.value` in the body, or null for a body without one. */
  resultValue: z.string().nullable(),
  /** Sorted top-level keys of the body: a newer job with the same set replaces a queued one. */
  fieldSet: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  /** Plain words: why it is waiting or why the ATS refused it. */
  lastError: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  /** StackOne's `provider_errors` from the refusal, as received. */
  providerErrors: z.array(z.unknown()).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxJob = z.infer<typeof OutboxJobSchema>;

/** Why queued jobs are not going out right now. */
export const OUTBOX_WAIT_REASONS = ['offline', 'rate_limited', 'retrying', 'stopped'] as const;
export const OutboxWaitSchema = z.object({
  /** Jobs queued or sending. */
  waiting: z.number().int(),
  reason: z.enum(OUTBOX_WAIT_REASONS).nullable(),
  /** Plain words, e.g. "StackOne cannot be reached; 3 results wait and go out when it answers." */
  message: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type OutboxWait = z.infer<typeof OutboxWaitSchema>;

export const OutboxCountsSchema = z.object({
  queued: z.number().int(),
  sending: z.number().int(),
  parked: z.number().int(),
  sent: z.number().int(),
});
export type OutboxCounts = z.infer<typeof OutboxCountsSchema>;

export const OutboxStatusSchema = z.object({
  workspaceId: z.string(),
  counts: OutboxCountsSchema,
  wait: OutboxWaitSchema,
});
export type OutboxStatus = z.infer<typeof OutboxStatusSchema>;

/**
 * sent: 2xx; refused: a 4xx that parked the job; retry: a retryable failure (408/429/5xx/network);
 * unknown: the desk stopped (crash, kill) while the request was on the wire.
 */
export const LOG_OUTCOMES = ['sent', 'refused', 'retry', 'unknown'] as const;
export const LogOutcomeSchema = z.enum(LOG_OUTCOMES);
export type LogOutcome = z.infer<typeof LogOutcomeSchema>;

/** One send attempt, as the ATS saw it. Never holds a secret (no authorization header). */
export const OutboundLogEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  osUser: z.string(),
  workspaceId: z.string(),
  accountId: z.string(),
  orderId: z.string(),
  jobId: z.string(),
  attempt: z.number().int(),
  method: z.string(),
  path: z.string(),
  requestBody: z.string(),
  responseStatus: z.number().int().nullable(),
  responseBody: z.string().nullable(),
  outcome: LogOutcomeSchema,
  /** Plain words for a failure without an HTTP answer (timeout, network, crash). */
  error: z.string().nullable(),
  durationMs: z.number().int().nullable(),
});
export type OutboundLogEntry = z.infer<typeof OutboundLogEntrySchema>;

export const OutboxSettingsSchema = z.object({
  /** Outbound log entries older than this are purged (at start and daily). */
  logRetentionDays: z.number().int().min(1).max(3650),
});
export type OutboxSettings = z.infer<typeof OutboxSettingsSchema>;
export const DEFAULT_LOG_RETENTION_DAYS = 365;

const sendOutput = z.object({ jobId: z.string(), orderStatus: z.string() });

export const outboxCommands = {
  'outbox:list': command({
    summary: 'Outbox jobs (newest first) with counts per state and why queued jobs wait.',
    input: input({
      accountId: accountId.optional(),
      orderId: recordId.optional(),
      states: z.array(OutboxStateSchema).min(1).max(OUTBOX_STATES.length).optional(),
      ...paging,
    }),
    output: z.object({
      rows: z.array(OutboxJobSchema),
      total: z.number().int(),
      status: OutboxStatusSchema,
    }),
  }),
  'outbox:resend': command({
    summary:
      'Send a parked job again, optionally with edited values (validated like results:send); a queued job waiting for a retry is tried now.',
    input: input({
      jobId,
      values: ResultValuesSchema.optional(),
      confirmFinalResend: z.boolean().default(false),
    }),
    output: sendOutput,
  }),
  'outbox:discard': command({
    summary:
      'Drop a parked or queued job; the order goes back to its draft (or its last sent state).',
    input: input({ jobId }),
    output: z.object({ orderStatus: z.string() }),
  }),
  'outbox:get-settings': command({
    summary: 'Outbox and outbound-log settings of the active workspace.',
    input: input({}),
    output: OutboxSettingsSchema,
  }),
  'outbox:set-settings': command({
    summary: 'Change the outbound log retention; older entries are purged at once.',
    input: input({ logRetentionDays: OutboxSettingsSchema.shape.logRetentionDays }),
    output: OutboxSettingsSchema.extend({ purged: z.number().int() }),
  }),
  'results:log': command({
    summary: 'The outbound log (every send attempt), newest first, filtered and paged.',
    input: input({
      accountId: accountId.optional(),
      orderId: recordId.optional(),
      outcome: LogOutcomeSchema.optional(),
      responseStatus: z.number().int().min(100).max(599).optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      ...paging,
    }),
    output: z.object({ rows: z.array(OutboundLogEntrySchema), total: z.number().int() }),
  }),
};
