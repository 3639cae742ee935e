import type { Statement } from 'better-sqlite3';
import {
  DEFAULT_LOG_RETENTION_DAYS,
  type LogOutcome,
  type OutboundLogEntry,
  type OutboxCounts,
  type OutboxJob,
  type OutboxState,
} from '../../src-shared/contract/commands/outbox';
import type { ResultValues } from '../../src-shared/results/values';
import type { SqliteDatabase } from '../infra/db/open-database';
import type { OrderKind, OrderStatus } from '../cache/order-status';

/** A job as queued: the body is built (and validated) by the caller, once. */
export interface NewOutboxJob {
  id: string;
  accountId: string;
  orderId: string;
  kind: OrderKind;
  fieldSet: string;
  values: ResultValues;
  body: string;
  resultValue: string | null;
}

export type OutboundLogInput = Omit<OutboundLogEntry, 'id'>;

/** How an attempt ended, as the outbox decided it. */
export interface AttemptOutcome {
  state: Exclude<OutboxState, 'sending'>;
  nextAttemptAt: string | null;
  lastError: string | null;
  lastStatus: number | null;
  providerErrors: unknown[] | null;
}

export interface LogQuery {
  accountId?: string | undefined;
  orderId?: string | undefined;
  outcome?: LogOutcome | undefined;
  responseStatus?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  offset: number;
  limit: number;
}

export interface JobQuery {
  accountId?: string | undefined;
  orderId?: string | undefined;
  states?: readonly OutboxState[] | undefined;
  offset: number;
  limit: number;
}

interface JobRow {
  seq: number;
  id: string;
  account_id: string;
  order_id: string;
  kind: OrderKind;
  candidate_name: string | null;
  field_set: string;
  values_json: string;
  body: string;
  result_value: string | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  last_status: number | null;
  provider_errors_json: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

interface LogRow {
  id: number;
  at: string;
  os_user: string;
  workspace_id: string;
  account_id: string;
  order_id: string;
  job_id: string;
  attempt: number;
  method: string;
  path: string;
  request_body: string;
  response_status: number | null;
  response_body: string | null;
  outcome: LogOutcome;
  error: string | null;
  duration_ms: number | null;
}

const JOB_COLUMNS = `j.seq, j.id, j.account_id, j.order_id, j.kind, o.candidate_name, j.field_set,
  j.values_json, j.body, j.result_value, j.state, j.attempts, j.next_attempt_at, j.last_error,
  j.last_status, j.provider_errors_json, j.created_at, j.updated_at, j.sent_at`;
const JOB_FROM = `outbox_jobs j LEFT JOIN orders o ON o.account_id = j.account_id AND o.id = j.order_id`;

function toJob(row: JobRow): OutboxJob {
  return {
    id: row.id,
    accountId: row.account_id,
    orderId: row.order_id,
    kind: row.kind,
    candidateName: row.candidate_name,
    state: row.state,
    values: JSON.parse(row.values_json) as ResultValues,
    body: row.body,
    resultValue: row.result_value,
    fieldSet: row.field_set,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    lastStatus: row.last_status,
    providerErrors:
      row.provider_errors_json === null
        ? null
        : (JSON.parse(row.provider_errors_json) as unknown[]),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
  };
}

function toLogEntry(row: LogRow): OutboundLogEntry {
  return {
    id: row.id,
    at: row.at,
    osUser: row.os_user,
    workspaceId: row.workspace_id,
    accountId: row.account_id,
    orderId: row.order_id,
    jobId: row.job_id,
    attempt: row.attempt,
    method: row.method,
    path: row.path,
    requestBody: row.request_body,
    responseStatus: row.response_status,
    responseBody: row.response_body,
    outcome: row.outcome,
    error: row.error,
    durationMs: row.duration_ms,
  };
}

/** Results that close the order locally (Sent); a sent Invited/In progress leaves it in progress. */
const OPEN_RESULTS = new Set(['initiated', 'in_progress']);

/**
 * Drafts, outbox jobs and the outbound log of one workspace cache. Every write here runs inside a
 * named write operation (write-operations.ts), one transaction each, and ends by deriving the
 * order's local status from its jobs and draft (`refreshOrderStatus`), so the status can never
 * disagree with the outbox it describes.
 */
/** A settled outbox job this desk has not reported to the gateway yet. */
export interface UnreportedOutcome {
  jobId: string;
  accountId: string;
  orderId: string;
  state: 'sent' | 'parked';
  resultValue: string | null;
  at: string;
}

export class ResultsRepository {
  private readonly s: Record<string, Statement>;

  constructor(private readonly db: SqliteDatabase) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      draft: p(
        'SELECT values_json, saved_at, prior_status FROM result_drafts WHERE account_id = ? AND order_id = ?',
      ),
      upsertDraft:
        p(`INSERT INTO result_drafts (account_id, order_id, values_json, saved_at, prior_status)
        VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, order_id) DO UPDATE SET
        values_json = excluded.values_json, saved_at = excluded.saved_at`),
      deleteDraft: p('DELETE FROM result_drafts WHERE account_id = ? AND order_id = ?'),
      unreported: p(`SELECT id, account_id, order_id, state, result_value, updated_at
        FROM outbox_jobs WHERE state IN ('sent', 'parked') AND reported_state IS NOT state
        ORDER BY seq LIMIT ?`),
      markReported: p('UPDATE outbox_jobs SET reported_state = ? WHERE id = ?'),
      orderStatus: p('SELECT status FROM orders WHERE account_id = ? AND id = ?'),
      setOrderStatus: p(
        'UPDATE orders SET status = ? WHERE account_id = ? AND id = ? AND status IS NOT ?',
      ),
      jobStates: p(`SELECT
          COALESCE(MAX(state = 'parked'), 0) AS parked,
          COALESCE(MAX(state = 'sending'), 0) AS sending,
          COALESCE(MAX(state = 'queued'), 0) AS queued
        FROM outbox_jobs WHERE account_id = ? AND order_id = ?`),
      lastSent:
        p(`SELECT result_value FROM outbox_jobs WHERE account_id = ? AND order_id = ? AND state = 'sent'
        ORDER BY seq DESC LIMIT 1`),
      job: p(`SELECT ${JOB_COLUMNS} FROM ${JOB_FROM} WHERE j.id = ?`),
      jobsForOrder: p(
        `SELECT ${JOB_COLUMNS} FROM ${JOB_FROM} WHERE j.account_id = ? AND j.order_id = ? ORDER BY j.seq DESC`,
      ),
      lastFinal: p(`SELECT ${JOB_COLUMNS} FROM ${JOB_FROM} WHERE j.account_id = ? AND j.order_id = ?
        AND j.state = 'sent' AND j.result_value IN ('completed', 'passed', 'failed') ORDER BY j.seq DESC LIMIT 1`),
      replaceable:
        p(`SELECT id FROM outbox_jobs WHERE account_id = ? AND order_id = ? AND field_set = ?
        AND state IN ('queued', 'parked')`),
      deleteJob: p('DELETE FROM outbox_jobs WHERE id = ?'),
      insertJob:
        p(`INSERT INTO outbox_jobs (id, account_id, order_id, kind, field_set, values_json, body,
        result_value, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`),
      begin: p(`UPDATE outbox_jobs SET state = 'sending', attempts = attempts + 1, updated_at = ?
        WHERE id = ? AND state = 'queued' RETURNING attempts, account_id, order_id`),
      finish:
        p(`UPDATE outbox_jobs SET state = @state, next_attempt_at = @nextAttemptAt, last_error = @lastError,
        last_status = @lastStatus, provider_errors_json = @providerErrors, updated_at = @at,
        sent_at = CASE WHEN @state = 'sent' THEN @at ELSE sent_at END
        WHERE id = @id AND state = 'sending' RETURNING account_id, order_id`),
      interrupted: p(
        `SELECT id, account_id, order_id, attempts, body, kind FROM outbox_jobs WHERE state = 'sending'`,
      ),
      requeue:
        p(`UPDATE outbox_jobs SET state = 'queued', next_attempt_at = NULL, last_error = ?, updated_at = ?
        WHERE id = ?`),
      resend: p(`UPDATE outbox_jobs SET state = 'queued', next_attempt_at = NULL, updated_at = @at,
        values_json = COALESCE(@values, values_json), body = COALESCE(@body, body),
        field_set = COALESCE(@fieldSet, field_set),
        result_value = CASE WHEN @body IS NULL THEN result_value ELSE @resultValue END
        WHERE id = @id AND state IN ('queued', 'parked') RETURNING account_id, order_id`),
      insertLog:
        p(`INSERT INTO outbound_log (at, os_user, workspace_id, account_id, order_id, job_id, attempt,
        method, path, request_body, response_status, response_body, outcome, error, duration_ms)
        VALUES (@at, @osUser, @workspaceId, @accountId, @orderId, @jobId, @attempt, @method, @path,
        @requestBody, @responseStatus, @responseBody, @outcome, @error, @durationMs)`),
      purgeLog: p('DELETE FROM outbound_log WHERE at < ?'),
      counts: p(`SELECT state, COUNT(*) AS n FROM outbox_jobs GROUP BY state`),
      runnable: p(`SELECT ${JOB_COLUMNS} FROM ${JOB_FROM}
        WHERE j.state = 'queued' AND (j.next_attempt_at IS NULL OR j.next_attempt_at <= @now)
          AND NOT EXISTS (SELECT 1 FROM outbox_jobs e WHERE e.account_id = j.account_id
            AND e.order_id = j.order_id AND e.seq < j.seq AND e.state <> 'sent')
        ORDER BY j.seq LIMIT @limit`),
      nextAttempt: p(`SELECT MIN(next_attempt_at) FROM outbox_jobs WHERE state = 'queued'`),
      setting: p('SELECT value FROM outbox_settings WHERE key = ?'),
      setSetting: p(`INSERT INTO outbox_settings (key, value) VALUES (?, ?)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
    };
  }

  draft(accountId: string, orderId: string): { values: ResultValues; savedAt: string } | null {
    const row = this.s.draft!.get(accountId, orderId) as
      { values_json: string; saved_at: string } | undefined;
    return row
      ? { values: JSON.parse(row.values_json) as ResultValues, savedAt: row.saved_at }
      : null;
  }

  /** Saves the draft; returns the order's status after it (null: the order is unknown). */
  saveDraft(accountId: string, orderId: string, values: ResultValues, at: string): string | null {
    const status = this.currentStatus(accountId, orderId);
    if (status === null) return null;
    this.s.upsertDraft!.run(accountId, orderId, JSON.stringify(values), at, status);
    return this.refreshOrderStatus(accountId, orderId);
  }

  discardDraft(accountId: string, orderId: string): string | null {
    const row = this.s.draft!.get(accountId, orderId) as { prior_status: string } | undefined;
    this.s.deleteDraft!.run(accountId, orderId);
    return this.refreshOrderStatus(accountId, orderId, row?.prior_status);
  }

  /**
   * Queues a job; older queued or parked jobs of the same order and field set are replaced (a
   * newer result for the same fields supersedes what has not gone out). The order's draft is
   * done with: its values now live in the job.
   */
  enqueue(job: NewOutboxJob, at: string): { replacedJobIds: string[]; orderStatus: string } {
    const replaced = this.s
      .replaceable!.pluck()
      .all(job.accountId, job.orderId, job.fieldSet) as string[];
    for (const id of replaced) this.s.deleteJob!.run(id);
    this.s.insertJob!.run(
      job.id,
      job.accountId,
      job.orderId,
      job.kind,
      job.fieldSet,
      JSON.stringify(job.values),
      job.body,
      job.resultValue,
      at,
      at,
    );
    this.s.deleteDraft!.run(job.accountId, job.orderId);
    return {
      replacedJobIds: replaced,
      orderStatus: this.refreshOrderStatus(job.accountId, job.orderId)!,
    };
  }

  /**
   * Marks a queued job as on the wire and counts the attempt, before the request leaves: a job
   * found `sending` later had an unknown outcome. Null when the job is no longer queued
   * (discarded or replaced meanwhile).
   */
  beginAttempt(jobId: string, at: string): { attempt: number } | null {
    const row = this.s.begin!.get(at, jobId) as
      { attempts: number; account_id: string; order_id: string } | undefined;
    if (!row) return null;
    this.refreshOrderStatus(row.account_id, row.order_id);
    return { attempt: row.attempts };
  }

  /** Records how an attempt ended, with its log entry, in one transaction. */
  finishAttempt(
    jobId: string,
    outcome: AttemptOutcome,
    log: OutboundLogInput,
    at: string,
  ): string | null {
    this.s.insertLog!.run(log);
    const row = this.s.finish!.get({
      id: jobId,
      at,
      state: outcome.state,
      nextAttemptAt: outcome.nextAttemptAt,
      lastError: outcome.lastError,
      lastStatus: outcome.lastStatus,
      providerErrors:
        outcome.providerErrors === null ? null : JSON.stringify(outcome.providerErrors),
    }) as { account_id: string; order_id: string } | undefined;
    return row ? this.refreshOrderStatus(row.account_id, row.order_id) : null;
  }

  /**
   * Jobs left `sending` by a desk that stopped mid-request: their outcome is unknown. Each gets
   * an `unknown` log entry and goes back to the queue (a result PATCH sets the same fields to the
   * same values, so sending it again is safe). Returns the job ids.
   */
  recoverInterrupted(
    at: string,
    who: { osUser: string; workspaceId: string },
    pathOf: (kind: OrderKind, orderId: string) => string,
  ): string[] {
    const rows = this.s.interrupted!.all() as {
      id: string;
      account_id: string;
      order_id: string;
      attempts: number;
      body: string;
      kind: OrderKind;
    }[];
    const message = 'The desk stopped while this result was being sent; it is sent again.';
    for (const r of rows) {
      this.s.insertLog!.run({
        at,
        osUser: who.osUser,
        workspaceId: who.workspaceId,
        accountId: r.account_id,
        orderId: r.order_id,
        jobId: r.id,
        attempt: r.attempts,
        method: 'PATCH',
        path: pathOf(r.kind, r.order_id),
        requestBody: r.body,
        responseStatus: null,
        responseBody: null,
        outcome: 'unknown',
        error: message,
        durationMs: null,
      } satisfies OutboundLogInput);
      this.s.requeue!.run(message, at, r.id);
      this.refreshOrderStatus(r.account_id, r.order_id);
    }
    return rows.map((r) => r.id);
  }

  /** Puts a parked (or waiting) job back in line, optionally with a new body. */
  resend(
    jobId: string,
    edit: {
      values: ResultValues;
      body: string;
      fieldSet: string;
      resultValue: string | null;
    } | null,
    at: string,
  ): string | null {
    const row = this.s.resend!.get({
      id: jobId,
      at,
      values: edit ? JSON.stringify(edit.values) : null,
      body: edit?.body ?? null,
      fieldSet: edit?.fieldSet ?? null,
      resultValue: edit?.resultValue ?? null,
    }) as { account_id: string; order_id: string } | undefined;
    return row ? this.refreshOrderStatus(row.account_id, row.order_id) : null;
  }

  /** Drops a job that has not gone out; null when there is no such job (or it is on the wire or sent). */
  discard(jobId: string): string | null {
    const job = this.job(jobId);
    if (!job || job.state === 'sending' || job.state === 'sent') return null;
    this.s.deleteJob!.run(jobId);
    return this.refreshOrderStatus(job.accountId, job.orderId);
  }

  job(id: string): OutboxJob | null {
    const row = this.s.job!.get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  jobsForOrder(accountId: string, orderId: string): OutboxJob[] {
    return (this.s.jobsForOrder!.all(accountId, orderId) as JobRow[]).map(toJob);
  }

  lastFinal(accountId: string, orderId: string): OutboxJob | null {
    const row = this.s.lastFinal!.get(accountId, orderId) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  listJobs(q: JobQuery): { rows: OutboxJob[]; total: number } {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (q.accountId !== undefined) add('j.account_id = ?', q.accountId);
    if (q.orderId !== undefined) add('j.order_id = ?', q.orderId);
    if (q.states !== undefined) {
      where.push(`j.state IN (${q.states.map(() => '?').join(', ')})`);
      params.push(...q.states);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db
      .prepare(`SELECT COUNT(*) FROM outbox_jobs j ${clause}`)
      .pluck()
      .get(...params) as number;
    const rows = this.db
      .prepare(
        `SELECT ${JOB_COLUMNS} FROM ${JOB_FROM} ${clause} ORDER BY j.seq DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, q.limit, q.offset) as JobRow[];
    return { rows: rows.map(toJob), total };
  }

  counts(): OutboxCounts {
    const counts: OutboxCounts = { queued: 0, sending: 0, parked: 0, sent: 0 };
    for (const { state, n } of this.s.counts!.all() as { state: OutboxState; n: number }[]) {
      counts[state] = n;
    }
    return counts;
  }

  /**
   * Jobs that may go out now, oldest first: queued, due, and the first unsent job of their order
   * (a job waits while an earlier one of its order is queued, sending or parked).
   */
  runnable(now: string, limit: number): OutboxJob[] {
    return (this.s.runnable!.all({ now, limit }) as JobRow[]).map(toJob);
  }

  /** The earliest retry time of a queued job, or null. */
  nextAttemptAt(): string | null {
    return this.s.nextAttempt!.pluck().get() as string | null;
  }

  log(q: LogQuery): { rows: OutboundLogEntry[]; total: number } {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (q.accountId !== undefined) add('account_id = ?', q.accountId);
    if (q.orderId !== undefined) add('order_id = ?', q.orderId);
    if (q.outcome !== undefined) add('outcome = ?', q.outcome);
    if (q.responseStatus !== undefined) add('response_status = ?', q.responseStatus);
    if (q.from !== undefined) add('at >= ?', new Date(q.from).toISOString());
    if (q.to !== undefined) add('at < ?', new Date(q.to).toISOString());
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db
      .prepare(`SELECT COUNT(*) FROM outbound_log ${clause}`)
      .pluck()
      .get(...params) as number;
    const rows = this.db
      .prepare(`SELECT * FROM outbound_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...params, q.limit, q.offset) as LogRow[];
    return { rows: rows.map(toLogEntry), total };
  }

  /** Sent jobs with a result, oldest first, for the CSV export. */
  sentJobs(q: {
    accountId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  }): OutboxJob[] {
    const where = ["j.state = 'sent'"];
    const params: unknown[] = [];
    if (q.accountId !== undefined) {
      where.push('j.account_id = ?');
      params.push(q.accountId);
    }
    if (q.from !== undefined) {
      where.push('j.sent_at >= ?');
      params.push(new Date(q.from).toISOString());
    }
    if (q.to !== undefined) {
      where.push('j.sent_at < ?');
      params.push(new Date(q.to).toISOString());
    }
    return (
      this.db
        .prepare(
          `SELECT ${JOB_COLUMNS} FROM ${JOB_FROM} WHERE ${where.join(' AND ')} ORDER BY j.sent_at, j.seq`,
        )
        .all(...params) as JobRow[]
    ).map(toJob);
  }

  logRetentionDays(): number {
    const v = this.s.setting!.pluck().get('log_retention_days') as string | undefined;
    return v === undefined ? DEFAULT_LOG_RETENTION_DAYS : Number(v);
  }

  setLogRetentionDays(days: number): void {
    this.s.setSetting!.run('log_retention_days', String(days));
  }

  /** Deletes log entries older than `before` (ISO); returns how many. */
  purgeLog(before: string): number {
    return this.s.purgeLog!.run(before).changes;
  }

  private currentStatus(accountId: string, orderId: string): string | null {
    return (this.s.orderStatus!.pluck().get(accountId, orderId) as string | undefined) ?? null;
  }

  /**
   * Team mode: sent or parked jobs whose outcome this desk has not reported to the gateway yet
   * (`reported_state` differs), oldest first.
   */
  unreported(limit: number): UnreportedOutcome[] {
    const rows = this.s.unreported!.all(limit) as {
      id: string;
      account_id: string;
      order_id: string;
      state: 'sent' | 'parked';
      result_value: string | null;
      updated_at: string;
    }[];
    return rows.map((r) => ({
      jobId: r.id,
      accountId: r.account_id,
      orderId: r.order_id,
      state: r.state,
      resultValue: r.result_value,
      at: r.updated_at,
    }));
  }

  markReported(jobId: string, state: 'sent' | 'parked'): void {
    this.s.markReported!.run(state, jobId);
  }

  /**
   * The order's local status, derived from its outbox jobs and draft (most urgent first): a
   * parked job needs attention; a job on the wire is sending; a waiting one is queued; then a
   * draft; then the last accepted result (Sent, or In progress after a status-only Invited/In
   * progress). With none of these the order keeps a status of its own (new, in progress,
   * cancelled), or returns to `fallback`/new. Returns null for an unknown order.
   */
  refreshOrderStatus(accountId: string, orderId: string, fallback?: string): string | null {
    const current = this.currentStatus(accountId, orderId);
    if (current === null) return null;
    const jobs = this.s.jobStates!.get(accountId, orderId) as {
      parked: number;
      sending: number;
      queued: number;
    };
    let next: OrderStatus | string;
    if (jobs.parked) next = 'needs_attention';
    else if (jobs.sending) next = 'sending';
    else if (jobs.queued) next = 'queued';
    else if (this.s.draft!.get(accountId, orderId)) next = 'draft';
    else {
      const sent = this.s.lastSent!.get(accountId, orderId) as
        { result_value: string | null } | undefined;
      if (sent)
        next =
          sent.result_value !== null && OPEN_RESULTS.has(sent.result_value)
            ? 'in_progress'
            : 'sent';
      else if (fallback !== undefined) next = fallback;
      else next = ['new', 'in_progress', 'cancelled'].includes(current) ? current : 'new';
    }
    this.s.setOrderStatus!.run(next, accountId, orderId, next);
    return next;
  }
}
