import { z } from 'zod';

/**
 * The shapes of cached records as the renderer sees them. Every record keeps StackOne's raw JSON
 * (`raw`) beside the columns the desk indexes; `missing` means StackOne answered 404 for it, which
 * the UI shows as "Not found in the ATS" rather than as blanks.
 */
export const ORDER_KINDS = ['assessment', 'background_check'] as const;
export const OrderKindSchema = z.enum(ORDER_KINDS);
export type OrderKind = z.infer<typeof OrderKindSchema>;

/**
 * Where an order stands locally. new: nobody has touched it; in_progress: a coordinator is on it;
 * draft: a result is saved, not sent; queued/sending: the result is in the outbox; sent: the ATS
 * accepted it; needs_attention: a send was refused and needs a fix; cancelled: nothing more to do.
 */
export const ORDER_STATUSES = [
  'new',
  'in_progress',
  'draft',
  'queued',
  'sending',
  'needs_attention',
  'sent',
  'cancelled',
] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** Statuses that still need work: only these can be overdue, and they are the queue's open count. */
export const OPEN_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter(
  (s) => s !== 'sent' && s !== 'cancelled',
);

export const CachedRecordSchema = z.object({
  accountId: z.string(),
  id: z.string(),
  updatedAt: z.string().nullable(),
  missing: z.boolean(),
  syncedAt: z.string(),
  raw: z.unknown(),
});

export const CandidateSchema = CachedRecordSchema.extend({
  name: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  emails: z.array(z.string()),
});
export type Candidate = z.infer<typeof CandidateSchema>;

export const ApplicationSchema = CachedRecordSchema.extend({
  candidateId: z.string().nullable(),
  jobId: z.string().nullable(),
  status: z.string().nullable(),
  stageName: z.string().nullable(),
});
export type Application = z.infer<typeof ApplicationSchema>;

export const JobSchema = CachedRecordSchema.extend({
  title: z.string().nullable(),
  code: z.string().nullable(),
  status: z.string().nullable(),
});
export type Job = z.infer<typeof JobSchema>;

export const JobPostingSchema = CachedRecordSchema.extend({
  jobId: z.string().nullable(),
  title: z.string().nullable(),
  status: z.string().nullable(),
  internal: z.string().nullable(),
});
export type JobPosting = z.infer<typeof JobPostingSchema>;

export const PackageSchema = CachedRecordSchema.extend({
  kind: OrderKindSchema,
  name: z.string().nullable(),
  description: z.string().nullable(),
});
export type Package = z.infer<typeof PackageSchema>;

/**
 * What the team knows of an order (team mode): its live claim, the latest result a desk reported
 * for it, and whether two coordinators reported results for it (a conflict to look at).
 */
export const OrderTeamSchema = z.object({
  claim: z
    .object({ by: z.object({ id: z.string(), name: z.string() }), expiresAt: z.string() })
    .nullable(),
  report: z
    .object({
      outcome: z.enum(['sent', 'parked']),
      result: z.string().nullable(),
      /** The coordinator's name; null when a desk on the shared token reported it. */
      by: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
  /** Names of the coordinators who sent this order a result, when more than one did. */
  conflict: z.array(z.string()),
});
export type OrderTeam = z.infer<typeof OrderTeamSchema>;

export const OrderSummarySchema = z.object({
  accountId: z.string(),
  id: z.string(),
  kind: OrderKindSchema,
  /** A string rather than the enum: a newer desk may have written a status this one does not know. */
  status: z.string(),
  receivedAt: z.string(),
  dueAt: z.string(),
  packageId: z.string().nullable(),
  packageName: z.string().nullable(),
  candidateId: z.string().nullable(),
  candidateName: z.string().nullable(),
  candidateEmail: z.string().nullable(),
  jobId: z.string().nullable(),
  jobTitle: z.string().nullable(),
  applicationId: z.string().nullable(),
  accountName: z.string().nullable(),
  accountProvider: z.string().nullable(),
  /**
   * An order of a static-package account (Workday, SuccessFactors) whose ATS test id and job
   * resolve to no package through the mappings; a mapping saved for it clears the flag.
   */
  unmapped: z.boolean(),
  /** Absent when the team knows nothing of the order (and outside team mode). */
  team: OrderTeamSchema.optional(),
});
export type OrderSummary = z.infer<typeof OrderSummarySchema>;

export const QueueRowSchema = OrderSummarySchema.extend({ overdue: z.boolean() });
export type QueueRow = z.infer<typeof QueueRowSchema>;

export const OrderHistoryEntrySchema = z.object({
  at: z.string(),
  event: z.string(),
  detail: z.string().nullable(),
  data: z.unknown(),
});

export const OrderDetailSchema = OrderSummarySchema.extend({
  remoteId: z.string().nullable(),
  eventId: z.string().nullable(),
  resultsUpdateUrl: z.string().nullable(),
  updatedAt: z.string(),
  rawEvent: z.unknown(),
  candidate: CandidateSchema.nullable(),
  application: ApplicationSchema.nullable(),
  job: JobSchema.nullable(),
  package: PackageSchema.nullable(),
  history: z.array(OrderHistoryEntrySchema),
  overdue: z.boolean(),
});
export type OrderDetail = z.infer<typeof OrderDetailSchema>;

export const QuarantinedRecordSchema = z.object({
  id: z.number(),
  source: z.string(),
  accountId: z.string().nullable(),
  recordId: z.string().nullable(),
  reason: z.string(),
  raw: z.unknown(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  seenCount: z.number(),
});
export type QuarantinedRecord = z.infer<typeof QuarantinedRecordSchema>;
