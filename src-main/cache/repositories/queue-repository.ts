import type { QueueFacetCounts, QueuePage } from '../../../src-shared/contract/queue';
import { isOverdue } from '../../../src-shared/contract/queue-filter';
import type { SqliteDatabase } from '../../infra/db/open-database';
import {
  QueueQuerySchema,
  type ParsedQueueQuery,
  type QueueFilters,
  type QueueQuery,
  type QueueSortColumn,
} from '../queue-query';
import { ORDER_SUMMARY_COLUMNS, toOrderSummary, type OrderSummaryRow } from './orders-repository';
import { QueueCounts } from './queue-counts';
import type { TeamRepository } from '../../sync/repositories/team-repository';
import { filterSql, searchOf, searchSql, type Sql } from './queue-filters';

/** Rows of the sort's walk a probed page tests, in pages (see QueueRepository.pageSql). */
const PROBE_WALK = 4;

/**
 * Each sort's keys (then seq, the tie-breaker, so that the order is total and pages never repeat
 * or skip a row) and its index, which is led by those keys (migration 0006).
 */
const SORTS: Record<QueueSortColumn, { keys: readonly string[]; index: string }> = {
  due_at: { keys: ['due_at'], index: 'orders_sort_due' },
  received_at: { keys: ['received_at'], index: 'orders_sort_received' },
  kind: { keys: ['kind', 'due_at'], index: 'orders_sort_kind' },
  candidate: { keys: ['candidate_sort', 'due_at'], index: 'orders_sort_candidate' },
  job: { keys: ['job_sort', 'due_at'], index: 'orders_sort_job' },
  package: { keys: ['package_sort', 'due_at'], index: 'orders_sort_package' },
  customer: { keys: ['account_sort', 'due_at'], index: 'orders_sort_customer' },
  status: { keys: ['status', 'due_at'], index: 'orders_sort_status' },
};

/**
 * The queue: filtered, sorted, paged orders and the counts behind the filter chips.
 *
 * A page is one statement: the inner SELECT walks the sort's index in order, tests the filters on
 * the index's own columns and a search against the search indexes' hits, skips `offset` entries
 * and keeps `limit` seqs; the outer one reads just those orders rows. Scrolling continues `after`
 * a row by keyset, a row-value range of the same index, so it costs the same at any depth; a
 * scrollbar jump is an OFFSET, which walks the index entries before it (cheap: they are small and
 * never read the orders table). Totals and chips come from counted facet groups (QueueCounts).
 */
export class QueueRepository {
  private readonly counts: QueueCounts;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly team: TeamRepository,
  ) {
    this.counts = new QueueCounts(db);
  }

  queryOrders(input: QueueQuery): QueuePage {
    const q = QueueQuerySchema.parse(input);
    const now = Date.parse(q.now);
    const { total, capped } = this.counts.total(q, now);
    if (total === 0) return { rows: [], total };
    const run = (page: Sql) => this.db.prepare(page.text).all(...page.params) as OrderSummaryRow[];
    const page = this.pageSql(q, now, capped);
    let rows = run(page);
    // Fewer hits than a page in the probed walk: they cluster in this sort; read them all.
    if (page.probe && rows.length < q.limit) rows = run(this.pageSql(q, now, false));
    const summaries = rows.map((row) => ({
      ...toOrderSummary(row),
      overdue: isOverdue(row.status, row.due_at, now),
    }));
    return { rows: this.team.withTeam(summaries, now), total, ...(capped ? { capped } : {}) };
  }

  facetCounts(input: QueueFilters): QueueFacetCounts {
    return this.counts.facets(input);
  }

  /** EXPLAIN QUERY PLAN of a query's page statement (tests and the bench check its plan). */
  explainPage(input: QueueQuery): string[] {
    const q = QueueQuerySchema.parse(input);
    const page = this.pageSql(q, Date.parse(q.now), this.counts.total(q, Date.parse(q.now)).capped);
    const plan = this.db.prepare(`EXPLAIN QUERY PLAN ${page.text}`).all(...page.params);
    return (plan as { detail: string }[]).map((r) => r.detail);
  }

  /**
   * A page from a row (offset 0: first, or next by keyset) of a search with more hits than the cap,
   * dense all over (QueueCounts.isDense), probes the search per row of the sort's walk (`probe`),
   * while reading every hit first costs as much as counting them. The walk is cut at PROBE_WALK
   * pages' worth of rows, as hits can cluster in a sort however dense they are ("engineer" in
   * the job titles' order).
   */
  private pageSql(q: ParsedQueueQuery, now: number, capped: boolean): Sql & { probe: boolean } {
    const match = searchOf(q);
    const probe = capped && q.offset === 0 && this.counts.isDense(match!);
    const where = filterSql(q, now, !probe);
    const sort = SORTS[q.sort.column];
    const keys = [...sort.keys, 'seq'];
    const dir = q.sort.direction === 'asc' ? 'ASC' : 'DESC';
    const order = keys.map((k) => `${k} ${dir}`).join(', ');
    const after = q.after === undefined ? { text: '', params: [] } : this.keyset(q, keys, dir);
    const walk = `SELECT seq FROM orders INDEXED BY ${sort.index}
      WHERE 1${where.text}${after.text} ORDER BY ${order} LIMIT ?`;
    const probed = searchSql(probe ? match : undefined, true);
    const paged = probe ? `SELECT seq FROM (${walk}) WHERE 1${probed.text} LIMIT ?` : walk;
    const walked = probe ? [PROBE_WALK * q.limit, ...probed.params] : [];
    return {
      probe,
      text: `SELECT ${ORDER_SUMMARY_COLUMNS} FROM orders WHERE seq IN (${paged} OFFSET ?) ORDER BY ${order}`,
      params: [...where.params, ...after.params, ...walked, q.limit, q.offset],
    };
  }

  /** The rows after `q.after` in the sort: one row-value range (sort keys are never NULL). */
  private keyset(q: ParsedQueueQuery, keys: string[], dir: 'ASC' | 'DESC'): Sql {
    const { accountId, id } = q.after!;
    const cursor = this.db
      .prepare(`SELECT ${keys.join(', ')} FROM orders WHERE account_id = ? AND id = ?`)
      .raw()
      .get(accountId, id) as unknown[] | undefined;
    if (cursor === undefined) {
      throw new RangeError(
        `Cannot continue the queue after order ${accountId}/${id}: it is not in the cache`,
      );
    }
    return {
      text: ` AND (${keys.join(', ')}) ${dir === 'ASC' ? '>' : '<'} (${keys.map(() => '?').join(', ')})`,
      params: cursor,
    };
  }
}
