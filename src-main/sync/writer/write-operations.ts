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
  /** Merges the order search indexes (OrderSearchIndex.compact), after a large catch-up. */
  compactSearchIndexes: syncedData((cache, _args: null) => cache.orders.compactSearch()),
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

export type WriteOperations = Record<string, WriteOperation<never, unknown>>;
export type OperationName = keyof typeof WRITE_OPERATIONS;
export type OperationArgs<K extends OperationName> = Parameters<
  (typeof WRITE_OPERATIONS)[K]['apply']
>[1];
export type OperationResult<K extends OperationName> = ReturnType<
  (typeof WRITE_OPERATIONS)[K]['apply']
>;
