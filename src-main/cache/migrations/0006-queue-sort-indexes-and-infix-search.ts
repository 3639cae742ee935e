import type { Migration } from '../../core/db/migrate';

/**
 * The queue as one SQL statement per page (see queue-repository.ts).
 *
 * Indexes: one per sort, led by that sort's keys and seq (the tie-breaker), followed by the
 * columns the filters test. A page walks its sort's index in order and checks the filters inside
 * it, selecting only seq; it reads the orders rows of the page alone. Without the filter columns
 * every row a filter tests costs a read of its ~2 KB orders row (bench/README.md has the figures).
 * A sort-led walk also beats a status-led index for the open orders, which would sort every open
 * order for each page. `orders_facets` groups orders the way `order_counts` does, so that a search's
 * chip counts and the overdue counts are read in group order without a sort.
 *
 * Sort keys are never NULL ('' sorts where a missing name should: first), so that a keyset page
 * is one row-value range of its index.
 *
 * Search: `orders_trigram` finds a word of three or more characters anywhere in a field (an email's
 * middle, an ATS reference, a job code); `orders_fts` (rebuilt with the same fields) finds shorter
 * words at the start of a word, which a trigram index cannot. Both are contentless and kept by
 * OrderSearchIndex. Orders now carry their job's code (`job_code`) and index their ATS reference
 * (`remote_id`).
 */
const SORT_INDEXES = [
  ['due', 'due_at, seq, status, kind, account_id, package_id'],
  ['received', 'received_at, seq, status, kind, account_id, package_id, due_at'],
  ['kind', 'kind, due_at, seq, status, account_id, package_id'],
  ['candidate', 'candidate_sort, due_at, seq, status, kind, account_id, package_id'],
  ['job', 'job_sort, due_at, seq, status, kind, account_id, package_id'],
  ['package', 'package_sort, due_at, seq, status, kind, account_id, package_id'],
  ['customer', 'account_sort, due_at, seq, status, kind, account_id, package_id'],
  ['status', 'status, due_at, seq, kind, account_id, package_id'],
];

const OLD_INDEXES = [
  'orders_q_due',
  'orders_q_received',
  'orders_q_candidate',
  'orders_q_job',
  'orders_q_package',
  'orders_q_customer',
  'orders_q_seq',
  'orders_q_account_due',
  'orders_q_account_received',
  'orders_q_account_candidate',
  'orders_q_account_job',
  'orders_q_account_package',
];

const SEARCHED =
  'id, remote_id, candidate_name, candidate_email, job_title, job_code, package_name';

const sql = `
${OLD_INDEXES.map((name) => `DROP INDEX ${name};`).join('\n')}

ALTER TABLE orders ADD COLUMN job_code TEXT;
UPDATE orders SET job_code = (
  SELECT code FROM jobs WHERE jobs.account_id = orders.account_id AND jobs.id = orders.job_id
) WHERE job_id IS NOT NULL;
UPDATE orders SET candidate_sort = COALESCE(candidate_sort, ''), job_sort = COALESCE(job_sort, ''),
  package_sort = COALESCE(package_sort, '')
WHERE candidate_sort IS NULL OR job_sort IS NULL OR package_sort IS NULL;

${SORT_INDEXES.map(([name, columns]) => `CREATE INDEX orders_sort_${name} ON orders (${columns});`).join('\n')}
CREATE INDEX orders_facets ON orders (status, kind, account_id, package_id, due_at);

DROP TRIGGER orders_fts_ad;
DROP TABLE orders_fts;
CREATE VIRTUAL TABLE orders_fts USING fts5 (
  ${SEARCHED},
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'
);
CREATE VIRTUAL TABLE orders_trigram USING fts5 (
  ${SEARCHED},
  content = '', contentless_delete = 1,
  tokenize = 'trigram remove_diacritics 1'
);
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
