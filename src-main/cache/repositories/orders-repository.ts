import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../core/db/open-database';
import { dueAtSql } from '../due-time';
import { OrderStatusSchema, type OrderKind, type OrderStatus } from '../order-status';
import { isoFromMs, msFromIso, sortKey } from '../text';
import type { OrderHistoryEntry, OrderInput, OrderSummary, UpsertResult } from '../types';
import { PACKAGE_TABLES } from './packages-repository';

/** The orders columns a queue row or order page reads (never raw_json for the queue). */
export const ORDER_SUMMARY_COLUMNS = `seq, account_id, id, kind, status, received_at, due_at, package_id,
  package_name, candidate_id, candidate_name, candidate_email, job_id, job_title, application_id,
  account_name, account_provider`;

export interface OrderSummaryRow {
  seq: number;
  account_id: string;
  id: string;
  kind: OrderKind;
  status: string;
  received_at: number;
  due_at: number;
  package_id: string | null;
  package_name: string | null;
  candidate_id: string | null;
  candidate_name: string | null;
  candidate_email: string | null;
  job_id: string | null;
  job_title: string | null;
  application_id: string | null;
  account_name: string | null;
  account_provider: string | null;
}

export interface OrderRow extends OrderSummaryRow {
  remote_id: string | null;
  event_id: string | null;
  results_update_url: string | null;
  raw_json: string;
  updated_at: string;
}

export function toOrderSummary(row: OrderSummaryRow): OrderSummary {
  return {
    accountId: row.account_id,
    id: row.id,
    kind: row.kind,
    status: row.status,
    receivedAt: isoFromMs(row.received_at),
    dueAt: isoFromMs(row.due_at),
    packageId: row.package_id,
    packageName: row.package_name,
    candidateId: row.candidate_id,
    candidateName: row.candidate_name,
    candidateEmail: row.candidate_email,
    jobId: row.job_id,
    jobTitle: row.job_title,
    applicationId: row.application_id,
    accountName: row.account_name,
    accountProvider: row.account_provider,
  };
}

export interface MissingReference {
  accountId: string;
  id: string;
}

/**
 * Orders: the bulk upsert the sync engine calls per feed page, status changes, history, and the
 * "what should the sync fetch next" queries. Denormalized columns are filled from the cached
 * candidate / job / package / account rows at insert time, falling back to the names the event
 * carried; the other repositories keep them right when those rows change later.
 */
export class OrdersRepository {
  private readonly upsert: Statement;
  private readonly unchanged: Statement;
  private readonly byKey: Statement;
  private readonly historyStatement: Statement;
  private readonly appendHistoryStatement: Statement;
  private readonly setStatusStatement: Statement;
  private readonly forCandidate: Statement;
  private readonly missingCandidates: Statement;
  private readonly missingApplications: Statement;
  private readonly missingJobs: Statement;

  constructor(db: SqliteDatabase) {
    // One lookup per referenced table (LEFT JOINs on their unique keys), not one per column.
    this.upsert = db.prepare(`
      INSERT INTO orders (account_id, id, kind, remote_id, status, package_id, candidate_id,
        application_id, job_id, results_update_url, received_at, due_at, event_id, raw_json, updated_at,
        candidate_name, candidate_email, candidate_sort, job_title, job_sort, package_name, package_sort,
        account_name, account_provider, account_sort, candidate_synced, application_synced, job_synced)
      SELECT @account_id, @id, @kind, @remote_id, @status, @package_id, @candidate_id,
        @application_id, @job_id, @results_update_url, @received_at,
        ${dueAtSql('@received_at', '@kind', '@account_id', '@package_id')},
        @event_id, @raw_json, @updated_at,
        COALESCE(c.name, @candidate_name), COALESCE(c.email, @candidate_email),
        COALESCE(c.name_sort, @candidate_sort),
        COALESCE(j.title, @job_title), COALESCE(j.title_sort, @job_sort),
        COALESCE(ap.name, bp.name, @package_name), COALESCE(ap.name_sort, bp.name_sort, @package_sort),
        la.name, la.provider, COALESCE(la.name_sort, '') || char(31) || @account_id,
        c.id IS NOT NULL, a.id IS NOT NULL, j.id IS NOT NULL
      FROM (SELECT 1) AS one
        LEFT JOIN candidates AS c ON c.account_id = @account_id AND c.id = @candidate_id
        LEFT JOIN applications AS a ON a.account_id = @account_id AND a.id = @application_id
        LEFT JOIN jobs AS j ON j.account_id = @account_id AND j.id = @job_id
        LEFT JOIN ${PACKAGE_TABLES.assessment} AS ap
          ON @kind = 'assessment' AND ap.account_id = @account_id AND ap.id = @package_id
        LEFT JOIN ${PACKAGE_TABLES.background_check} AS bp
          ON @kind = 'background_check' AND bp.account_id = @account_id AND bp.id = @package_id
        LEFT JOIN linked_accounts AS la ON la.id = @account_id
      -- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
      WHERE true
      -- A redelivered or corrected event refreshes what the event says; the local status and the
      -- first received time (the SLA clock) stay.
      ON CONFLICT (account_id, id) DO UPDATE SET
        remote_id = excluded.remote_id, package_id = excluded.package_id,
        candidate_id = excluded.candidate_id, application_id = excluded.application_id,
        job_id = excluded.job_id, results_update_url = excluded.results_update_url,
        due_at = ${dueAtSql('orders.received_at', 'orders.kind', 'orders.account_id', 'excluded.package_id')},
        event_id = excluded.event_id, raw_json = excluded.raw_json, updated_at = excluded.updated_at,
        candidate_name = excluded.candidate_name, candidate_email = excluded.candidate_email,
        candidate_sort = excluded.candidate_sort, job_title = excluded.job_title,
        job_sort = excluded.job_sort, package_name = excluded.package_name,
        package_sort = excluded.package_sort,
        candidate_synced = excluded.candidate_synced, application_synced = excluded.application_synced,
        job_synced = excluded.job_synced`);
    // The unchanged check runs first: one index lookup, instead of the upsert's joins and
    // due-time subqueries, for the common case of a page we have already applied.
    this.unchanged = db.prepare(`SELECT 1 FROM orders WHERE account_id = ? AND id = ?
      AND event_id IS ? AND updated_at IS ? AND raw_json IS ?`);
    this.byKey = db.prepare('SELECT * FROM orders WHERE account_id = ? AND id = ?');
    this.historyStatement = db.prepare(
      'SELECT at, event, detail, data_json FROM order_history WHERE order_seq = ? ORDER BY id',
    );
    this.appendHistoryStatement = db.prepare(`
      INSERT INTO order_history (order_seq, at, event, detail, data_json)
      SELECT seq, @at, @event, @detail, @data_json FROM orders WHERE account_id = @account_id AND id = @id`);
    this.setStatusStatement = db.prepare(
      'UPDATE orders SET status = ? WHERE account_id = ? AND id = ? AND status IS NOT ?',
    );
    this.forCandidate = db.prepare(
      `SELECT ${ORDER_SUMMARY_COLUMNS} FROM orders WHERE account_id = ? AND candidate_id = ? ORDER BY received_at DESC, seq DESC`,
    );
    const missing = (column: string, flag: string) =>
      db.prepare(`SELECT DISTINCT account_id AS accountId, ${column} AS id FROM orders
        INDEXED BY orders_unsynced_${flag}
        WHERE ${flag}_synced = 0 AND ${column} IS NOT NULL LIMIT ?`);
    this.missingCandidates = missing('candidate_id', 'candidate');
    this.missingApplications = missing('application_id', 'application');
    this.missingJobs = missing('job_id', 'job');
  }

  /** Call inside `cache.transaction` with one feed page. Unchanged orders cost a lookup, no write. */
  upsertOrders(rows: readonly OrderInput[]): UpsertResult {
    let written = 0;
    for (const o of rows) {
      const rawJson = JSON.stringify(o.rawEvent ?? null);
      if (this.unchanged.get(o.accountId, o.id, o.eventId, o.updatedAt, rawJson) !== undefined)
        continue;
      const status = OrderStatusSchema.parse(o.initialStatus ?? 'new');
      const info = this.upsert.run({
        account_id: o.accountId,
        id: o.id,
        kind: o.kind,
        remote_id: o.remoteId ?? null,
        status,
        package_id: o.packageId,
        candidate_id: o.candidateId,
        application_id: o.applicationId,
        job_id: o.jobId,
        results_update_url: o.resultsUpdateUrl ?? null,
        received_at: msFromIso(o.receivedAt, 'receivedAt'),
        event_id: o.eventId,
        raw_json: rawJson,
        updated_at: o.updatedAt,
        candidate_name: o.candidateName?.trim() || null,
        candidate_email: o.candidateEmail?.trim() || null,
        candidate_sort: sortKey(o.candidateName),
        job_title: o.jobTitle?.trim() || null,
        job_sort: sortKey(o.jobTitle),
        package_name: o.packageName?.trim() || null,
        package_sort: sortKey(o.packageName),
      });
      if (info.changes > 0) written++;
    }
    return { received: rows.length, written };
  }

  getRow(accountId: string, id: string): OrderRow | undefined {
    return this.byKey.get(accountId, id) as OrderRow | undefined;
  }

  history(seq: number): OrderHistoryEntry[] {
    const rows = this.historyStatement.all(seq) as {
      at: string;
      event: string;
      detail: string | null;
      data_json: string | null;
    }[];
    return rows.map((r) => ({
      at: r.at,
      event: r.event,
      detail: r.detail,
      data: r.data_json === null ? null : (JSON.parse(r.data_json) as unknown),
    }));
  }

  /** Adds a line to the order page's history (status changes are recorded by a trigger). */
  appendHistory(
    accountId: string,
    id: string,
    entry: { event: string; detail?: string; data?: unknown; at?: string },
  ): boolean {
    const info = this.appendHistoryStatement.run({
      account_id: accountId,
      id,
      at: entry.at ?? new Date().toISOString(),
      event: entry.event,
      detail: entry.detail ?? null,
      data_json: entry.data === undefined ? null : JSON.stringify(entry.data),
    });
    return info.changes > 0;
  }

  /** Returns false when the order is unknown or already had that status. */
  setStatus(accountId: string, id: string, status: OrderStatus): boolean {
    const valid = OrderStatusSchema.parse(status);
    return this.setStatusStatement.run(valid, accountId, id, valid).changes > 0;
  }

  listForCandidate(accountId: string, candidateId: string): OrderSummary[] {
    return (this.forCandidate.all(accountId, candidateId) as OrderSummaryRow[]).map(toOrderSummary);
  }

  /** Referenced records that have no cached row (nor 404 placeholder) yet: what the sync should fetch. */
  missingReferences(limit = 1000): {
    candidates: MissingReference[];
    applications: MissingReference[];
    jobs: MissingReference[];
  } {
    return {
      candidates: this.missingCandidates.all(limit) as MissingReference[],
      applications: this.missingApplications.all(limit) as MissingReference[],
      jobs: this.missingJobs.all(limit) as MissingReference[],
    };
  }
}
