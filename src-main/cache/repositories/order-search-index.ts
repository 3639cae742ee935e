import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../infra/db/open-database';

/** The orders columns `orders_fts` indexes, in its column order. */
export const ORDER_SEARCH_COLUMNS = 'id, candidate_name, candidate_email, job_title, package_name';

/** An order's indexed text, as an UPDATE … RETURNING or a SELECT of ORDER_SEARCH_COLUMNS gives it. */
export interface OrderSearchRow {
  seq: number;
  id: string;
  candidate_name: string | null;
  candidate_email: string | null;
  job_title: string | null;
  package_name: string | null;
}

/**
 * Keeps `orders_fts` (contentless, see migration 0001) in step with the orders it indexes. Writers
 * call `add` for a new order and `replace` only when an indexed column really changed: a trigger
 * would re-index on every UPDATE that names those columns, changed or not, and that was most of
 * the cost of denormalizing a page of candidates or jobs onto their orders.
 */
export class OrderSearchIndex {
  private readonly insertStatement: Statement;
  private readonly deleteStatement: Statement;

  constructor(db: SqliteDatabase) {
    this.insertStatement = db.prepare(
      `INSERT INTO orders_fts (rowid, ${ORDER_SEARCH_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.deleteStatement = db.prepare('DELETE FROM orders_fts WHERE rowid = ?');
  }

  add(row: OrderSearchRow): void {
    this.insertStatement.run(
      row.seq,
      row.id,
      row.candidate_name,
      row.candidate_email,
      row.job_title,
      row.package_name,
    );
  }

  replace(row: OrderSearchRow): void {
    this.deleteStatement.run(row.seq);
    this.add(row);
  }

  /** Re-indexes every row an `UPDATE orders … RETURNING seq, ORDER_SEARCH_COLUMNS` changed. */
  replaceAll(rows: readonly OrderSearchRow[]): void {
    for (const row of rows) this.replace(row);
  }
}

/** True when the indexed text of two versions of an order differs. */
export function searchTextChanged(a: OrderSearchRow, b: Omit<OrderSearchRow, 'seq'>): boolean {
  return (
    a.id !== b.id ||
    a.candidate_name !== b.candidate_name ||
    a.candidate_email !== b.candidate_email ||
    a.job_title !== b.job_title ||
    a.package_name !== b.package_name
  );
}
