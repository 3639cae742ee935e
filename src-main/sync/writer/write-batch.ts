import type {
  ApplicationInput,
  CandidateInput,
  JobInput,
  JobPostingInput,
  OrderInput,
  PackageInput,
  QuarantineInput,
  SyncStatePatch,
  TeamFeedInput,
  WorkspaceCache,
} from '../../cache';

/**
 * What the sync hands its cache writer: plain data (it crosses to a worker thread by structured
 * clone), never a closure. One batch is applied entirely or not at all, in this order: the upserts,
 * the quarantine releases, the new quarantine entries, the "missing" marks, then the sync-state
 * patches. A cursor or high-water mark therefore commits with the rows it follows, or after them,
 * never before ("never ahead of the data", see ../README.md).
 *
 * Kept free of the StackOne client and zod on purpose: the worker thread imports only this, the
 * cache and node built-ins, so it starts quickly and its isolate stays small.
 */
export type UpsertInput =
  | { kind: 'order'; rows: OrderInput[] }
  | { kind: 'candidate'; rows: CandidateInput[] }
  | { kind: 'application'; rows: ApplicationInput[] }
  | { kind: 'job'; rows: JobInput[] }
  | { kind: 'job_posting'; rows: JobPostingInput[] }
  | { kind: 'assessment_package'; rows: PackageInput[] }
  | { kind: 'background_check_package'; rows: PackageInput[] };

export type UpsertKind = UpsertInput['kind'];

/** Kinds a StackOne GET can answer 404 for (references.ts marks them missing). */
export type MissingKind = 'candidate' | 'application' | 'job';

export interface WriteBatch {
  /** When these rows were synced (`synced_at` of StackOne records). */
  at: string;
  upsert?: UpsertInput;
  /** Team mode: claims and result reports from the feed, applied in feed order after the upserts. */
  team?: TeamFeedInput[];
  /** Records that were quarantined and now arrived valid: they leave quarantine. */
  release?: { source: string; accountId: string; ids: string[] };
  quarantine?: QuarantineInput[];
  missing?: { kind: MissingKind; accountId: string; ids: string[] };
  /** Merged into sync_state last, in the batch's transaction. */
  syncState?: { source: string; accountId: string; patch: SyncStatePatch }[];
}

/** What one applied batch changed: rows inserted or changed (unchanged rows cost no write). */
export interface BatchOutcome {
  written: number;
  quarantined: number;
}

/** Rows a batch carries, for the writer's queue bound and its transaction size. */
export function batchRows(batch: WriteBatch): number {
  return (
    1 +
    (batch.upsert?.rows.length ?? 0) +
    (batch.team?.length ?? 0) +
    (batch.release?.ids.length ?? 0) +
    (batch.quarantine?.length ?? 0) +
    (batch.missing?.ids.length ?? 0) +
    (batch.syncState?.length ?? 0)
  );
}

function upsert(cache: WorkspaceCache, input: UpsertInput, at: string): number {
  switch (input.kind) {
    case 'order':
      return cache.orders.upsertOrders(input.rows).written;
    case 'candidate':
      return cache.candidates.upsertCandidates(input.rows, at).written;
    case 'application':
      return cache.applications.upsertApplications(input.rows, at).written;
    case 'job':
      return cache.jobs.upsertJobs(input.rows, at).written;
    case 'job_posting':
      return cache.jobs.upsertJobPostings(input.rows, at).written;
    case 'assessment_package':
      return cache.packages.upsertPackages('assessment', input.rows, at).written;
    case 'background_check_package':
      return cache.packages.upsertPackages('background_check', input.rows, at).written;
  }
}

/**
 * Applies one batch to `cache`. The caller runs it inside a transaction and rolls that back when it
 * throws (the writer's group does), so a throw leaves nothing of the batch behind.
 */
export function applyBatch(cache: WorkspaceCache, batch: WriteBatch): BatchOutcome {
  let written = batch.upsert ? upsert(cache, batch.upsert, batch.at) : 0;
  for (const event of batch.team ?? []) written += cache.team.apply(event);
  if (batch.release) {
    const { source, accountId, ids } = batch.release;
    for (const id of ids) cache.quarantine.release(source, accountId, id);
  }
  for (const entry of batch.quarantine ?? []) cache.quarantine.put(entry, batch.at);
  if (batch.missing) {
    const { kind, accountId, ids } = batch.missing;
    for (const id of ids) {
      if (kind === 'candidate') cache.candidates.markMissing(accountId, id, batch.at);
      else if (kind === 'application') cache.applications.markMissing(accountId, id, batch.at);
      else cache.jobs.markJobMissing(accountId, id, batch.at);
      written++;
    }
  }
  for (const { source, accountId, patch } of batch.syncState ?? []) {
    cache.syncState.set(source, accountId, patch);
  }
  return { written, quarantined: batch.quarantine?.length ?? 0 };
}
