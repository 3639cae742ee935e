import type { Migration } from '../../../src-shared/db/migrate';

/**
 * Account-led twins of the candidate, job and package sort indexes, for pages filtered by
 * customer (as 0003 did for the due and received sorts). In the status-led indexes one customer's
 * orders are spread among everyone's, so a customer-filtered page in these sorts read and skipped
 * the other customers' entries (worst for a customer who joined late). Led by (account_id,
 * status), one arm per customer and status reads only that customer's entries in sort order.
 *
 * The trailing columns are what the arms still check (kind, package), as in 0003. Cost: three
 * more b-trees per order written.
 */
const sql = `
CREATE INDEX orders_q_account_candidate ON orders (account_id, status, candidate_sort, due_at, seq, kind, package_id);
CREATE INDEX orders_q_account_job ON orders (account_id, status, job_sort, due_at, seq, kind, package_id);
CREATE INDEX orders_q_account_package ON orders (account_id, status, package_sort, due_at, seq, kind, package_id);
`;

export const migration: Migration = { version: 4, name: 'queue-account-name-indexes', sql };
