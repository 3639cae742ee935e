import type { Migration } from '../../../src-shared/db/migrate';

/**
 * The references the sync still has to fetch move from flags on `orders` to a narrow table.
 *
 * An order often arrives before its candidate, application and job (the feed and the StackOne
 * lists run independently). With the flags, each of those records arriving rewrote the order's
 * whole row (its raw event included) just to set a flag, a large part of a first sync's writes.
 * Now a new order adds one small row per reference not cached yet, and the record's arrival
 * deletes it.
 */
const sql = `
CREATE TABLE missing_references (
  kind TEXT NOT NULL CHECK (kind IN ('candidate', 'application', 'job')),
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  PRIMARY KEY (kind, account_id, id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO missing_references (kind, account_id, id)
  SELECT 'candidate', account_id, candidate_id FROM orders
  WHERE candidate_synced = 0 AND candidate_id IS NOT NULL;
INSERT OR IGNORE INTO missing_references (kind, account_id, id)
  SELECT 'application', account_id, application_id FROM orders
  WHERE application_synced = 0 AND application_id IS NOT NULL;
INSERT OR IGNORE INTO missing_references (kind, account_id, id)
  SELECT 'job', account_id, job_id FROM orders WHERE job_synced = 0 AND job_id IS NOT NULL;

DROP INDEX orders_unsynced_candidate;
DROP INDEX orders_unsynced_application;
DROP INDEX orders_unsynced_job;
ALTER TABLE orders DROP COLUMN candidate_synced;
ALTER TABLE orders DROP COLUMN application_synced;
ALTER TABLE orders DROP COLUMN job_synced;
`;

export const migration: Migration = { version: 8, name: 'missing-references-table', sql };
