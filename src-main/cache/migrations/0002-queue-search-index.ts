import type { Migration } from '../../../src-shared/db/migrate';

/**
 * A narrow index keyed by seq with the queue's facet columns, for search: an FTS hit is a seq, and
 * reading a hit's status, kind, account, package and due time from the orders table itself costs a
 * random read of a whole row page per hit, while this index packs dozens of entries per page.
 * New orders append at its right edge, so it adds little to a sync's insert cost.
 */
const sql = `
CREATE INDEX orders_q_seq ON orders (seq, kind, status, account_id, package_id, due_at);
`;

export const migration: Migration = { version: 2, name: 'queue-search-index', sql };
