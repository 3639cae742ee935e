import type { SqliteDatabase } from '../../infra/db/open-database';
import { QUEUE_SORT_COLUMNS, type QueueSortColumn } from '../queue-query';
import type { Sql } from '../repositories/queue-keyset';
import {
  attachTermVocabulary,
  readTermIndex,
  termIndexBuffers,
  type TermIndexData,
} from './term-index';

/** A facet group's key: what order_counts and the queue's chips count by. */
export interface GroupKey {
  kind: string;
  status: string;
  account_id: string;
  /** '' for an order without a package, as order_counts stores it. */
  package_id: string;
}

/**
 * The queue's facet and sort columns of every order at one data version, as typed arrays (see
 * QueueProjection). An order's "position" is its index in `seqs`.
 */
export interface ProjectionData {
  /** Position → seq, ascending. */
  seqs: Int32Array;
  /** Position → index into `groups`. */
  groupOf: Uint32Array;
  /** Position → due_at (epoch ms). */
  dueAt: Float64Array;
  groups: GroupKey[];
  /**
   * Per sort column: every position, in that sort's ascending order (seq breaks ties). The
   * descending order is its exact reverse: every key of the queue's ORDER BY takes the direction,
   * and SQLite's NULLs-first ascending is NULLs-last descending.
   */
  orders: Record<QueueSortColumn, Int32Array>;
  /** The order search index's terms, for searches answered without FTS5 (see TermIndex). */
  terms: TermIndexData;
}

/**
 * What a build reads besides the facet columns: for each sort column, a SELECT of every order's
 * seq in that sort's ascending order. The queue repository writes them (they are its unsearched,
 * unfiltered page plans without a limit), so the projection's order is the one its SQL pages use,
 * collations and NULL handling included.
 */
export type ProjectionRequest = Record<QueueSortColumn, Sql>;

/** The buffers a worker hands over (transferred, not copied). */
export function transferList(data: ProjectionData): ArrayBuffer[] {
  const views = [data.seqs, data.groupOf, data.dueAt, ...Object.values(data.orders)];
  return [...views.map((v) => v.buffer as ArrayBuffer), ...termIndexBuffers(data.terms)];
}

/**
 * Seq → position. Seqs are INTEGER PRIMARY KEYs that only grow, so they are usually dense: then a
 * direct table (4 bytes per seq up to the largest); when sparse (> 4 per order), a binary search.
 */
export class SeqPositions {
  private readonly table: Int32Array | null;

  constructor(private readonly seqs: Int32Array) {
    const max = seqs.length === 0 ? 0 : seqs[seqs.length - 1]!;
    if (max > 4 * seqs.length + 1024) {
      this.table = null;
      return;
    }
    this.table = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < seqs.length; i++) this.table[seqs[i]!] = i;
  }

  /** The position of `seq`, or -1 when no order has it. */
  of(seq: number): number {
    if (this.table !== null) return seq >= 0 && seq < this.table.length ? this.table[seq]! : -1;
    let lo = 0;
    let hi = this.seqs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.seqs[mid]!;
      if (v === seq) return mid;
      if (v < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

const FACETS_SQL = `SELECT seq, kind, status, account_id, COALESCE(package_id, '') AS package_id, due_at
  FROM orders INDEXED BY orders_q_seq`;

/**
 * Reads a projection in one read transaction (one snapshot of the data): the facet columns from
 * orders_q_seq in seq order, then each sort's order from `request`, then the search index's
 * terms. Runs on the projection worker's own connection (projection-worker.ts), or on the
 * queue's connection (in-thread builder).
 */
export function buildProjectionData(
  db: SqliteDatabase,
  request: ProjectionRequest,
): ProjectionData {
  attachTermVocabulary(db);
  return db.transaction(() => {
    const count = db
      .prepare('SELECT count(*) FROM orders INDEXED BY orders_q_seq')
      .pluck()
      .get() as number;
    const seqs = new Int32Array(count);
    const groupOf = new Uint32Array(count);
    const dueAt = new Float64Array(count);
    const groups: GroupKey[] = [];
    const groupIndex = new Map<string, number>();
    let i = 0;
    for (const row of db.prepare(FACETS_SQL).raw().iterate() as IterableIterator<
      [number, string, string, string, string, number]
    >) {
      const [seq, kind, status, account_id, package_id, due] = row;
      const key = `${kind}\u001f${status}\u001f${account_id}\u001f${package_id}`;
      let g = groupIndex.get(key);
      if (g === undefined) {
        g = groups.length;
        groupIndex.set(key, g);
        groups.push({ kind, status, account_id, package_id });
      }
      seqs[i] = seq;
      groupOf[i] = g;
      dueAt[i] = due;
      i++;
    }
    const positions = new SeqPositions(seqs);
    const orders = {} as Record<QueueSortColumn, Int32Array>;
    for (const column of QUEUE_SORT_COLUMNS) {
      const sql = request[column];
      const ordered = db
        .prepare(sql.text)
        .pluck()
        .all(...sql.params) as number[];
      if (ordered.length !== count) {
        throw new Error(
          `the ${column} order read ${ordered.length} orders, the facets ${count} (same snapshot)`,
        );
      }
      const order = new Int32Array(count);
      for (let k = 0; k < count; k++) order[k] = positions.of(ordered[k]!);
      orders[column] = order;
    }
    return { seqs, groupOf, dueAt, groups, orders, terms: readTermIndex(db, positions) };
  })();
}
