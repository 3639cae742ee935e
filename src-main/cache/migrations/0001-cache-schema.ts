import type { Migration } from '../../../src-shared/db/migrate';

/**
 * The per-workspace cache. Conventions that every later migration must keep:
 * - StackOne ids are unique only per linked account, so every record is keyed by (account_id, id).
 * - Tables that feed an external-content FTS index have `seq INTEGER PRIMARY KEY`: FTS rows point at
 *   rowids, and an implicit rowid may be renumbered by VACUUM while an INTEGER PRIMARY KEY never is.
 * - `raw_json` keeps each record exactly as received beside the columns we index; NULL only for a
 *   placeholder row of a record that StackOne answered 404 for (`missing = 1`).
 * - Queue sort/filter times (`orders.received_at`, `orders.due_at`) are epoch milliseconds (integer
 *   compares, small indexes); other timestamps are ISO-8601 text as received or as written.
 * - Order statuses are not constrained in SQL so that a later issue can add states (outbox, sending)
 *   without rebuilding the table; src-main/cache/order-status.ts is the list.
 */
const sql = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('default_turnaround_hours', '48');

CREATE TABLE linked_accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  provider TEXT NOT NULL,
  name_sort TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- account_id '*' applies to the package in every account (the provider's assessment catalog is one
-- list published to all customers); an exact account row wins over it.
CREATE TABLE package_turnarounds (
  kind TEXT NOT NULL CHECK (kind IN ('assessment', 'background_check')),
  account_id TEXT NOT NULL,
  package_id TEXT NOT NULL,
  hours REAL NOT NULL CHECK (hours > 0),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, account_id, package_id)
) WITHOUT ROWID;

CREATE TABLE orders (
  seq INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('assessment', 'background_check')),
  remote_id TEXT,
  status TEXT NOT NULL CHECK (status <> ''),
  package_id TEXT,
  candidate_id TEXT,
  application_id TEXT,
  job_id TEXT,
  results_update_url TEXT,
  received_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  event_id TEXT,
  raw_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- Denormalized for the queue (sort, display, search) so that queue queries never join. Kept right
  -- by the repositories whenever the candidate, job, package or account row changes.
  candidate_name TEXT,
  candidate_email TEXT,
  candidate_sort TEXT,
  job_title TEXT,
  job_sort TEXT,
  package_name TEXT,
  package_sort TEXT,
  account_name TEXT,
  account_provider TEXT,
  account_sort TEXT,
  -- 1 once a row (or a 404 placeholder) exists for the referenced record: lets the sync find what to
  -- fetch through small partial indexes instead of anti-joining 100k orders.
  candidate_synced INTEGER NOT NULL DEFAULT 0,
  application_synced INTEGER NOT NULL DEFAULT 0,
  job_synced INTEGER NOT NULL DEFAULT 0,
  UNIQUE (account_id, id)
);

-- Queue indexes: status leads so that a status filter (or, without one, every status) becomes one
-- ordered index range per status, merged by UNION ALL without a sort. The sort columns follow, then
-- seq (the stable tie-breaker), then the filter columns so that filters are checked in the index.
-- Every index costs each insert a b-tree write, so a sort whose leading key has a handful of values
-- (kind, status) has no index of its own: it runs one arm per value over orders_q_due.
CREATE INDEX orders_q_due ON orders (status, due_at, seq, kind, account_id, package_id);
CREATE INDEX orders_q_received ON orders (status, received_at, seq, kind, account_id, package_id, due_at);
CREATE INDEX orders_q_candidate ON orders (status, candidate_sort, due_at, seq, kind, account_id, package_id);
CREATE INDEX orders_q_job ON orders (status, job_sort, due_at, seq, kind, account_id, package_id);
CREATE INDEX orders_q_package ON orders (status, package_sort, due_at, seq, kind, account_id, package_id);
CREATE INDEX orders_q_customer ON orders (status, account_sort, due_at, seq, kind, account_id, package_id);
-- Denormalization and due-time updates by referenced record.
CREATE INDEX orders_by_candidate ON orders (account_id, candidate_id);
CREATE INDEX orders_by_job ON orders (account_id, job_id);
CREATE INDEX orders_by_package ON orders (account_id, package_id);
CREATE INDEX orders_unsynced_candidate ON orders (account_id, candidate_id) WHERE candidate_synced = 0 AND candidate_id IS NOT NULL;
CREATE INDEX orders_unsynced_application ON orders (account_id, application_id) WHERE application_synced = 0 AND application_id IS NOT NULL;
CREATE INDEX orders_unsynced_job ON orders (account_id, job_id) WHERE job_synced = 0 AND job_id IS NOT NULL;

-- Row counts per facet group: queue totals and filter-chip counts read a few hundred rows here
-- instead of counting 100k orders. New orders are counted by OrdersRepository, once per group per
-- batch (a trigger upsert per new order was half the cost of inserting it); changes and deletes,
-- which any code path may make, by triggers.
CREATE TABLE order_counts (
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  account_id TEXT NOT NULL,
  package_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (kind, status, account_id, package_id)
) WITHOUT ROWID;

CREATE TRIGGER orders_counts_ad AFTER DELETE ON orders BEGIN
  UPDATE order_counts SET n = n - 1
  WHERE kind = OLD.kind AND status = OLD.status AND account_id = OLD.account_id
    AND package_id = COALESCE(OLD.package_id, '');
  DELETE FROM order_counts WHERE n <= 0;
END;
CREATE TRIGGER orders_counts_au AFTER UPDATE OF kind, status, account_id, package_id ON orders
WHEN NEW.kind IS NOT OLD.kind OR NEW.status IS NOT OLD.status OR NEW.account_id IS NOT OLD.account_id
  OR NEW.package_id IS NOT OLD.package_id BEGIN
  UPDATE order_counts SET n = n - 1
  WHERE kind = OLD.kind AND status = OLD.status AND account_id = OLD.account_id
    AND package_id = COALESCE(OLD.package_id, '');
  DELETE FROM order_counts WHERE n <= 0;
  INSERT INTO order_counts (kind, status, account_id, package_id, n)
  VALUES (NEW.kind, NEW.status, NEW.account_id, COALESCE(NEW.package_id, ''), 1)
  ON CONFLICT (kind, status, account_id, package_id) DO UPDATE SET n = n + 1;
END;

CREATE TABLE order_history (
  id INTEGER PRIMARY KEY,
  order_seq INTEGER NOT NULL REFERENCES orders (seq) ON DELETE CASCADE,
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  detail TEXT,
  data_json TEXT
);
CREATE INDEX order_history_by_order ON order_history (order_seq, id);

-- Status changes are written by a trigger so that no code path (sync, result forms, the later
-- outbox) can change an order's status without leaving a line on the order page. The first line
-- ("received") is not stored: the order row holds it (received_at, kind), and an insert per order
-- here was a sixth of the cost of a new order.
CREATE TRIGGER orders_history_status AFTER UPDATE OF status ON orders
WHEN NEW.status IS NOT OLD.status BEGIN
  INSERT INTO order_history (order_seq, at, event, detail, data_json)
  VALUES (NEW.seq, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'status_changed', OLD.status || ' -> ' || NEW.status,
          json_object('from', OLD.status, 'to', NEW.status));
END;

-- Full-text search over the order's own id and its denormalized names. Contentless (the text
-- lives once, in orders) with contentless_delete, so that a row is re-indexed by rowid without
-- the old values. Maintained by OrdersRepository and the repositories that refresh denormalized
-- names (see order-search-index.ts), not by triggers: the repositories know when the indexed text
-- really changed, and most writes to an order (sync flags, due times, status) do not touch it.
CREATE VIRTUAL TABLE orders_fts USING fts5 (
  id, candidate_name, candidate_email, job_title, package_name,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
-- No code path deletes orders today; if one ever does, its search row goes with it.
CREATE TRIGGER orders_fts_ad AFTER DELETE ON orders BEGIN
  DELETE FROM orders_fts WHERE rowid = OLD.seq;
END;

CREATE TABLE candidates (
  seq INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT,
  name_sort TEXT,
  first_name TEXT,
  last_name TEXT,
  email TEXT,
  emails_text TEXT,
  raw_json TEXT,
  updated_at TEXT,
  missing INTEGER NOT NULL DEFAULT 0,
  synced_at TEXT NOT NULL,
  UNIQUE (account_id, id)
);
CREATE INDEX candidates_by_name ON candidates (account_id, name_sort);
CREATE VIRTUAL TABLE candidates_fts USING fts5 (
  name, emails_text,
  content = 'candidates', content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER candidates_fts_ai AFTER INSERT ON candidates BEGIN
  INSERT INTO candidates_fts (rowid, name, emails_text) VALUES (NEW.seq, NEW.name, NEW.emails_text);
END;
CREATE TRIGGER candidates_fts_ad AFTER DELETE ON candidates BEGIN
  INSERT INTO candidates_fts (candidates_fts, rowid, name, emails_text) VALUES ('delete', OLD.seq, OLD.name, OLD.emails_text);
END;
CREATE TRIGGER candidates_fts_au AFTER UPDATE OF name, emails_text ON candidates
WHEN NEW.name IS NOT OLD.name OR NEW.emails_text IS NOT OLD.emails_text BEGIN
  INSERT INTO candidates_fts (candidates_fts, rowid, name, emails_text) VALUES ('delete', OLD.seq, OLD.name, OLD.emails_text);
  INSERT INTO candidates_fts (rowid, name, emails_text) VALUES (NEW.seq, NEW.name, NEW.emails_text);
END;

CREATE TABLE applications (
  seq INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  candidate_id TEXT,
  job_id TEXT,
  status TEXT,
  stage_name TEXT,
  raw_json TEXT,
  updated_at TEXT,
  missing INTEGER NOT NULL DEFAULT 0,
  synced_at TEXT NOT NULL,
  UNIQUE (account_id, id)
);
CREATE INDEX applications_by_candidate ON applications (account_id, candidate_id);
CREATE INDEX applications_by_job ON applications (account_id, job_id);

CREATE TABLE jobs (
  seq INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  title TEXT,
  title_sort TEXT,
  code TEXT,
  status TEXT,
  raw_json TEXT,
  updated_at TEXT,
  missing INTEGER NOT NULL DEFAULT 0,
  synced_at TEXT NOT NULL,
  UNIQUE (account_id, id)
);
CREATE INDEX jobs_by_title ON jobs (account_id, title_sort);
CREATE VIRTUAL TABLE jobs_fts USING fts5 (
  title,
  content = 'jobs', content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER jobs_fts_ai AFTER INSERT ON jobs BEGIN
  INSERT INTO jobs_fts (rowid, title) VALUES (NEW.seq, NEW.title);
END;
CREATE TRIGGER jobs_fts_ad AFTER DELETE ON jobs BEGIN
  INSERT INTO jobs_fts (jobs_fts, rowid, title) VALUES ('delete', OLD.seq, OLD.title);
END;
CREATE TRIGGER jobs_fts_au AFTER UPDATE OF title ON jobs WHEN NEW.title IS NOT OLD.title BEGIN
  INSERT INTO jobs_fts (jobs_fts, rowid, title) VALUES ('delete', OLD.seq, OLD.title);
  INSERT INTO jobs_fts (rowid, title) VALUES (NEW.seq, NEW.title);
END;

CREATE TABLE job_postings (
  seq INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  job_id TEXT,
  title TEXT,
  title_sort TEXT,
  status TEXT,
  internal TEXT,
  raw_json TEXT,
  updated_at TEXT,
  missing INTEGER NOT NULL DEFAULT 0,
  synced_at TEXT NOT NULL,
  UNIQUE (account_id, id)
);
CREATE INDEX job_postings_by_job ON job_postings (account_id, job_id);
CREATE INDEX job_postings_by_title ON job_postings (account_id, title_sort);

CREATE TABLE assessment_packages (
  seq INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT,
  name_sort TEXT,
  description TEXT,
  raw_json TEXT,
  updated_at TEXT,
  missing INTEGER NOT NULL DEFAULT 0,
  synced_at TEXT NOT NULL,
  UNIQUE (account_id, id)
);

CREATE TABLE background_check_packages (
  seq INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT,
  name_sort TEXT,
  description TEXT,
  raw_json TEXT,
  updated_at TEXT,
  missing INTEGER NOT NULL DEFAULT 0,
  synced_at TEXT NOT NULL,
  UNIQUE (account_id, id)
);

-- One row per sync source and account ('' for sources that span accounts, e.g. the order feed).
CREATE TABLE sync_state (
  source TEXT NOT NULL,
  account_id TEXT NOT NULL,
  cursor TEXT,
  updated_after TEXT,
  last_attempt_at TEXT,
  last_success_at TEXT,
  last_error TEXT,
  last_error_at TEXT,
  counts_json TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (source, account_id)
) WITHOUT ROWID;

-- record_key is the record id when the bad record had one, else 'sha256:' + hash of its raw JSON:
-- seeing the same bad record again updates its row instead of adding one.
CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  account_id TEXT NOT NULL,
  record_key TEXT NOT NULL,
  record_id TEXT,
  reason TEXT NOT NULL,
  raw_json TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  seen_count INTEGER NOT NULL DEFAULT 1,
  UNIQUE (source, account_id, record_key)
);
CREATE INDEX quarantine_by_last_seen ON quarantine (last_seen_at);
`;

export const migration: Migration = { version: 1, name: 'cache-schema', sql };
