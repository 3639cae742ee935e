import type { SqliteDatabase } from '../../infra/db/open-database';
import { StatementCache } from '../statement-cache';
import type { Sql } from './queue-keyset';

/**
 * A search's hits that pass the filters, with their sort keys, kept in a TEMP table per sort
 * column whose index is in that sort's order: (sort columns…, seq). The queue's "sort the hits"
 * plan (for searches with few hits, see QueueRepository.chooseSearchPlan) used to sort every
 * passing hit in a TEMP B-TREE for every page; now the first page of a (search, filters, sort)
 * fills the table once, and that page and every later page, keyset page or jump in either
 * direction walks its index like the unsearched queue walks orders_q_*.
 *
 * One table per sort column keeps the real column names, so the keyset conditions (NULL handling
 * of the *_sort names included) are the ones the orders indexes use. Each table holds one
 * (data version, search, filters) at a time: the view being paged.
 *
 * Filled only outside a transaction (the caller checks): a rollback could otherwise take the rows
 * with it while the key still says they are there. Writing TEMP tables moves total_changes(),
 * which the queue reads as "did this connection write?", so `load` reports its own changes.
 */
export class SortedHits {
  private readonly statements: StatementCache;
  /** The key of what each table holds, by sort name. */
  private readonly loaded = new Map<string, string>();

  constructor(private readonly db: SqliteDatabase) {
    this.statements = new StatementCache(db, 32);
  }

  /**
   * Makes the table for sort `name` hold the rows of `fill` (a SELECT of seq and `columns`, in that
   * order) under `key`. Returns the table, its index, and the changes the load made (0 when the
   * table already held `key`).
   */
  load(
    name: string,
    columns: readonly string[],
    key: string,
    fill: Sql,
  ): { table: string; index: string; ownChanges: number } {
    const table = `queue_search_sorted_${name}`;
    const index = `${table}_keys`;
    if (this.loaded.get(name) === key) return { table: `temp.${table}`, index, ownChanges: 0 };
    if (!this.loaded.has(name)) {
      this.db.exec(
        `CREATE TEMP TABLE IF NOT EXISTS ${table} (seq INTEGER PRIMARY KEY, ${columns.join(', ')});
         CREATE INDEX IF NOT EXISTS temp.${index} ON ${table} (${columns.join(', ')}, seq);`,
      );
    }
    const changes = this.statements.get('SELECT total_changes()').pluck();
    const before = changes.get() as number;
    this.loaded.delete(name);
    this.statements.get(`DELETE FROM temp.${table}`).run();
    this.statements
      .get(`INSERT INTO temp.${table} (seq, ${columns.join(', ')}) ${fill.text}`)
      .run(...fill.params);
    this.loaded.set(name, key);
    return { table: `temp.${table}`, index, ownChanges: (changes.get() as number) - before };
  }

  /** Forgets what the tables hold, so the next page fills again (benchmarks and tests). */
  clear(): void {
    this.loaded.clear();
  }
}
