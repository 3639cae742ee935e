import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../infra/db/open-database';

export interface SyncState {
  source: string;
  /** '' for sources that span accounts (the order feed). */
  accountId: string;
  cursor: string | null;
  /** High-water mark for `filter[updated_after]`. */
  updatedAfter: string | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  counts: Record<string, number>;
}

export type SyncStatePatch = Partial<Omit<SyncState, 'source' | 'accountId'>>;

interface SyncStateRow {
  source: string;
  account_id: string;
  cursor: string | null;
  updated_after: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  counts_json: string;
}

function toState(row: SyncStateRow): SyncState {
  return {
    source: row.source,
    accountId: row.account_id,
    cursor: row.cursor,
    updatedAfter: row.updated_after,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    counts: JSON.parse(row.counts_json) as Record<string, number>,
  };
}

/** Cursor / high-water mark and health per (source, account). */
export class SyncStateRepository {
  private readonly getStatement: Statement;
  private readonly listStatement: Statement;
  private readonly putStatement: Statement;

  constructor(db: SqliteDatabase) {
    this.getStatement = db.prepare('SELECT * FROM sync_state WHERE source = ? AND account_id = ?');
    this.listStatement = db.prepare('SELECT * FROM sync_state ORDER BY source, account_id');
    this.putStatement = db.prepare(`
      INSERT INTO sync_state (source, account_id, cursor, updated_after, last_attempt_at, last_success_at,
        last_error, last_error_at, counts_json)
      VALUES (@source, @account_id, @cursor, @updated_after, @last_attempt_at, @last_success_at,
        @last_error, @last_error_at, @counts_json)
      ON CONFLICT (source, account_id) DO UPDATE SET cursor = excluded.cursor,
        updated_after = excluded.updated_after, last_attempt_at = excluded.last_attempt_at,
        last_success_at = excluded.last_success_at, last_error = excluded.last_error,
        last_error_at = excluded.last_error_at, counts_json = excluded.counts_json`);
  }

  get(source: string, accountId = ''): SyncState | null {
    const row = this.getStatement.get(source, accountId) as SyncStateRow | undefined;
    return row ? toState(row) : null;
  }

  list(): SyncState[] {
    return (this.listStatement.all() as SyncStateRow[]).map(toState);
  }

  /**
   * Merges `patch` into the stored state (fields left out keep their value). Call it inside the
   * transaction that applied the page, so the cursor never runs ahead of the data.
   */
  set(source: string, accountId: string, patch: SyncStatePatch): SyncState {
    const current: SyncState = this.get(source, accountId) ?? {
      source,
      accountId,
      cursor: null,
      updatedAfter: null,
      lastAttemptAt: null,
      lastSuccessAt: null,
      lastError: null,
      lastErrorAt: null,
      counts: {},
    };
    const next: SyncState = { ...current, ...patch, source, accountId };
    this.putStatement.run({
      source,
      account_id: accountId,
      cursor: next.cursor,
      updated_after: next.updatedAfter,
      last_attempt_at: next.lastAttemptAt,
      last_success_at: next.lastSuccessAt,
      last_error: next.lastError,
      last_error_at: next.lastErrorAt,
      counts_json: JSON.stringify(next.counts),
    });
    return next;
  }
}
