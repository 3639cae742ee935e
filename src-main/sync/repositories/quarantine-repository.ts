import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../infra/db/open-database';

export interface QuarantineInput {
  /** What produced it: 'order_feed', 'candidates', 'jobs', … */
  source: string;
  accountId: string | null;
  recordId: string | null;
  reason: string;
  raw: unknown;
}

export interface QuarantinedRecord {
  id: number;
  source: string;
  accountId: string | null;
  recordId: string | null;
  reason: string;
  raw: unknown;
  firstSeenAt: string;
  lastSeenAt: string;
  seenCount: number;
}

interface QuarantineRow {
  id: number;
  source: string;
  account_id: string;
  record_id: string | null;
  reason: string;
  raw_json: string;
  first_seen_at: string;
  last_seen_at: string;
  seen_count: number;
}

function stableJson(raw: unknown): string {
  try {
    return JSON.stringify(raw ?? null) ?? 'null';
  } catch {
    // A value JSON cannot represent (a cycle, a BigInt) is still kept, as text, never dropped.
    return JSON.stringify(String(raw));
  }
}

/** Records that failed validation: kept (never dropped, never blocking a sync) and shown to the user. */
export class QuarantineRepository {
  private readonly putStatement: Statement;
  private readonly listStatement: Statement;
  private readonly countStatement: Statement;
  private readonly releaseStatement: Statement;
  private readonly idsStatement: Statement;

  constructor(db: SqliteDatabase) {
    this.putStatement = db.prepare(`
      INSERT INTO quarantine (source, account_id, record_key, record_id, reason, raw_json, first_seen_at, last_seen_at)
      VALUES (@source, @account_id, @record_key, @record_id, @reason, @raw_json, @now, @now)
      ON CONFLICT (source, account_id, record_key) DO UPDATE SET
        reason = excluded.reason, raw_json = excluded.raw_json, last_seen_at = excluded.last_seen_at,
        seen_count = quarantine.seen_count + 1`);
    this.listStatement = db.prepare(
      'SELECT * FROM quarantine ORDER BY last_seen_at DESC, id DESC LIMIT ? OFFSET ?',
    );
    this.countStatement = db.prepare('SELECT count(*) AS n FROM quarantine');
    this.releaseStatement = db.prepare(
      'DELETE FROM quarantine WHERE source = ? AND account_id = ? AND record_key = ?',
    );
    this.idsStatement = db.prepare(
      'SELECT record_id FROM quarantine WHERE source = ? AND account_id = ? AND record_id IS NOT NULL',
    );
  }

  put(entry: QuarantineInput, now = new Date().toISOString()): void {
    const rawJson = stableJson(entry.raw);
    this.putStatement.run({
      source: entry.source,
      account_id: entry.accountId ?? '',
      record_key: recordKey(entry.recordId, rawJson),
      record_id: entry.recordId,
      reason: entry.reason,
      raw_json: rawJson,
      now,
    });
  }

  /** A record that later passed validation leaves quarantine (by id; hashed ones stay until cleared). */
  release(source: string, accountId: string | null, recordId: string): void {
    this.releaseStatement.run(source, accountId ?? '', recordId);
  }

  /**
   * Ids quarantined for one source and account: the sync does not fetch them again by id on every
   * run, and releases them when a valid version arrives.
   */
  recordIds(source: string, accountId: string | null): string[] {
    return (this.idsStatement.all(source, accountId ?? '') as { record_id: string }[]).map(
      (r) => r.record_id,
    );
  }

  list(page: { offset?: number; limit?: number } = {}): QuarantinedRecord[] {
    const rows = this.listStatement.all(page.limit ?? 200, page.offset ?? 0) as QuarantineRow[];
    return rows.map((r) => ({
      id: r.id,
      source: r.source,
      accountId: r.account_id === '' ? null : r.account_id,
      recordId: r.record_id,
      reason: r.reason,
      raw: JSON.parse(r.raw_json) as unknown,
      firstSeenAt: r.first_seen_at,
      lastSeenAt: r.last_seen_at,
      seenCount: r.seen_count,
    }));
  }

  count(): number {
    return (this.countStatement.get() as { n: number }).n;
  }
}

function recordKey(recordId: string | null, rawJson: string): string {
  if (recordId !== null && recordId !== '') return recordId;
  return `sha256:${createHash('sha256').update(rawJson).digest('hex')}`;
}
