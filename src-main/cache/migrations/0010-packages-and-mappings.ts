import type { Migration } from '../../../src-shared/db/migrate';

/**
 * Packages and job mappings (issue 16).
 *
 * - team_catalog / team_mappings: the cached copy of the gateway's catalog entries and mappings,
 *   with the coordinator's local edits applied. `version` is the gateway version the row is based
 *   on; `dirty` counts local edits not yet accepted by the gateway (0: clean), so these rows are
 *   the durable queue of gateway writes: a flush sends every dirty row with its version, and an
 *   edit made while a send is in flight keeps the row dirty. `conflict_json` holds a refused write
 *   (mine, theirs, changed fields) until the coordinator resolves it.
 * - team_state: revisions read from the gateway, the published catalog (JSON), last sync time.
 * - package_jobs: queued background-check package writes (create, update, delete) per account,
 *   run by src-main/packages/package-queue.ts. `checking`: a create whose outcome is unknown,
 *   matched against the account's listing before anything is sent again. A create's package_id
 *   is null until the package it made is known (its answer, or found in the listing).
 * - orders.unmapped: an order of a static-package account that resolves to no package.
 */
const sql = `
CREATE TABLE team_catalog (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT,
  type TEXT,
  turnaround_hours REAL,
  archived INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT,
  dirty INTEGER NOT NULL DEFAULT 0,
  conflict_json TEXT
) WITHOUT ROWID;

CREATE TABLE team_mappings (
  account_id TEXT NOT NULL,
  target TEXT NOT NULL CHECK (target IN ('ats_test_id', 'job_posting', 'job')),
  target_id TEXT NOT NULL,
  package_id TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by TEXT,
  dirty INTEGER NOT NULL DEFAULT 0,
  conflict_json TEXT,
  PRIMARY KEY (account_id, target, target_id)
) WITHOUT ROWID;
CREATE INDEX team_mappings_dirty ON team_mappings (dirty) WHERE dirty > 0;
CREATE INDEX team_mappings_by_package ON team_mappings (package_id);

CREATE TABLE team_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE package_jobs (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
  package_id TEXT,
  values_json TEXT,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'checking', 'parked', 'done')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error TEXT,
  last_status INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX package_jobs_open ON package_jobs (state, seq) WHERE state <> 'done';
CREATE INDEX package_jobs_account ON package_jobs (account_id, seq);

ALTER TABLE orders ADD COLUMN unmapped INTEGER NOT NULL DEFAULT 0;
CREATE INDEX orders_unmapped ON orders (account_id, unmapped) WHERE unmapped = 1;
`;

export const migration: Migration = { version: 10, name: 'packages-and-mappings', sql };
