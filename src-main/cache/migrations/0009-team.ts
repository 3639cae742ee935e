import type { Migration } from '../../../src-shared/db/migrate';

/**
 * Team mode (issue 18), as this desk learns it from the gateway's feed.
 *
 * - order_claims: the latest claim of each order (an expired one is ignored by every reader and
 *   replaced by the next claim). Read by the queue's Mine / Unclaimed filters and its badge.
 * - order_reports: every result outcome a desk of the team reported (this one included), once per
 *   report id; "Sent by X", and a conflict when two coordinators sent one order a result.
 * - outbox_jobs.reported_state: the outcome of the job this desk last reported to the gateway. A
 *   sent or parked job whose outcome differs is still to report: the report's durable queue is
 *   the outbox itself. Jobs settled before team mode count as reported.
 */
const sql = `
CREATE TABLE order_claims (
  account_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  coordinator_id TEXT NOT NULL,
  coordinator_name TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (account_id, order_id)
) WITHOUT ROWID;
CREATE INDEX order_claims_holder ON order_claims (coordinator_id, expires_at);

CREATE TABLE order_reports (
  report_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  result_value TEXT,
  coordinator_id TEXT,
  coordinator_name TEXT,
  reported_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX order_reports_order ON order_reports (account_id, order_id, reported_at);

ALTER TABLE outbox_jobs ADD COLUMN reported_state TEXT;
UPDATE outbox_jobs SET reported_state = state WHERE state IN ('sent', 'parked');
CREATE INDEX outbox_jobs_unreported ON outbox_jobs (seq)
  WHERE state IN ('sent', 'parked') AND reported_state IS NOT state;
`;

export const migration: Migration = { version: 9, name: 'team', sql };
