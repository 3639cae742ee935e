import type { DataTable, SyncSource } from '../../src-shared/contract';
import type { QuarantineInput, WorkspaceCache } from '../cache';
import type { Logger } from '../core/logging/logger';
import type { StackOneClient } from '../stackone';
import type { GatewayClient } from './gateway-client';
import type { PageWriter } from './page-writer';
import type { StatusBoard } from './sync-status';

/** Knobs of one sync pass; defaults in `DEFAULT_TUNING`. */
export interface SyncTuning {
  /** `filter[updated_after]` is the high-water mark minus this, for late or clock-skewed writes. */
  overlapMs: number;
  /** Up to this many missing candidates (or applications, jobs) per account are fetched by id. */
  byIdLimit: number;
  /** At most this many by-id fetches per resource and account in one pass (the rest next time). */
  byIdCap: number;
  /** Events per feed request (the gateway caps it at 1000). */
  feedPageSize: number;
  /** Records per StackOne list page (StackOne caps it at 100). */
  listPageSize: number;
  /** Sources fetched at the same time (the feed and StackOne lists of every account share it). */
  concurrency: number;
  /** Target duration of one write transaction, so the UI's event loop never stalls for long. */
  transactionTargetMs: number;
}

export const DEFAULT_TUNING: SyncTuning = {
  overlapMs: 2 * 60_000,
  byIdLimit: 20,
  byIdCap: 200,
  feedPageSize: 1000,
  listPageSize: 100,
  concurrency: 4,
  transactionTargetMs: 15,
};

/** Everything the sources of one pass share. */
export interface PassContext {
  cache: WorkspaceCache;
  writer: PageWriter;
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
  /** Quarantined ids of one source and account (loaded once per pass, kept up to date). */
  quarantinedIds(source: SyncSource, accountId: string | null): Set<string>;
}

/** Writes quarantine entries and keeps the pass's view of quarantined ids in step. */
export function putQuarantine(ctx: PassContext, entries: readonly QuarantineInput[]): void {
  if (entries.length === 0) return;
  const at = ctx.now().toISOString();
  for (const entry of entries) {
    ctx.cache.quarantine.put(entry, at);
    if (entry.recordId !== null) {
      ctx.quarantinedIds(entry.source as SyncSource, entry.accountId).add(entry.recordId);
    }
  }
}

/** A valid version of a quarantined record arrived: it leaves quarantine. */
export function releaseQuarantined(
  ctx: PassContext,
  source: SyncSource,
  accountId: string,
  ids: Iterable<string>,
): number {
  const quarantined = ctx.quarantinedIds(source, accountId);
  if (quarantined.size === 0) return 0;
  let released = 0;
  for (const id of ids) {
    if (!quarantined.has(id)) continue;
    ctx.cache.quarantine.release(source, accountId, id);
    quarantined.delete(id);
    released++;
  }
  return released;
}
