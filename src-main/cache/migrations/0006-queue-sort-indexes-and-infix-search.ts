import type { Migration } from '../../../src-shared/db/migrate';

/**
 * The queue as one SQL statement per page (see queue-repository.ts).
 *
 * Indexes: one per sort, led by that sort's keys and seq (the tie-breaker), followed by the
 * columns the filters test. A page walks its sort's index in order and checks the filters inside
 * it, selecting only seq; it reads the orders rows of the page alone. Without the filter columns
 * every row a filter tests costs a read of its ~2 KB orders row (bench/README.md has the figures).
 * A sort-led walk also beats a status-led index for the open orders, which would sort every open
 * order for each page. `orders_facets` holds orders in `order_counts`'s groups, so that a search's
 * chip counts and the overdue counts are grouped without a sort.
 *
 * Sort keys are never NULL ('' sorts where a missing name should: first), so that a keyset page
 * is one row-value range of its index.
 *
 * Search: `orders_trigram` finds a word of three or more characters anywhere in a field (an
 * email's middle, an ATS reference, a job code); `orders_fts` (rebuilt with the same fields) finds
 * shorter words at the start of a word, which a trigram index cannot. Both are contentless and
 * kept by OrderSearchIndex. Orders now carry their job's code (`job_code`).
 */
const SEARCHED =
  'id, remote_id, candidate_name, candidate_email, job_title, job_code, package_name';

const sql = `
DROP INDEX orders_q_due; DROP INDEX orders_q_received; DROP INDEX orders_q_candidate;
DROP INDEX orders_q_job; DROP INDEX orders_q_package; DROP INDEX orders_q_customer;
DROP INDEX orders_q_seq; DROP INDEX orders_q_account_due; DROP INDEX orders_q_account_received;
DROP INDEX orders_q_account_candidate; DROP INDEX orders_q_account_job;
DROP INDEX orders_q_account_package;

ALTER TABLE orders ADD COLUMN job_code TEXT;
UPDATE orders SET job_code = (
  SELECT code FROM jobs WHERE jobs.account_id = orders.account_id AND jobs.id = orders.job_id
) WHERE job_id IS NOT NULL;
UPDATE orders SET candidate_sort = COALESCE(candidate_sort, ''), job_sort = COALESCE(job_sort, ''),
  package_sort = COALESCE(package_sort, '')
WHERE candidate_sort IS NULL OR job_sort IS NULL OR package_sort IS NULL;

CREATE INDEX orders_sort_due ON orders (due_at, seq, status, kind, account_id, package_id);
CREATE INDEX orders_sort_received ON orders (received_at, seq, status, kind, account_id, package_id, due_at);
CREATE INDEX orders_sort_kind ON orders (kind, due_at, seq, status, account_id, package_id);
CREATE INDEX orders_sort_candidate ON orders (candidate_sort, due_at, seq, status, kind, account_id, package_id);
CREATE INDEX orders_sort_job ON orders (job_sort, due_at, seq, status, kind, account_id, package_id);
CREATE INDEX orders_sort_package ON orders (package_sort, due_at, seq, status, kind, account_id, package_id);
CREATE INDEX orders_sort_customer ON orders (account_sort, due_at, seq, status, kind, account_id, package_id);
CREATE INDEX orders_sort_status ON orders (status, due_at, seq, kind, account_id, package_id);
CREATE INDEX orders_facets ON orders (status, kind, account_id, package_id, due_at);

DROP TRIGGER orders_fts_ad;
DROP TABLE orders_fts;
CREATE VIRTUAL TABLE orders_fts USING fts5 (${SEARCHED}, content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2');
CREATE VIRTUAL TABLE orders_trigram USING fts5 (${SEARCHED}, content = '', contentless_delete = 1,
  tokenize = 'trigram remove_diacritics 1');
INSERT INTO orders_fts (rowid, ${SEARCHED}) SELECT seq, ${SEARCHED} FROM orders;
INSERT INTO orders_trigram (rowid, ${SEARCHED}) SELECT seq, ${SEARCHED} FROM orders;
-- No code path deletes orders today; if one ever does, its search rows go with it.
CREATE TRIGGER orders_search_ad AFTER DELETE ON orders BEGIN
  DELETE FROM orders_fts WHERE rowid = OLD.seq;
  DELETE FROM orders_trigram WHERE rowid = OLD.seq;
END;
`;

export const migration: Migration = {
  version: 6,
  name: 'queue-sort-indexes-and-infix-search',
  sql,
};
