import type { Migration } from '../../../src-shared/db/migrate';

/**
 * Account-led twins of orders_q_due and orders_q_received, for pages filtered by customer. The
 * status-led indexes keep one customer's orders spread among everyone's: a customer whose orders
 * cluster in time (joined late, or small) made a page walk and skip tens of thousands of other
 * customers' entries. Led by
 * (account_id, status), one arm per customer and status reads only that customer's entries, in
 * due or received order. The trailing columns are the filters the arms still check (kind,
 * package, and due_at for overdue), so no arm reads the orders row.
 *
 * The due index also serves the kind and status sorts (kind and status are arm constants). The
 * customer sort needs neither: account_sort is one value per account, so its own index
 * (status, account_sort, …) already holds each customer's entries as one range.
 */
const sql = `
CREATE INDEX orders_q_account_due ON orders (account_id, status, due_at, seq, kind, package_id);
CREATE INDEX orders_q_account_received ON orders (account_id, status, received_at, seq, kind, package_id, due_at);
`;

export const migration: Migration = { version: 3, name: 'queue-account-indexes', sql };
