import {
  ALL_ACCOUNTS,
  type LinkedAccountInput,
  type OrderKind,
  type WorkspaceCache,
} from '../../cache';

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
};

export type WriteOperations = Record<string, WriteOperation<never, unknown>>;
export type OperationName = keyof typeof WRITE_OPERATIONS;
export type OperationArgs<K extends OperationName> = Parameters<
  (typeof WRITE_OPERATIONS)[K]['apply']
>[1];
export type OperationResult<K extends OperationName> = ReturnType<
  (typeof WRITE_OPERATIONS)[K]['apply']
>;
