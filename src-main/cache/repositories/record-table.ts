import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../infra/db/open-database';
import type { CachedRecord } from '../types';

/** A row of any StackOne record table: the shared columns plus the table's own. */
export interface RecordRow {
  account_id: string;
  id: string;
  raw_json: string | null;
  updated_at: string | null;
  missing: number;
  synced_at: string;
  [column: string]: unknown;
}

export type RecordValues = Record<string, string | number | null>;

/**
 * The SQL every StackOne record table shares: an upsert keyed by (account_id, id) that skips rows
 * whose `updated_at` and raw JSON are unchanged (no write, no trigger, no WAL page), a 404
 * placeholder, and reads by key. Each statement is prepared once per cache.
 */
export class RecordTable {
  private readonly upsertStatement: Statement;
  private readonly missingStatement: Statement;
  private readonly getStatement: Statement;

  constructor(
    private readonly db: SqliteDatabase,
    readonly table: string,
    readonly columns: readonly string[],
  ) {
    const own = columns.join(', ');
    const ownParams = columns.map((c) => `@${c}`).join(', ');
    const ownSet = columns.map((c) => `${c} = excluded.${c}`).join(', ');
    this.upsertStatement = db.prepare(`
      INSERT INTO ${table} (account_id, id, ${own}, raw_json, updated_at, missing, synced_at)
      VALUES (@account_id, @id, ${ownParams}, @raw_json, @updated_at, 0, @synced_at)
      ON CONFLICT (account_id, id) DO UPDATE SET
        ${ownSet}, raw_json = excluded.raw_json, updated_at = excluded.updated_at,
        missing = 0, synced_at = excluded.synced_at
      WHERE excluded.updated_at IS NOT ${table}.updated_at
         OR excluded.raw_json IS NOT ${table}.raw_json
         OR ${table}.missing <> 0`);
    // The last known version (if any) is kept: "was Anna Smith, no longer in the ATS" beats blanks.
    this.missingStatement = db.prepare(`
      INSERT INTO ${table} (account_id, id, missing, synced_at) VALUES (?, ?, 1, ?)
      ON CONFLICT (account_id, id) DO UPDATE SET missing = 1, synced_at = excluded.synced_at
      WHERE ${table}.missing = 0`);
    this.getStatement = db.prepare(`SELECT * FROM ${table} WHERE account_id = ? AND id = ?`);
  }

  /** Returns true when the row was inserted or changed, false when it was already up to date. */
  upsert(
    accountId: string,
    id: string,
    values: RecordValues,
    updatedAt: string | null,
    raw: unknown,
    syncedAt: string,
  ): boolean {
    const info = this.upsertStatement.run({
      ...values,
      account_id: accountId,
      id,
      raw_json: JSON.stringify(raw ?? null),
      updated_at: updatedAt,
      synced_at: syncedAt,
    });
    return info.changes > 0;
  }

  /** Returns true when the record was not already flagged missing. */
  markMissing(accountId: string, id: string, syncedAt: string): boolean {
    return this.missingStatement.run(accountId, id, syncedAt).changes > 0;
  }

  get(accountId: string, id: string): RecordRow | undefined {
    return this.getStatement.get(accountId, id) as RecordRow | undefined;
  }

  prepare(sql: string): Statement {
    return this.db.prepare(sql);
  }
}

export function cachedRecordFields(row: RecordRow): CachedRecord {
  return {
    accountId: row.account_id,
    id: row.id,
    updatedAt: row.updated_at,
    missing: row.missing !== 0,
    syncedAt: row.synced_at,
    raw: row.raw_json === null ? null : (JSON.parse(row.raw_json) as unknown),
  };
}
