import type { DataTable, SyncSource } from '../../src-shared/contract';
import type { QuarantineInput, WorkspaceCache, OrderInput } from '../cache';
import type { Logger } from '../infra/logging/logger';
import type { StackOneClient } from '../stackone';
import type { GatewayClient } from './gateway-client';
import type { StatusBoard } from './sync-status';
import type { CacheWriter } from './writer/cache-writer';

/** Knobs of one sync pass; defaults in `DEFAULT_TUNING`. */
export interface SyncTuning {
  /** `filter[updated_after]` is the high-water mark minus this, for late or clock-skewed writes. */
  overlapMs: number;
  /**
   * A source listed incrementally is listed in full again once this long after its last full
   * listing (about one request per 100 records): a safety net for changes an ATS stamped wrongly.
   */
  fullListEveryMs: number;
  /** Up to this many missing candidates (or applications, jobs) per account are fetched by id. */
  byIdLimit: number;
  /** At most this many by-id fetches per resource and account in one pass (the rest next time). */
  byIdCap: number;
  /**
   * Events per feed request (the gateway caps it at 1000). Parsing, checking and handing a page to
   * the writer is one task on the main thread: 250 events keep it under ~30 ms (1000: ~80 ms
   * worst case in bench:sync) for 0.001 more requests per record.
   */
  feedPageSize: number;
  /** Records per StackOne list page (StackOne caps it at 100). */
  listPageSize: number;
  /** StackOne lists fetched at the same time (every account shares it; the feed runs beside them). */
  concurrency: number;
}

export const DEFAULT_TUNING: SyncTuning = {
  overlapMs: 2 * 60_000,
  fullListEveryMs: 24 * 60 * 60_000,
  byIdLimit: 20,
  byIdCap: 200,
  feedPageSize: 250,
  listPageSize: 100,
  concurrency: 4,
};

/** Everything the sources of one pass share. */
export interface PassContext {
  cache: WorkspaceCache;
  /** Applies batches off the main thread (file caches); sources flush before reading back. */
  writer: CacheWriter;
  board: StatusBoard;
  gateway: GatewayClient | null;
  stackone: ((accountId: string) => StackOneClient) | null;
  signal: AbortSignal;
  full: boolean;
  tuning: SyncTuning;
  logger: Logger;
  now: () => Date;
  /** Records a change to these tables (flushed as `data:changed`) and wakes status listeners. */
  touched(tables: readonly DataTable[]): void;
  /** The order feed carried job events (`ats_jobs.*`): StackOne's job lists should run soon. */
  jobsChanged?(): void;
  /** Quarantined ids of one source and account (loaded once per pass, kept up to date). */
  quarantinedIds(source: SyncSource, accountId: string | null): Set<string>;
  /** Orders that arrived since the last pass were stored (not a first sync's backlog). */
  ordersArrived(orders: readonly OrderInput[]): void;
}

/**
 * Quarantine entries about to be written: the pass's view of quarantined ids learns them now (so
 * the references step does not fetch them again), the batch carrying them stores them.
 */
export function noteQuarantined(ctx: PassContext, entries: readonly QuarantineInput[]): void {
  for (const entry of entries) {
    if (entry.recordId !== null) {
      ctx.quarantinedIds(entry.source as SyncSource, entry.accountId).add(entry.recordId);
    }
  }
}

/** Of `ids` (valid versions that just arrived), those in quarantine: the batch releases them. */
export function takeQuarantined(
  ctx: PassContext,
  source: SyncSource,
  accountId: string,
  ids: Iterable<string>,
): string[] {
  const quarantined = ctx.quarantinedIds(source, accountId);
  if (quarantined.size === 0) return [];
  const released: string[] = [];
  for (const id of ids) {
    if (!quarantined.has(id)) continue;
    quarantined.delete(id);
    released.push(id);
  }
  return released;
}
