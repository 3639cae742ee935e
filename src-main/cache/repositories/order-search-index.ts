import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../infra/db/open-database';

/** The orders columns the order search indexes hold, in their column order (migration 0006). */
export const ORDER_SEARCH_COLUMNS =
  'id, remote_id, candidate_name, candidate_email, job_title, job_code, package_name';

/** An order's indexed text, as an UPDATE … RETURNING or a SELECT of ORDER_SEARCH_COLUMNS gives it. */
export interface OrderSearchRow {
  seq: number;
  id: string;
  remote_id: string | null;
  candidate_name: string | null;
  candidate_email: string | null;
  job_title: string | null;
  job_code: string | null;
  package_name: string | null;
}

const TABLES = ['orders_fts', 'orders_trigram'] as const;

/**
 * Keeps the order search indexes (`orders_fts` for word prefixes, `orders_trigram` for text inside
 * words; contentless, see migration 0006) in step with the orders they index. Writers call `add`
 * for a new order and `replace` only when an indexed column really changed: a trigger would
 * re-index on every UPDATE that names those columns, changed or not, and that was most of the
 * cost of denormalizing a page of candidates or jobs onto their orders.
 */
export class OrderSearchIndex {
  private readonly inserts: Statement[];
  private readonly deletes: Statement[];
  private readonly optimizes: Statement[];

  constructor(db: SqliteDatabase) {
    this.inserts = TABLES.map((t) =>
      db.prepare(
        `INSERT INTO ${t} (rowid, ${ORDER_SEARCH_COLUMNS}) VALUES (@seq, @id, @remote_id, @candidate_name, @candidate_email, @job_title, @job_code, @package_name)`,
      ),
    );
    this.deletes = TABLES.map((t) => db.prepare(`DELETE FROM ${t} WHERE rowid = ?`));
    this.optimizes = TABLES.map((t) => db.prepare(`INSERT INTO ${t} (${t}) VALUES ('optimize')`));
  }

  /**
   * Merges each index into one segment. Every commit adds a segment that FTS5 merges only
   * gradually, and a search reads every segment, so after a large catch-up (a first sync) broad
   * searches slow down. It rewrites both indexes, so it runs after large syncs only.
   */
  compact(): void {
    for (const optimize of this.optimizes) optimize.run();
  }

  /** `row` may carry more columns than the indexed ones (an order's insert values). */
  add(row: OrderSearchRow): void {
    for (const insert of this.inserts) insert.run(row);
  }

  replace(row: OrderSearchRow): void {
    for (const remove of this.deletes) remove.run(row.seq);
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
    a.remote_id !== b.remote_id ||
    a.candidate_name !== b.candidate_name ||
    a.candidate_email !== b.candidate_email ||
    a.job_title !== b.job_title ||
    a.job_code !== b.job_code ||
    a.package_name !== b.package_name
  );
}
