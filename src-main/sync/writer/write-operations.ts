import {
  ALL_ACCOUNTS,
  type LinkedAccountInput,
  type OrderKind,
  type WorkspaceCache,
} from '../../cache';
import type {
  AttemptOutcome,
  NewOutboxJob,
  OutboundLogInput,
} from '../../outbox/results-repository';
import type { ResultValues } from '../../../src-shared/results/values';
import { resultPath } from '../../../src-shared/results/request';
import type {
  CatalogRecord,
  CatalogValues,
  MappingRecord,
} from '../../../src-shared/contract/commands/packages';
import type { FlushOutcome, MappingKey, PublishedCatalog } from '../../packages/team-records-repository';
import type { NewPackageJob, PackageJobOutcome } from '../../packages/package-jobs-repository';
import type { PackageInput } from '../../cache/types';

/**
 * A named write the app makes (as opposed to a sync batch), run by the cache writer on its
 * connection in one transaction of its own. Arguments and result cross to the writer's thread by
 * structured clone: plain data only.
 */
export interface WriteOperation<A, R> {
  /**
   * True for writes that hold what a coordinator typed (turnaround settings; later drafts and
   * outbox jobs): committed with `synchronous=FULL`, so a power loss right after the command
   * answered cannot take them back. Synced data, which the next sync brings again, commits with
   * the cache's `NORMAL`.
   */
  durable: boolean;
  apply(cache: WorkspaceCache, args: A): R;
}

const coordinatorInput = <A, R>(apply: (cache: WorkspaceCache, args: A) => R) =>
  ({ durable: true, apply }) satisfies WriteOperation<A, R>;
const syncedData = <A, R>(apply: (cache: WorkspaceCache, args: A) => R) =>
  ({ durable: false, apply }) satisfies WriteOperation<A, R>;

/**
 * Every write of the app's own. A new kind of write (a draft, an outbox job) is one entry here;
 * `CacheWriter.run(name, args)` is then typed by it.
 */
export const WRITE_OPERATIONS = {
  /** Returns how many orders got a new due time. */
  setDefaultTurnaround: coordinatorInput((cache, { hours }: { hours: number }) =>
    cache.turnarounds.setDefaultHours(hours),
  ),
  /** Sets (hours) or clears (null) a package's turnaround for every account; returns how many orders got a new due time. */
  setPackageTurnaround: coordinatorInput(
    (cache, a: { kind: OrderKind; packageId: string; hours: number | null }) =>
      cache.turnarounds.setPackageHours(a.kind, ALL_ACCOUNTS, a.packageId, a.hours),
  ),
  /** The workspace's linked accounts (the queue's Customer column); returns how many changed. */
  setLinkedAccounts: syncedData(
    (cache, accounts: readonly LinkedAccountInput[]) =>
      cache.accounts.upsertAccounts(accounts).written,
  ),
  /** Team mode: this desk reported the job's outcome to the gateway (sent again if lost). */
  markResultReported: syncedData((cache, a: { jobId: string; state: 'sent' | 'parked' }) =>
    cache.results.markReported(a.jobId, a.state),
  ),
  ...resultOperations(),
  ...packageOperations(),
};

/**
 * Result entry and the outbox (ResultsRepository). Drafts and jobs are what a coordinator typed:
 * durable. Each returns the order's new local status (null: the order or job is unknown), derived
 * in the same transaction as the change it follows from.
 */
function resultOperations() {
  return {
    saveResultDraft: coordinatorInput(
      (cache, a: { accountId: string; orderId: string; values: ResultValues; at: string }) =>
        cache.results.saveDraft(a.accountId, a.orderId, a.values, a.at),
    ),
    discardResultDraft: coordinatorInput((cache, a: { accountId: string; orderId: string }) =>
      cache.results.discardDraft(a.accountId, a.orderId),
    ),
    /** All jobs in one transaction: a bulk import queues every row or none. */
    queueResults: coordinatorInput((cache, a: { jobs: NewOutboxJob[]; at: string }) =>
      a.jobs.map((job) => ({ jobId: job.id, ...cache.results.enqueue(job, a.at) })),
    ),
    /** Durable before the request leaves, so that a crash mid-send is known to have been one. */
    beginOutboxAttempt: coordinatorInput((cache, a: { jobId: string; at: string }) =>
      cache.results.beginAttempt(a.jobId, a.at),
    ),
    finishOutboxAttempt: coordinatorInput(
      (cache, a: { jobId: string; outcome: AttemptOutcome; log: OutboundLogInput; at: string }) =>
        cache.results.finishAttempt(a.jobId, a.outcome, a.log, a.at),
    ),
    recoverInterruptedSends: coordinatorInput(
      (cache, a: { at: string; osUser: string; workspaceId: string }) =>
        cache.results.recoverInterrupted(a.at, a, resultPath),
    ),
    resendOutboxJob: coordinatorInput(
      (
        cache,
        a: {
          jobId: string;
          edit: {
            values: ResultValues;
            body: string;
            fieldSet: string;
            resultValue: string | null;
          } | null;
          at: string;
        },
      ) => cache.results.resend(a.jobId, a.edit, a.at),
    ),
    discardOutboxJob: coordinatorInput((cache, a: { jobId: string }) =>
      cache.results.discard(a.jobId),
    ),
    setLogRetention: coordinatorInput((cache, a: { days: number; before: string }) => {
      cache.results.setLogRetentionDays(a.days);
      return cache.results.purgeLog(a.before);
    }),
    /** Retention housekeeping; the next purge deletes the same rows again if this one is lost. */
    purgeOutboundLog: syncedData((cache, a: { before: string }) =>
      cache.results.purgeLog(a.before),
    ),
  };
}

/**
 * Packages and mappings (src-main/packages/). Local edits of the team's records and package jobs
 * are what a coordinator typed: durable. Records read from the gateway or StackOne come again.
 */
function packageOperations() {
  return {
    editCatalogEntry: coordinatorInput(
      (cache, a: { id: string; values: CatalogValues & { archived: boolean }; at: string }) => {
        cache.teamRecords.editEntry(a.id, a.values, a.at);
        // The catalog's turnaround is the package's due time for every customer.
        cache.turnarounds.setPackageHours(
          'assessment',
          ALL_ACCOUNTS,
          a.id,
          a.values.turnaroundHours,
        );
      },
    ),
    /**
     * Mapping edits (one assign, or a whole CSV import) in one transaction; the unmapped flags of
     * the static-package accounts touched follow at once. Returns how many orders changed flag.
     */
    editMappings: coordinatorInput(
      (
        cache,
        a: {
          edits: { keys: MappingKey[]; packageId: string | null }[];
          staticAccounts: string[];
          at: string;
        },
      ) => {
        for (const e of a.edits) cache.teamRecords.editMappings(e.keys, e.packageId, a.at);
        return cache.teamRecords.refreshUnmapped(a.staticAccounts, []);
      },
    ),
    resolveCatalogConflict: coordinatorInput(
      (cache, a: { id: string; keep: 'mine' | 'theirs'; at: string }) =>
        cache.teamRecords.resolveEntry(a.id, a.keep, a.at),
    ),
    resolveMappingConflict: coordinatorInput(
      (cache, a: { key: MappingKey; keep: 'mine' | 'theirs'; at: string }) =>
        cache.teamRecords.resolveMapping(a.key, a.keep, a.at),
    ),
    /** A flush's outcomes are durable: a lost one would send the same edit again as a conflict. */
    settleTeamWrites: coordinatorInput(
      (
        cache,
        a: {
          catalog: FlushOutcome<CatalogRecord>[];
          mappings: FlushOutcome<MappingRecord>[];
          at: string;
        },
      ) => {
        for (const o of a.catalog) cache.teamRecords.settleEntry(o, a.at);
        for (const o of a.mappings) cache.teamRecords.settleMapping(o, a.at);
      },
    ),
    applyTeamRecords: syncedData(
      (
        cache,
        a: {
          catalog?: { revision: number; entries: CatalogRecord[] };
          mappings?: { revision: number; mappings: MappingRecord[] };
          published?: PublishedCatalog;
          at: string;
        },
      ) => {
        const applied = cache.teamRecords.applyGatewayRecords(a, a.at);
        for (const e of applied.catalog)
          cache.turnarounds.setPackageHours('assessment', ALL_ACCOUNTS, e.id, e.turnaroundHours);
        return { catalog: applied.catalog.length, mappings: applied.mappings };
      },
    ),
    /** Returns how many orders changed their unmapped flag. */
    refreshUnmapped: syncedData(
      (cache, a: { staticAccounts: string[]; otherAccounts: string[]; onlyNew: boolean }) =>
        cache.teamRecords.refreshUnmapped(a.staticAccounts, a.otherAccounts, {
          onlyNew: a.onlyNew,
          everyAccount: true,
        }),
    ),
    enqueuePackageJob: coordinatorInput((cache, a: { job: NewPackageJob; at: string }) =>
      cache.packageJobs.enqueue(a.job, a.at),
    ),
    /** Durable before the request leaves, so that a crash mid-send is known to have been one. */
    beginPackageJob: coordinatorInput((cache, a: { id: string; at: string }) =>
      cache.packageJobs.beginAttempt(a.id, a.at),
    ),
    /** The outcome, and the package as the ATS now has it (or its deletion), in one transaction. */
    finishPackageJob: coordinatorInput(
      (
        cache,
        a: {
          id: string;
          outcome: PackageJobOutcome;
          at: string;
          stored?: PackageInput;
          deleted?: { accountId: string; id: string };
        },
      ) => {
        cache.packageJobs.finishAttempt(a.id, a.outcome, a.at);
        if (a.stored) cache.packages.upsertPackages('background_check', [a.stored], a.at);
        if (a.deleted)
          cache.packages.markMissing('background_check', a.deleted.accountId, a.deleted.id, a.at);
      },
    ),
    recoverPackageJobs: coordinatorInput((cache, a: { at: string }) =>
      cache.packageJobs.recoverInterrupted(a.at),
    ),
    retryPackageJob: coordinatorInput((cache, a: { id: string; at: string }) =>
      cache.packageJobs.retry(a.id, a.at),
    ),
    discardPackageJob: coordinatorInput((cache, a: { id: string }) =>
      cache.packageJobs.discard(a.id),
    ),
  };
}

export type WriteOperations = Record<string, WriteOperation<never, unknown>>;
export type OperationName = keyof typeof WRITE_OPERATIONS;
export type OperationArgs<K extends OperationName> = Parameters<
  (typeof WRITE_OPERATIONS)[K]['apply']
>[1];
export type OperationResult<K extends OperationName> = ReturnType<
  (typeof WRITE_OPERATIONS)[K]['apply']
>;
