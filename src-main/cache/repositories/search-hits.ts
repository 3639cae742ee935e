import type { SqliteDatabase } from '../../infra/db/open-database';
import { StatementCache } from '../statement-cache';

/** The TEMP table that holds the current search's hits (seqs of matching orders). */
export const SEARCH_HITS_TABLE = 'temp.queue_search_hits';

/**
 * The orders the queue's current search matches, read from the FTS index once and kept in a TEMP
 * table keyed by seq, so that every query of one search (its pages in any sort, keyset or jump, its
 * chip counts, a new clock) probes that table by rowid instead of running the FTS query again. A
 * `seq IN (SELECT rowid FROM orders_fts …)` inside the queue's per-status arms made SQLite build
 * the whole hit list once per arm per page: 40-170 ms per page for a 20k-hit search at 100k orders.
 *
 * The table belongs to this connection only (TEMP), so loading it never touches the cache file or
 * blocks a writer, and it works on a read-only connection too. It holds one search at a time: the
 * queue shows one, and each keystroke makes a new one.
 *
 * Writing the TEMP table moves the connection's total_changes(), which the queue also reads as "did
 * this connection write?". `load` reports its own changes so that callers can tell them apart.
 *
 * Each load also writes a marker row (a negative seq, which no order has) for its generation: a
 * load inside a caller's transaction that later rolls back takes the hits and the marker with it,
 * and the missing marker says so instead of leaving stale hits that look current.
 */
export class SearchHits {
  private readonly statements: StatementCache;
  /** `version \0 match` of the hits in the table, or null while it holds none. */
  private loadedKey: string | null = null;
  private loadedCount = 0;
  private generation = 0;

  constructor(db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${SEARCH_HITS_TABLE} (seq INTEGER PRIMARY KEY)`);
    this.statements = new StatementCache(db, 8);
  }

  /**
   * Makes the table hold the hits of `match` (an FTS5 query from toFtsQuery) as of the data
   * `version` the caller read. Returns the number of hits and the changes the load itself made
   * (0 when the table already held them).
   */
  load(match: string, version: string): { hits: number; ownChanges: number } {
    const key = `${version}\u0000${match}`;
    if (this.loadedKey === key && this.markerPresent()) {
      return { hits: this.loadedCount, ownChanges: 0 };
    }
    const changes = this.statements.get('SELECT total_changes()').pluck();
    const before = changes.get() as number;
    this.loadedKey = null;
    this.statements.get(`DELETE FROM ${SEARCH_HITS_TABLE}`).run();
    // FTS5 returns rowids in ascending order, so the inserts append to the table's b-tree.
    this.loadedCount = this.statements
      .get(
        `INSERT INTO ${SEARCH_HITS_TABLE} (seq) SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?`,
      )
      .run(match).changes;
    this.generation += 1;
    this.statements.get(`INSERT INTO ${SEARCH_HITS_TABLE} (seq) VALUES (?)`).run(-this.generation);
    this.loadedKey = key;
    return { hits: this.loadedCount, ownChanges: (changes.get() as number) - before };
  }

  private markerPresent(): boolean {
    return (
      this.statements
        .get(`SELECT 1 FROM ${SEARCH_HITS_TABLE} WHERE seq = ?`)
        .pluck()
        .get(-this.generation) !== undefined
    );
  }
}
