import { z } from 'zod';

export const SYNC_SOURCES = [
  'orders',
  'jobs',
  'job_postings',
  'candidates',
  'applications',
  'assessment_packages',
  'background_check_packages',
] as const;
export const SyncSourceSchema = z.enum(SYNC_SOURCES);
export type SyncSource = z.infer<typeof SyncSourceSchema>;

/** `waiting`: a source is waiting on a retry or a Retry-After (see SourceStatus.waiting). */
export const SYNC_STATES = ['idle', 'running', 'waiting', 'error', 'offline'] as const;
export const SyncStateSchema = z.enum(SYNC_STATES);
export type SyncState = z.infer<typeof SyncStateSchema>;

export const SourceStatusSchema = z.object({
  source: SyncSourceSchema,
  /** The linked account, or null for the gateway's order feed (one per workspace). */
  accountId: z.string().nullable(),
  state: SyncStateSchema,
  lastSuccessAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  /** Plain words for the coordinator, never a stack trace. */
  lastError: z.string().nullable(),
  counts: z.object({
    fetched: z.number().int(),
    written: z.number().int(),
    quarantined: z.number().int(),
  }),
  /**
   * Set while the source waits for the service: since when, until when it will try again (null
   * when not known), and why in plain words ("StackOne is not answering", a Retry-After).
   */
  waiting: z
    .object({ since: z.string(), until: z.string().nullable(), reason: z.string() })
    .nullable(),
  /** Something about its data the coordinator should know (e.g. records stamped in the future). */
  notice: z.string().nullable(),
});
export type SourceStatus = z.infer<typeof SourceStatusSchema>;

export const SyncStatusSchema = z.object({
  workspaceId: z.string(),
  state: SyncStateSchema,
  lastSuccessAt: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  intervalMs: z.number().int(),
  /** Since when a service has been unreachable; the offline banner shows the last success time. */
  offlineSince: z.string().nullable(),
  sources: z.array(SourceStatusSchema),
  quarantined: z.number().int(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const DATA_TABLES = [
  'orders',
  'candidates',
  'applications',
  'jobs',
  'job_postings',
  'packages',
  'quarantine',
  /** The team's assessment catalog (from the gateway). */
  'catalog',
  /** Static-package mappings (from the gateway). */
  'mappings',
] as const;
export const DataTableSchema = z.enum(DATA_TABLES);
export type DataTable = z.infer<typeof DataTableSchema>;
