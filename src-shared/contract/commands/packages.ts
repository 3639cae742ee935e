import { z } from 'zod';
import { command, input } from '../define';
import { InputIssueSchema } from '../errors';

/**
 * Packages and job mappings (issue 16). How the data flows:
 *
 * - **Assessment catalog** and **mappings** are provider-wide and live in the order gateway (the
 *   team's shared server). Each record has a `version` the gateway bumps on every write. The desk
 *   reads both into its cache on every sync pass (`data:changed` with `catalog` / `mappings`) and
 *   every command below reads the cache, so the screens work offline.
 * - A write (`catalog:save`, `catalog:archive`, `mappings:assign`, `mappings:clear`,
 *   `mappings:import-commit`) changes the cached copy at once (the record shows `pending: true`) and
 *   queues a job in the durable outbox that carries the version the edit was based on. When the
 *   gateway accepts it the record gets its new version; when the record changed on the gateway in
 *   the meantime (409) the cached record keeps the gateway's current copy and gets a `conflict`
 *   (what is there now vs. what this desk tried to write); nothing is overwritten. The coordinator
 *   resolves it with `catalog:resolve-conflict` / `mappings:resolve-conflict`: keep theirs (drop the
 *   local edit) or keep mine (write it again, now based on their version).
 * - **Publishing** (`catalog:publish`) needs the gateway online: it makes the current non-archived
 *   entries what StackOne gets from the gateway's `GET /ats/assessments/packages`. Each entry's
 *   `publishState` says how it compares with what StackOne gets.
 * - **Background-check packages** live in the customer's ATS, per linked account, reached through
 *   StackOne. `bg-packages:list` shows the cached listing (synced each pass) overlaid with this
 *   desk's outbox jobs for that account (`job`: queued, sending, checking, parked, done). A create
 *   whose outcome is unknown (timeout, 5xx, network, a crash mid-send) is never resent blindly: the
 *   job goes to `checking`, the desk lists the account's packages and matches the one it sent
 *   before deciding to send again.
 * - **Static-package accounts** (Workday, SuccessFactors; see STATIC_PACKAGE_PROVIDERS): their
 *   orders carry an ATS test id as package id, or arrive for a job. A mapping ties a target (an ATS
 *   test id, a job posting or a job of one account) to a catalog package. An order of such an
 *   account that resolves to no package is `unmapped` (order record field and queue filter); a
 *   mapping saved for it clears the flag at once.
 * - CSV: the renderer parses and writes the file (papaparse, columns MAPPING_CSV_COLUMNS); main
 *   checks rows (`mappings:import-preview`), applies them (`mappings:import-commit`) and hands
 *   the rows to export (`mappings:export`).
 * - Malformed input to any command gets `invalid_input`; an unknown account, package or target
 *   `not_found`; `catalog:publish` while the gateway cannot be reached `unreachable`, on a stale
 *   revision `conflict`.
 */

/** ATS providers whose customers create tests by hand and whose orders need a mapping. */
export const STATIC_PACKAGE_PROVIDERS = ['workday', 'successfactors'] as const;
export function isStaticPackageProvider(provider: string | null | undefined): boolean {
  const p = (provider ?? '').toLowerCase().replace(/[^a-z]/g, '');
  return p === 'workday' || p === 'successfactors' || p === 'sapsuccessfactors';
}

const accountId = z.string().trim().min(1).max(200);
const packageId = z.string().trim().min(1).max(200);
const recordId = z.string().trim().min(1).max(500);
const jobId = z.string().trim().min(1).max(100);
const version = z.number().int().min(0);
const paging = {
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
};

// ---------------------------------------------------------------------------------------------
// Assessment catalog

/** What a coordinator edits on a catalog entry. */
export const CatalogValuesSchema = z.strictObject({
  name: z.string().trim().min(1, 'A package needs a name').max(500),
  description: z.string().trim().max(10_000).nullable().default(null),
  /**
   * The provider's own category ("Skills test", "Personality"). Kept for the team; StackOne's
   * `AssessmentPackage` has no such field, so it is not served on `/ats/assessments/packages`.
   */
  type: z.string().trim().max(100).nullable().default(null),
  /** The provider's turnaround in hours (the package's due time for every customer); null = default. */
  turnaroundHours: z
    .number()
    .positive('A turnaround is more than 0 hours')
    .max(24 * 365, 'A turnaround is at most 8,760 hours (a year)')
    .nullable()
    .default(null),
});
export type CatalogValues = z.output<typeof CatalogValuesSchema>;

/**
 * How an entry compares with what StackOne gets now. published: exactly this; changed: an older
 * name or description; new: not served yet; withdrawing: archived here, still served until the
 * next publish; archived: archived and not served.
 */
export const PUBLISH_STATES = ['published', 'changed', 'new', 'withdrawing', 'archived'] as const;
export const PublishStateSchema = z.enum(PUBLISH_STATES);
export type PublishState = z.infer<typeof PublishStateSchema>;

/** One record as the gateway stores it (the "theirs" side of a conflict). */
export const CatalogRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  type: z.string().nullable(),
  turnaroundHours: z.number().nullable(),
  archived: z.boolean(),
  /** Bumped by the gateway on every write; 0 = never stored on the gateway. */
  version: z.number().int(),
  updatedAt: z.string(),
  /** Who wrote it last, when the gateway knows (a coordinator token's name). */
  updatedBy: z.string().nullable(),
});
export type CatalogRecord = z.infer<typeof CatalogRecordSchema>;

/** A write the gateway refused because the record had changed since the edit started. */
export function conflictSchema<T extends z.ZodType>(record: T) {
  return z.object({
    /** What this desk tried to write. */
    mine: record,
    /** What the gateway holds now (null: deleted there). */
    theirs: record.nullable(),
    /** Fields that differ between the two, for "what changed". */
    changedFields: z.array(z.string()),
    at: z.string(),
  });
}

export const CatalogEntrySchema = CatalogRecordSchema.extend({
  publishState: PublishStateSchema,
  /** A local edit waits in the outbox for the gateway. */
  pending: z.boolean(),
  conflict: conflictSchema(CatalogRecordSchema).nullable(),
});
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

/** A package as StackOne gets it from `GET /ats/assessments/packages`. */
export const PublishedPackageSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
});
export type PublishedPackage = z.infer<typeof PublishedPackageSchema>;

export const CatalogViewSchema = z.object({
  entries: z.array(CatalogEntrySchema),
  /** What StackOne gets now (the last publish). */
  published: z.object({
    version: z.number().int(),
    publishedAt: z.string().nullable(),
    packages: z.array(PublishedPackageSchema),
  }),
  /** Entries whose publishState is changed, new or withdrawing: publish would change them. */
  unpublished: z.number().int(),
  /** The catalog's revision on the gateway (bumped by every entry write); publish is based on it. */
  revision: z.number().int(),
  /** When the cached copy was last read from the gateway (null: never). */
  syncedAt: z.string().nullable(),
});
export type CatalogView = z.infer<typeof CatalogViewSchema>;

const keep = z.enum(['mine', 'theirs']);

export const catalogCommands = {
  'catalog:get': command({
    summary:
      "The team's assessment catalog (cached from the gateway) with each entry's publish state and what StackOne gets now.",
    input: input({}),
    output: CatalogViewSchema,
  }),
  'catalog:save': command({
    summary:
      'Create (baseVersion 0) or edit a catalog entry; applied to the cache at once and written to the gateway through the outbox.',
    input: input({ id: packageId, values: CatalogValuesSchema, baseVersion: version }),
    output: z.object({ entry: CatalogEntrySchema }),
  }),
  'catalog:archive': command({
    summary:
      'Archive (or restore) a catalog entry; an archived entry leaves StackOne at the next publish.',
    input: input({ id: packageId, archived: z.boolean(), baseVersion: version }),
    output: z.object({ entry: CatalogEntrySchema }),
  }),
  'catalog:publish': command({
    summary:
      'Make the non-archived entries what StackOne gets (one action); needs the gateway and fails with conflict on a stale revision.',
    input: input({ baseRevision: version }),
    output: CatalogViewSchema,
  }),
  'catalog:resolve-conflict': command({
    summary:
      "Resolve an entry's conflict: theirs drops the local edit; mine writes it again based on their version.",
    input: input({ id: packageId, keep }),
    output: z.object({ entry: CatalogEntrySchema }),
  }),
};

// ---------------------------------------------------------------------------------------------
// Mappings (static-package accounts)

/**
 * What a mapping ties to a package: an ATS test id (the customer's hand-made test, e.g.
 * `RECRUITING_ASSESSMENT_TEST-6-111`, which orders carry as their package id), a job posting or a
 * job of the account.
 */
export const MAPPING_TARGETS = ['ats_test_id', 'job_posting', 'job'] as const;
export const MappingTargetSchema = z.enum(MAPPING_TARGETS);
export type MappingTarget = z.infer<typeof MappingTargetSchema>;

export const MappingRecordSchema = z.object({
  accountId: z.string(),
  target: MappingTargetSchema,
  targetId: z.string(),
  /** Null: cleared (the gateway keeps the record so that its version still guards writes). */
  packageId: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type MappingRecord = z.infer<typeof MappingRecordSchema>;

export const MappingSchema = MappingRecordSchema.extend({
  /** The catalog entry's name, when the package is in the catalog. */
  packageName: z.string().nullable(),
  pending: z.boolean(),
  conflict: conflictSchema(MappingRecordSchema).nullable(),
});
export type Mapping = z.infer<typeof MappingSchema>;

/** One job posting or job of a static-package account, with its mapping. */
export const MappingRowSchema = z.object({
  accountId: z.string(),
  target: z.enum(['job_posting', 'job']),
  id: z.string(),
  title: z.string().nullable(),
  /** The posting's job (for a job: null). */
  jobId: z.string().nullable(),
  status: z.string().nullable(),
  updatedAt: z.string().nullable(),
  mapping: MappingSchema.nullable(),
  /** Open orders of this target that resolve to no package. */
  unmappedOrders: z.number().int(),
});
export type MappingRow = z.infer<typeof MappingRowSchema>;

/** A static-package account and how much of it is mapped. */
export const MappingAccountSchema = z.object({
  accountId: z.string(),
  label: z.string().nullable(),
  provider: z.string().nullable(),
  postings: z.number().int(),
  jobs: z.number().int(),
  unmappedTargets: z.number().int(),
  unmappedOrders: z.number().int(),
});
export type MappingAccount = z.infer<typeof MappingAccountSchema>;

/** A target in a write, with the version the edit was based on (0: it had no mapping yet). */
export const MappingTargetRefSchema = z.strictObject({
  target: MappingTargetSchema,
  targetId: recordId,
  baseVersion: version,
});

/** The most targets one assign/clear/import changes. */
export const MAPPING_MAX_BATCH = 5_000;

export const MAPPING_CSV_COLUMNS = [
  'account_id',
  'target',
  'target_id',
  'target_title',
  'package_id',
  'package_name',
] as const;
export type MappingCsvColumn = (typeof MAPPING_CSV_COLUMNS)[number];

/** One CSV data row as strings; `line` is the 1-based line in the file (the header is line 1). */
export const MappingImportRowSchema = z.strictObject({
  line: z.number().int().min(1),
  account_id: z.string().max(500).default(''),
  target: z.string().max(100).default(''),
  target_id: z.string().max(500).default(''),
  /** Ignored on import (export writes it for people). */
  target_title: z.string().max(10_000).default(''),
  /** Empty: clear the mapping. */
  package_id: z.string().max(500).default(''),
  package_name: z.string().max(10_000).default(''),
});
export type MappingImportRow = z.output<typeof MappingImportRowSchema>;

export const MappingImportRowReportSchema = z.object({
  line: z.number().int(),
  accountId: z.string().nullable(),
  target: MappingTargetSchema.nullable(),
  targetId: z.string().nullable(),
  packageId: z.string().nullable(),
  /** What applying the row does: assign/change/clear a mapping, or nothing (already so). */
  change: z.enum(['new', 'changed', 'cleared', 'unchanged']).nullable(),
  /** Empty when the row can be applied; path names the CSV column (e.g. ['package_id']). */
  issues: z.array(InputIssueSchema),
});
export type MappingImportRowReport = z.infer<typeof MappingImportRowReportSchema>;

const importRows = z.array(MappingImportRowSchema).min(1).max(MAPPING_MAX_BATCH);

export const mappingCommands = {
  'mappings:accounts': command({
    summary: 'The static-package accounts of the active workspace, with what is left unmapped.',
    input: input({}),
    output: z.object({ accounts: z.array(MappingAccountSchema) }),
  }),
  'mappings:list-targets': command({
    summary:
      "An account's job postings and jobs (cached, synced incrementally) with their mapped package; filtered and paged in SQL.",
    input: input({
      accountId,
      target: z.enum(['job_posting', 'job']).optional(),
      unmappedOnly: z.boolean().default(false),
      search: z.string().max(200).optional(),
      ...paging,
    }),
    output: z.object({ rows: z.array(MappingRowSchema), total: z.number().int() }),
  }),
  'mappings:list': command({
    summary:
      'Mappings (cleared ones left out), optionally per account and target kind: e.g. the ATS test ids per package and account.',
    input: input({
      accountId: accountId.optional(),
      target: MappingTargetSchema.optional(),
      packageId: packageId.optional(),
    }),
    output: z.object({ rows: z.array(MappingSchema) }),
  }),
  'mappings:assign': command({
    summary:
      'Map targets (multi-select) of one account to a catalog package; cached at once, written to the gateway through the outbox.',
    input: input({
      accountId,
      packageId,
      targets: z.array(MappingTargetRefSchema).min(1).max(MAPPING_MAX_BATCH),
    }),
    output: z.object({ mappings: z.array(MappingSchema), ordersMapped: z.number().int() }),
  }),
  'mappings:clear': command({
    summary: 'Remove the mapping of targets of one account (their orders may become unmapped).',
    input: input({
      accountId,
      targets: z.array(MappingTargetRefSchema).min(1).max(MAPPING_MAX_BATCH),
    }),
    output: z.object({ mappings: z.array(MappingSchema), ordersUnmapped: z.number().int() }),
  }),
  'mappings:resolve-conflict': command({
    summary:
      "Resolve a mapping's conflict: theirs drops the local edit; mine writes it again based on their version.",
    input: input({ accountId, target: MappingTargetSchema, targetId: recordId, keep }),
    output: z.object({ mapping: MappingSchema }),
  }),
  'mappings:import-preview': command({
    summary:
      'Check parsed CSV rows: what each would change and what is wrong with it (nothing is applied).',
    input: input({ rows: importRows }),
    output: z.object({
      rows: z.array(MappingImportRowReportSchema),
      valid: z.number().int(),
      invalid: z.number().int(),
    }),
  }),
  'mappings:import-commit': command({
    summary:
      'Apply every valid row (checked again) in one transaction; invalid rows are skipped and reported.',
    input: input({ rows: importRows }),
    output: z.object({
      applied: z.number().int(),
      skipped: z.array(MappingImportRowReportSchema),
    }),
  }),
  'mappings:export': command({
    summary: 'Mappings as CSV rows (columns MAPPING_CSV_COLUMNS), optionally per account.',
    input: input({ accountId: accountId.optional() }),
    output: z.object({
      columns: z.array(z.string()),
      rows: z.array(z.record(z.string(), z.string())),
    }),
  }),
};

// ---------------------------------------------------------------------------------------------
// Background-check packages (per linked account, through StackOne)

export const BgTestSchema = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  description: z.string().nullable(),
});
export type BgTest = z.infer<typeof BgTestSchema>;

const testInput = z.strictObject({
  /** The test's id in the ATS when editing an existing test; absent for a new one. */
  id: recordId.optional(),
  name: z.string().trim().min(1, 'A test needs a name').max(500),
  description: z.string().trim().max(10_000).nullable().default(null),
});

export const BgPackageValuesSchema = z.strictObject({
  name: z.string().trim().min(1, 'A package needs a name').max(500),
  description: z.string().trim().max(10_000).nullable().default(null),
  tests: z.array(testInput).max(200).default([]),
});
export type BgPackageValues = z.output<typeof BgPackageValuesSchema>;

/**
 * A queued write of one background-check package. queued: waiting its turn or its retry time;
 * sending: on the wire; checking: the outcome of a create is unknown and the desk is listing the
 * account's packages to find it before deciding to send again; parked: StackOne refused it (4xx)
 * and a coordinator must retry or discard; done: applied.
 */
export const BG_JOB_STATES = ['queued', 'sending', 'checking', 'parked', 'done'] as const;
export const BgJobStateSchema = z.enum(BG_JOB_STATES);
export type BgJobState = z.infer<typeof BgJobStateSchema>;

export const BgPackageJobSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  op: z.enum(['create', 'update', 'delete']),
  /** The package's id in the ATS (null for a create until it is known). */
  packageId: z.string().nullable(),
  values: BgPackageValuesSchema.nullable(),
  state: BgJobStateSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  /** Plain words: why it waits or why StackOne refused it. */
  lastError: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BgPackageJob = z.infer<typeof BgPackageJobSchema>;

export const BgPackageSchema = z.object({
  accountId: z.string(),
  /** The id in the ATS; null while a create is not applied yet (then `job` is the create). */
  id: z.string().nullable(),
  name: z.string().nullable(),
  description: z.string().nullable(),
  tests: z.array(BgTestSchema),
  /** The newest unfinished job of this package (create, update or delete), if any. */
  job: BgPackageJobSchema.nullable(),
  syncedAt: z.string().nullable(),
});
export type BgPackage = z.infer<typeof BgPackageSchema>;

export const bgPackageCommands = {
  'bg-packages:list': command({
    summary:
      "An account's background-check packages as last listed from StackOne, with this desk's pending writes overlaid.",
    input: input({ accountId }),
    output: z.object({
      rows: z.array(BgPackageSchema),
      /** Unfinished jobs of the account (and done ones of the last hour), newest first. */
      jobs: z.array(BgPackageJobSchema),
      /** The customer's name, for "Delete … of Acme?". */
      accountLabel: z.string().nullable(),
      syncedAt: z.string().nullable(),
    }),
  }),
  'bg-packages:create': command({
    summary:
      'Queue the creation of a background-check package in one account (never resent blindly).',
    input: input({ accountId, values: BgPackageValuesSchema }),
    output: z.object({ job: BgPackageJobSchema }),
  }),
  'bg-packages:update': command({
    summary: "Queue a change of a background-check package's name, description and tests.",
    input: input({ accountId, id: recordId, values: BgPackageValuesSchema }),
    output: z.object({ job: BgPackageJobSchema }),
  }),
  'bg-packages:delete': command({
    summary:
      'Queue the deletion of a background-check package (the UI confirms first, naming the customer).',
    input: input({ accountId, id: recordId }),
    output: z.object({ job: BgPackageJobSchema }),
  }),
  'bg-packages:retry': command({
    summary: 'Try a parked or waiting job again now.',
    input: input({ jobId }),
    output: z.object({ job: BgPackageJobSchema }),
  }),
  'bg-packages:discard': command({
    summary: 'Drop a parked or queued job (a create in checking cannot be dropped: it may exist).',
    input: input({ jobId }),
    output: z.object({ discarded: z.boolean() }),
  }),
};

export const packageCommands = { ...catalogCommands, ...mappingCommands, ...bgPackageCommands };
