import type { Migration } from '../../../src-shared/db/migrate';

/**
 * Result entry (issue 15): drafts, the outbox and the outbound log.
 *
 * - result_drafts: one per order, the form's values as typed (JSON of ResultValues). prior_status
 *   is the order's status before its first draft, so discarding the draft restores it.
 * - outbox_jobs: one PATCH each. seq orders the jobs of one order (they go strictly in seq order);
 *   state is the job's place in the queue. body is the exact JSON text sent, built once when the
 *   job is queued, so a retry after a restart sends the same bytes the preview showed.
 * - outbound_log: every attempt as the ATS saw it (never a secret: no headers are stored).
 * - outbox_settings: key/value (log retention).
 */
const sql = `
CREATE TABLE result_drafts (
  account_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  values_json TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  prior_status TEXT NOT NULL,
  PRIMARY KEY (account_id, order_id)
) WITHOUT ROWID;

CREATE TABLE outbox_jobs (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  field_set TEXT NOT NULL,
  values_json TEXT NOT NULL,
  body TEXT NOT NULL,
  result_value TEXT,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'parked', 'sent')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error TEXT,
  last_status INTEGER,
  provider_errors_json TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_jobs_order ON outbox_jobs (account_id, order_id, seq);
CREATE INDEX outbox_jobs_state ON outbox_jobs (state, seq);

CREATE TABLE outbound_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  os_user TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  job_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  request_body TEXT NOT NULL,
  response_status INTEGER,
  response_body TEXT,
  outcome TEXT NOT NULL,
  error TEXT,
  duration_ms INTEGER
);
CREATE INDEX outbound_log_at ON outbound_log (at);
CREATE INDEX outbound_log_order ON outbound_log (account_id, order_id, id);

CREATE TABLE outbox_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;

export const migration: Migration = { version: 7, name: 'results-outbox', sql };
