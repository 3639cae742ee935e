import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../infra/db/open-database';
import { dueAtFromHoursSql, turnaroundHoursSql } from '../due-time';
import {
  OrderStatusSchema,
  PACKAGE_TABLES,
  type OrderKind,
  type OrderStatus,
} from '../order-status';
import { isoFromMs, msFromIso, sortKey } from '../text';
import type { OrderHistoryEntry, OrderInput, OrderSummary, UpsertResult } from '../types';
import { accountSortKey } from './accounts-repository';
import {
  ORDER_SEARCH_COLUMNS,
  OrderSearchIndex,
  searchTextChanged,
  type OrderSearchRow,
} from './order-search-index';
import { MissingReferences, type MissingReference } from './missing-references';

/** The orders columns a queue row or order page reads (never raw_json for the queue). */
export const ORDER_SUMMARY_COLUMNS = `seq, account_id, id, kind, status, received_at, due_at, package_id,
  package_name, candidate_id, candidate_name, candidate_email, job_id, job_title, application_id,
  account_name, account_provider, unmapped`;

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
  unmapped?: number;
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
    unmapped: row.unmapped === 1,
  };
}

interface AccountRow {
  id: string;
  name: string;
  provider: string;
}

interface NameRow {
  name: string | null;
  name_sort: string;
}

/** What the upsert needs to know about an order already cached. */
interface ExistingOrder extends OrderSearchRow {
  kind: OrderKind;
  /** 1 when the event, its update time and its raw JSON are all as cached. */
  unchanged: number;
}

function lookup<T>(statement: Statement, accountId: string, id: string | null): T | undefined {
  return id === null ? undefined : (statement.get(accountId, id) as T | undefined);
}

/** Due time from the received time and the turnaround looked up for the order (see due-time.ts). */
const DUE_AT = (receivedAt: string) => dueAtFromHoursSql(receivedAt, '@hours');

/** Memoizes `load(key)` for one batch: packages and turnarounds repeat on almost every order. */
function memo<T>(load: (key: string) => T): (key: string) => T {
  const values = new Map<string, T>();
  return (key) => {
    if (values.has(key)) return values.get(key) as T;
    const value = load(key);
    values.set(key, value);
    return value;
  };
}

/**
 * Orders: the bulk upsert the sync engine calls per feed page, status changes, history, and the
 * "what should the sync fetch next" queries. Denormalized columns are filled from the cached
 * candidate / job / package / account rows at insert time, falling back to the names the event
 * carried; the other repositories keep them right when those rows change later.
 */
export class OrdersRepository {
  private readonly insertStatement: Statement;
  private readonly updateStatement: Statement;
  private readonly existing: Statement;
  private readonly lookupCandidate: Statement;
  private readonly lookupApplication: Statement;
  private readonly lookupJob: Statement;
  private readonly lookupPackage: Record<OrderKind, Statement>;
  private readonly lookupAccounts: Statement;
  private readonly lookupHours: Statement;
  private readonly byKey: Statement;
  private readonly historyStatement: Statement;
  private readonly appendHistoryStatement: Statement;
  private readonly setStatusStatement: Statement;
  private readonly forCandidate: Statement;
  private readonly missing: MissingReferences;
  private readonly search: OrderSearchIndex;
  private readonly countInserted: Statement;

  constructor(private readonly db: SqliteDatabase) {
    this.countInserted = db.prepare(`
      INSERT INTO order_counts (kind, status, account_id, package_id, n) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (kind, status, account_id, package_id) DO UPDATE SET n = n + excluded.n`);
    this.search = new OrderSearchIndex(db);
    // Denormalized values and the turnaround come from small keyed SELECTs (memoized per batch for
    // packages, accounts and turnarounds) and are written as plain values: measured here, an
    // INSERT … SELECT with the same lookups as LEFT JOINs cost ~8x more per new row.
    this.insertStatement = db.prepare(`
      INSERT INTO orders (account_id, id, kind, remote_id, status, package_id, candidate_id,
        application_id, job_id, results_update_url, received_at, due_at, event_id, raw_json, updated_at,
        candidate_name, candidate_email, candidate_sort, job_title, job_sort, job_code, package_name,
        package_sort, account_name, account_provider, account_sort)
      VALUES (@account_id, @id, @kind, @remote_id, @status, @package_id, @candidate_id,
        @application_id, @job_id, @results_update_url, @received_at, ${DUE_AT('@received_at')},
        @event_id, @raw_json, @updated_at,
        @candidate_name, @candidate_email, @candidate_sort, @job_title, @job_sort, @job_code,
        @package_name, @package_sort, @account_name, @account_provider, @account_sort)`);
    // A redelivered or corrected event refreshes what the event says; the kind, the local status
    // and the first received time (the SLA clock) stay.
    this.updateStatement = db.prepare(`
      UPDATE orders SET
        remote_id = @remote_id, package_id = @package_id, candidate_id = @candidate_id,
        application_id = @application_id, job_id = @job_id, results_update_url = @results_update_url,
        due_at = ${DUE_AT('received_at')}, event_id = @event_id, raw_json = @raw_json,
        updated_at = @updated_at, candidate_name = @candidate_name,
        candidate_email = @candidate_email, candidate_sort = @candidate_sort,
        job_title = @job_title, job_sort = @job_sort, job_code = @job_code, package_name = @package_name,
        package_sort = @package_sort
      WHERE seq = @seq`);
    // One index lookup decides: unchanged (the common case of a page already applied: no write),
    // changed (update in place), or new.
    this.existing = db.prepare(`
      SELECT seq, kind, ${ORDER_SEARCH_COLUMNS},
        (event_id IS ? AND updated_at IS ? AND raw_json IS ?) AS unchanged
      FROM orders WHERE account_id = ? AND id = ?`);
    this.lookupCandidate = db.prepare(
      'SELECT name, email, name_sort FROM candidates WHERE account_id = ? AND id = ?',
    );
    this.lookupApplication = db.prepare(
      'SELECT 1 FROM applications WHERE account_id = ? AND id = ?',
    );
    this.lookupJob = db.prepare(
      'SELECT title, title_sort, code FROM jobs WHERE account_id = ? AND id = ?',
    );
    this.lookupPackage = {
      assessment: db.prepare(
        `SELECT name, name_sort FROM ${PACKAGE_TABLES.assessment} WHERE account_id = ? AND id = ?`,
      ),
      background_check: db.prepare(
        `SELECT name, name_sort FROM ${PACKAGE_TABLES.background_check} WHERE account_id = ? AND id = ?`,
      ),
    };
    this.lookupAccounts = db.prepare('SELECT id, name, provider, name_sort FROM linked_accounts');
    // The very rule every due-time recompute uses (due-time.ts), evaluated once per package.
    this.lookupHours = db
      .prepare(`SELECT ${turnaroundHoursSql('@kind', '@account_id', '@package_id')}`)
      .pluck();
    this.byKey = db.prepare('SELECT * FROM orders WHERE account_id = ? AND id = ?');
    // The first line, "received", is the order row itself (see migration 0001).
    this.historyStatement = db.prepare(`
      SELECT strftime('%Y-%m-%dT%H:%M:%fZ', received_at / 1000.0, 'unixepoch') AS at,
        'received' AS event, kind AS detail, NULL AS data_json, 0 AS n
      FROM orders WHERE seq = @seq
      UNION ALL
      SELECT at, event, detail, data_json, id AS n FROM order_history WHERE order_seq = @seq
      ORDER BY n`);
    this.appendHistoryStatement = db.prepare(`
      INSERT INTO order_history (order_seq, at, event, detail, data_json)
      SELECT seq, @at, @event, @detail, @data_json FROM orders WHERE account_id = @account_id AND id = @id`);
    this.setStatusStatement = db.prepare(
      'UPDATE orders SET status = ? WHERE account_id = ? AND id = ? AND status IS NOT ?',
    );
    this.forCandidate = db.prepare(
      `SELECT ${ORDER_SUMMARY_COLUMNS} FROM orders WHERE account_id = ? AND candidate_id = ? ORDER BY received_at DESC, seq DESC`,
    );
    this.missing = new MissingReferences(db);
  }

  /**
   * One feed page. Unchanged orders cost a lookup, no write. The new orders' counts are written
   * after the loop, so a throw half way must take the whole page with it: outside a transaction
   * the page gets one of its own; inside the caller's, the caller rolls that back on a throw (as
   * the cache writer does). No savepoint: one per page cost a copy of every page it touched.
   */
  upsertOrders(rows: readonly OrderInput[]): UpsertResult {
    if (this.db.inTransaction) return this.upsertBatch(rows);
    return this.db.transaction(() => this.upsertBatch(rows))();
  }

  private upsertBatch(rows: readonly OrderInput[]): UpsertResult {
    let written = 0;
    let accounts: Map<string, AccountRow> | null = null;
    const packageOf = memo((key) => {
      const [kind, accountId, id] = key.split('\u0000') as [OrderKind, string, string];
      return this.lookupPackage[kind].get(accountId, id) as NameRow | undefined;
    });
    const hoursOf = memo((key) => {
      const [kind, account_id, package_id] = key.split('\u0000') as [string, string, string];
      return this.lookupHours.get({ kind, account_id, package_id: package_id || null }) as number;
    });
    // New orders per facet group, added to order_counts once per group after the loop.
    const inserted = new Map<string, number>();
    for (const o of rows) {
      const rawJson = JSON.stringify(o.rawEvent ?? null);
      const existing = this.existing.get(o.eventId, o.updatedAt, rawJson, o.accountId, o.id) as
        ExistingOrder | undefined;
      if (existing?.unchanged) continue;
      const kind = existing?.kind ?? o.kind;
      const status = OrderStatusSchema.parse(o.initialStatus ?? 'new');
      const receivedAt = msFromIso(o.receivedAt, 'receivedAt');
      accounts ??= new Map((this.lookupAccounts.all() as AccountRow[]).map((a) => [a.id, a]));
      const account = accounts.get(o.accountId);
      const candidate = lookup<{
        name: string | null;
        email: string | null;
        name_sort: string;
      }>(this.lookupCandidate, o.accountId, o.candidateId);
      const job = lookup<{ title: string | null; title_sort: string; code: string | null }>(
        this.lookupJob,
        o.accountId,
        o.jobId,
      );
      const pkg =
        o.packageId === null
          ? undefined
          : packageOf(`${o.kind}\u0000${o.accountId}\u0000${o.packageId}`);
      const candidateName = candidate?.name ?? (o.candidateName?.trim() || null);
      const jobTitle = job?.title ?? (o.jobTitle?.trim() || null);
      const packageName = pkg?.name ?? (o.packageName?.trim() || null);
      const values = {
        account_id: o.accountId,
        id: o.id,
        kind,
        remote_id: o.remoteId ?? null,
        status,
        package_id: o.packageId,
        candidate_id: o.candidateId,
        application_id: o.applicationId,
        job_id: o.jobId,
        results_update_url: o.resultsUpdateUrl ?? null,
        received_at: receivedAt,
        hours: hoursOf(`${kind}\u0000${o.accountId}\u0000${o.packageId ?? ''}`),
        event_id: o.eventId,
        raw_json: rawJson,
        updated_at: o.updatedAt,
        candidate_name: candidateName,
        candidate_email: candidate?.email ?? (o.candidateEmail?.trim() || null),
        candidate_sort: candidate?.name ? candidate.name_sort : sortKey(candidateName),
        job_title: jobTitle,
        job_sort: job?.title ? job.title_sort : sortKey(jobTitle),
        job_code: job?.code ?? null,
        package_name: packageName,
        package_sort: pkg?.name ? pkg.name_sort : sortKey(packageName),
        account_name: account?.name ?? null,
        account_provider: account?.provider ?? null,
        account_sort: accountSortKey(account?.name ?? null, o.accountId),
      };
      if (o.candidateId !== null && !candidate)
        this.missing.add('candidate', o.accountId, o.candidateId);
      if (o.applicationId !== null && !this.lookupApplication.get(o.accountId, o.applicationId))
        this.missing.add('application', o.accountId, o.applicationId);
      if (o.jobId !== null && !job) this.missing.add('job', o.accountId, o.jobId);
      if (existing) {
        this.updateStatement.run({ ...values, seq: existing.seq });
        if (searchTextChanged(existing, values))
          this.search.replace({ ...values, seq: existing.seq });
      } else {
        const seq = Number(this.insertStatement.run(values).lastInsertRowid);
        this.search.add({ ...values, seq });
        const group = [kind, status, o.accountId, o.packageId ?? ''].join('\u0000');
        inserted.set(group, (inserted.get(group) ?? 0) + 1);
      }
      written++;
    }
    for (const [group, n] of inserted) this.countInserted.run(...group.split('\u0000'), n);
    return { received: rows.length, written };
  }

  /** See OrderSearchIndex.compact: after a sync that stored many orders. */
  compactSearch(): void {
    this.search.compact();
  }

  getRow(accountId: string, id: string): OrderRow | undefined {
    return this.byKey.get(accountId, id) as OrderRow | undefined;
  }

  history(seq: number): OrderHistoryEntry[] {
    const rows = this.historyStatement.all({ seq }) as {
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
      candidates: this.missing.list('candidate', limit),
      applications: this.missing.list('application', limit),
      jobs: this.missing.list('job', limit),
    };
  }
}
