import type { SqliteDatabase } from '../../infra/db/open-database';
import { toFtsQuery } from '../fts-query';
import { isOpenStatus } from '../order-status';
import {
  QueueQuerySchema,
  type ParsedQueueQuery,
  type QueueFilters,
  type QueueQuery,
  type QueueSortColumn,
} from '../queue-query';
import { StatementCache } from '../statement-cache';
import type { OrderSummary } from '../types';
import { DataVersion } from './data-version';
import { ORDER_SUMMARY_COLUMNS, toOrderSummary, type OrderSummaryRow } from './orders-repository';
import { PagePositions } from './page-positions';
import { QueueCounts, type QueueFacetCounts } from './queue-counts';
import { countOf, filterSql, matches, nonEmpty, sumGroups, type Group } from './queue-filters';
import { keysetArm, type Cursor, type Sql } from './queue-keyset';
import { cheaperSearchPlan, sortHitsFill, sortHitsPlan, type SearchPlan } from './search-plans';
import { SEARCH_HITS_TABLE } from './search-hits';
import { SortedHits } from './sorted-hits';
import type { ProjectionBuilder } from '../projection/projection-builder';
import type { ProjectionRequest } from '../projection/projection-data';
import { ProjectedQueue, SEARCH_HITS_SQL } from '../projection/projected-queue';
import { QueueProjection } from '../projection/queue-projection';
import { QUEUE_SORT_COLUMNS } from '../queue-query';

/**
 * Each sort column has an index: (status, sort columns…, seq, filter columns…). `seq` is the
 * tie-breaker, so the order is total and pages never repeat or skip a row. A sort whose leading
 * key has two values (kind) has no index of its own: one arm per (status, kind) walks orders_q_due
 * and the kind equality makes each arm's order the sort's order. `byAccount` is how the sort is
 * served in order when the query filters by customer: arms per (account, status[, kind]) on the
 * account-led index, or for the customer sort per (status, account_sort) on its own index, since
 * account_sort is one value per account (see arms()).
 */
interface SortPlan {
  index: string;
  columns: readonly string[];
  kindArms?: boolean;
  byAccount?: { index: string; key: 'account_id' | 'account_sort' };
}

/** A sort served per (account, status) by an account-led index (migrations 0003 and 0004). */
const accountLed = (index: string) => ({ index, key: 'account_id' }) as const;
const ACCOUNT_DUE = accountLed('orders_q_account_due');

/**
 * A sort by a denormalized name (`<name>_sort`, then due time), with its status-led index
 * (migration 0001) and its account-led twin (0004).
 */
const byName = (name: 'candidate' | 'job' | 'package'): SortPlan => ({
  index: `orders_q_${name}`,
  columns: [`${name}_sort`, 'due_at'],
  byAccount: accountLed(`orders_q_account_${name}`),
});

/** The rows of a page, by their seqs (a JSON array). */
const ROWS_SQL = `SELECT ${ORDER_SUMMARY_COLUMNS} FROM orders WHERE seq IN (SELECT value FROM json_each(?))`;

/** The columns of an order that place it in any sort: a keyset page continues after them. */
const CURSOR_COLUMNS =
  'seq, status, kind, due_at, received_at, candidate_sort, job_sort, package_sort, account_sort';

const SORTS: Record<QueueSortColumn, SortPlan> = {
  due_at: { index: 'orders_q_due', columns: ['due_at'], byAccount: ACCOUNT_DUE },
  received_at: {
    index: 'orders_q_received',
    columns: ['received_at'],
    byAccount: accountLed('orders_q_account_received'),
  },
  kind: {
    index: 'orders_q_due',
    columns: ['kind', 'due_at'],
    kindArms: true,
    byAccount: ACCOUNT_DUE,
  },
  candidate: byName('candidate'),
  job: byName('job'),
  package: byName('package'),
  customer: {
    index: 'orders_q_customer',
    columns: ['account_sort', 'due_at'],
    byAccount: { index: 'orders_q_customer', key: 'account_sort' },
  },
  status: {
    index: 'orders_q_due',
    columns: ['status', 'due_at'],
    byAccount: ACCOUNT_DUE,
  },
};

/**
 * One index range a page reads in sort order. `equal` is the index's leading equality prefix;
 * `constants` are the sort keys every row of the arm shares (for keyset continuation).
 */
interface Arm {
  index: string;
  equal: Cursor;
  constants: Cursor;
}

export interface QueuePage {
  rows: (OrderSummary & { overdue: boolean })[];
  total: number;
}

/**
 * The queue: filtered, sorted, paged orders and the counts behind the filter chips.
 *
 * Plans (checked by queue-plans.test.ts):
 * - Without search: one SELECT per status that can match, each walking its `orders_q_*` index in
 *   sort order with the other filters checked inside the index, merged by UNION ALL + ORDER BY.
 *   SQLite merges sorted arms without a sort, so no query ever sorts the orders table. With a
 *   customer filter, every sort but the customer one walks one arm per (account, status)
 *   of an account-led index instead, and the customer sort seeks each customer's range of its
 *   own index, so a page never skips other customers' entries (see arms()).
 * - With a search, the FTS hits are read once into a TEMP table (see SearchHits) that every query
 *   of that search and data version shares. A page then either walks the arms above, probing that
 *   table by rowid (no sort), or sorts the hits that pass the filters (a TEMP B-TREE over at most
 *   the hits), whichever SEARCH_COST (see search-plans.ts) estimates cheaper for this page: walking
 *   wins when hits are dense in the filtered rows, sorting when they are few (a walk to a rare hit
 *   would read most of the index). Both are measured by bench/queue-queries.ts.
 * - Totals and chip counts come from counted facet groups, remembered per data version and search
 *   (see QueueCounts); they also tell a page which arms can match.
 * - An offset page (a scrollbar jump) leaves keyset anchors (see PagePositions): a later jump of
 *   the same query and data version seeks to the nearest anchor before it and walks only the rows
 *   in between, instead of every row from the top.
 * - With a projection attached (useProjection, as the desk does), pages are answered from it
 *   whenever it is current (see ProjectedQueue): a search's hits come from the search index's term
 *   list (TermIndex; FTS5 for non-ASCII words) and are counted and paged in memory, by
 *   precomputed sort orders, and so is any view's page. The plans above answer meanwhile, right
 *   after a data change until the projection of the new data is built. Chip counts without a
 *   search always come from order_counts.
 */
export class QueueRepository {
  private readonly statements: StatementCache;
  /** The data version every remembered thing is keyed by; see DataVersion. */
  private readonly version: DataVersion;
  /** The facet groups behind totals, chips and arms; see QueueCounts. */
  private readonly counts: QueueCounts;
  /** A few-hit search's passing hits per sort, indexed in sort order; see SortedHits. */
  private readonly sortedHits: SortedHits;
  /** Keyset anchors left by offset pages (scrollbar jumps); see PagePositions. */
  private readonly positions = new PagePositions();
  /** Settable so tests can exercise both search plans on small data. */
  searchPlan: SearchPlan = 'auto';
  /**
   * The most account-led arms a page merges; more (many customers chosen) fall back to the
   * status-led arms. SQLite caps a compound SELECT at 500 arms, and each merged arm adds a compare
   * per row. Settable so tests can exercise the fallback.
   */
  maxAccountArms = 64;
  /** The in-memory projection searches and jumps use when it is current; see ProjectedQueue. */
  private readonly projected: ProjectedQueue;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = new StatementCache(db);
    this.version = new DataVersion(this.statements);
    this.counts = new QueueCounts(db, this.statements, this.version);
    this.counts.searchGroups = (match, now) => {
      const projection = this.projected.current(true);
      return projection && this.projected.groups(projection, match, now);
    };
    this.sortedHits = new SortedHits(db);
    this.projected = new ProjectedQueue(db, this.statements, this.version, () =>
      this.projectionRequest(),
    );
  }

  /**
   * Lets searches and jumps be answered from an in-memory projection of the queue's columns (see
   * ProjectedQueue), which `builder` builds whenever such a query finds the data changed since the
   * last build. Until a build of the current data arrives, they run in SQL as without one.
   */
  useProjection(builder: ProjectionBuilder): void {
    this.projected.use(builder);
  }

  /** Why the last projection build failed, or null (queries went on in SQL meanwhile). */
  get projectionError(): Error | null {
    return this.projected.lastError;
  }

  /** Resolves once a projection of the current data is in place; see ProjectedQueue.ready. */
  projectionReady(): Promise<boolean> {
    return this.projected.ready();
  }

  /** Stops the projection builder (its worker); the connection is the cache's to close. */
  close(): Promise<void> {
    return this.projected.close();
  }

  queryOrders(input: QueueQuery): QueuePage {
    const q = QueueQuerySchema.parse(input);
    const now = Date.parse(q.now);
    const match = q.search === undefined ? null : toFtsQuery(q.search);
    const projection = this.projectionFor(q, match);
    // A search's groups come from the projection when it is current (see counts.searchGroups).
    const groups = this.counts.groups(q, now, match, q.overdue !== undefined);
    const total = sumGroups(groups, q, null);
    if (total === 0 || q.offset >= total) return { rows: [], total };
    if (projection !== null) {
      const key = JSON.stringify([...this.rowsKey(q, match), q.sort.column]);
      const after = q.after === undefined ? null : (this.cursor(q)!.seq as number);
      const seqs = this.projected.page(projection, q, now, match, after, key);
      if (seqs !== null) return { rows: this.fetchRows(seqs, now), total };
    }
    // Not inside a transaction: a rollback would leave anchors into data that never was, under
    // the connection's version (total_changes does not go back).
    if (q.after === undefined && q.offset > 0 && !this.db.inTransaction) {
      // A jump: continue by keyset from the nearest row an earlier jump of this shape read.
      const seqs = this.positions.page(
        this.shapeKey(q, match),
        q.offset,
        q.limit,
        (after, skip, count) =>
          this.seqs(
            this.pagePlan(
              { ...q, offset: skip, limit: count },
              now,
              match,
              groups,
              after === null ? null : this.cursorAt(after),
            ),
          ),
      );
      return { rows: this.fetchRows(seqs, now), total };
    }
    const seqs = this.seqs(this.pagePlan(q, now, match, groups, this.cursor(q)));
    return { rows: this.fetchRows(seqs, now), total };
  }

  /**
   * Forgets what pages leave for later pages of the same view (jump anchors, a search's sorted
   * hits), so the next page is cold (benchmarks and tests). Counts stay remembered.
   */
  forgetPagePositions(): void {
    this.positions.clear();
    this.sortedHits.clear();
    this.projected.forgetViews();
  }

  /**
   * The projection a query is answered from, or null for SQL: the current one, if any. Searches
   * and jumps ask for a build when there is none; a first or keyset page without a search does
   * not (it walks an index in well under a millisecond, mostly), so writes followed only by the
   * queue's refreshes cost no builds.
   */
  private projectionFor(q: ParsedQueueQuery, match: string | null): QueueProjection | null {
    if (q.search !== undefined && match === null) return null;
    return this.projected.current(match !== null || (q.offset > 0 && q.after === undefined));
  }

  /** Every order's seq in each sort's ascending order: the unfiltered page plans, unlimited. */
  private projectionRequest(): ProjectionRequest {
    const now = Date.now();
    const nowIso = new Date(now).toISOString();
    const groups = this.counts.groups({ now: nowIso, search: undefined }, now, null, false);
    const request = {} as ProjectionRequest;
    for (const column of QUEUE_SORT_COLUMNS) {
      const q = QueueQuerySchema.parse({
        now: nowIso,
        sort: { column, direction: 'asc' },
      });
      // LIMIT -1: no limit.
      request[column] = this.pagePlan({ ...q, limit: -1 }, now, null, groups, null);
    }
    return request;
  }

  private seqs(page: Sql): number[] {
    return this.statements
      .get(page.text)
      .pluck()
      .all(...page.params) as number[];
  }

  /**
   * What decides a query's row order apart from paging: its rows (rowsKey), the sort, and the plan
   * settings tests change.
   */
  private shapeKey(q: ParsedQueueQuery, match: string | null): string {
    return JSON.stringify([
      ...this.rowsKey(q, match),
      q.sort.column,
      q.sort.direction,
      this.searchPlan,
      this.maxAccountArms,
    ]);
  }

  /** What decides which rows a query has: the data version, the search and the filters. */
  private rowsKey(q: ParsedQueueQuery, match: string | null): unknown[] {
    return [
      this.version.current(),
      match,
      q.kind ?? null,
      q.statuses ?? null,
      q.accountIds ?? null,
      q.packageIds ?? null,
      q.overdue ?? null,
      // The clock matters only through the overdue filter.
      q.overdue === undefined ? null : q.now,
    ];
  }

  facetCounts(input: QueueFilters): QueueFacetCounts {
    return this.counts.facets(input);
  }

  /**
   * The SQL a query would run for its page (for EXPLAIN QUERY PLAN in tests and the bench). A
   * page the projection answers reads its rows by seq; a search whose hits the projection's term
   * list cannot give reads them from FTS5 first (once per search). Its sort is the projection's.
   */
  explainPage(input: QueueQuery): { sql: string; plan: string[] } {
    const q = QueueQuerySchema.parse(input);
    const now = Date.parse(q.now);
    const match = q.search === undefined ? null : toFtsQuery(q.search);
    if (this.projectionFor(q, match) !== null) {
      const rows: [string, unknown] = [ROWS_SQL, '[]'];
      const hits: [string, unknown] = [SEARCH_HITS_SQL, match];
      const fromFts = match !== null && !QueueProjection.answersSearch(match);
      const statements = fromFts ? [hits, rows] : [rows];
      const source =
        match === null ? '' : fromFts ? '; hits from FTS5' : "; hits from the index's term list";
      const plan = statements.flatMap(([sql, param]) =>
        (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(param) as { detail: string }[]).map(
          (r) => r.detail,
        ),
      );
      return {
        sql: statements.map(([sql]) => sql).join(';\n'),
        plan: [`QUEUE PROJECTION (in memory, ${q.sort.column} order${source})`, ...plan],
      };
    }
    const groups = this.counts.groups(q, now, match, q.overdue !== undefined);
    const page = this.pagePlan(q, now, match, groups, this.cursor(q));
    const plan = (
      this.db.prepare(`EXPLAIN QUERY PLAN ${page.text}`).all(...page.params) as { detail: string }[]
    ).map((r) => r.detail);
    return { sql: page.text, plan };
  }

  private pagePlan(
    q: ParsedQueueQuery,
    now: number,
    match: string | null,
    groups: Group[],
    cursor: Cursor | null,
  ): Sql {
    const sort = SORTS[q.sort.column];
    const dir = q.sort.direction === 'asc' ? 'ASC' : 'DESC';
    const keys = [...sort.columns, 'seq'];
    if (match !== null && this.chooseSearchPlan(q, now, groups) === 'sort') {
      // Inside a transaction the hits are sorted per page (see SortedHits on rollbacks).
      if (this.db.inTransaction) return sortHitsPlan(q, now, keys, dir, cursor);
      return this.sortedHitsPlan(q, now, match, keys, dir, cursor);
    }
    const arms = this.arms(q, groups, sort).flatMap((arm) => {
      // The filters the arm's equalities do not already decide, checked inside its index.
      const where = filterSql(
        {
          ...q,
          statuses: undefined,
          ...('kind' in arm.equal ? { kind: undefined } : {}),
          ...('account_id' in arm.equal ? { accountIds: undefined } : {}),
        },
        now,
        '',
        arm.equal.status as string,
      );
      const probe = match === null ? '' : ` AND seq IN ${SEARCH_HITS_TABLE}`;
      const select = ['seq', ...sort.columns].join(', ');
      const equal = Object.keys(arm.equal);
      const ranges =
        cursor === null ? [{ text: '', params: [] }] : keysetArm(keys, dir, cursor, arm.constants);
      return ranges.map((range) => ({
        text: `SELECT ${select} FROM orders INDEXED BY ${arm.index} WHERE ${equal.map((c) => `${c} = ?`).join(' AND ')}${range.text}${where.text}${probe}`,
        params: [...equal.map((c) => arm.equal[c]), ...range.params, ...where.params],
      }));
    });
    if (arms.length === 0) return emptyPage(q);
    return mergedPage(arms, keys, dir, q);
  }

  /**
   * A few-hit search's page read from its sorted-hits table (filled by the first page of this
   * search, filters and sort): a walk of that table's index in sort order, split like an orders
   * arm by keyset (keysetArm) so that every part is an index range and the parts merge unsorted.
   */
  private sortedHitsPlan(
    q: ParsedQueueQuery,
    now: number,
    match: string,
    keys: readonly string[],
    dir: 'ASC' | 'DESC',
    cursor: Cursor | null,
  ): Sql {
    const columns = SORTS[q.sort.column].columns;
    const key = JSON.stringify(this.rowsKey(q, match));
    const loaded = this.sortedHits.load(q.sort.column, columns, key, sortHitsFill(q, now, columns));
    this.version.addOwnChanges(loaded.ownChanges);
    const ranges = cursor === null ? [{ text: '', params: [] }] : keysetArm(keys, dir, cursor, {});
    const select = ['seq', ...columns].join(', ');
    const arms = ranges.map((range) => ({
      text: `SELECT ${select} FROM ${loaded.table} INDEXED BY ${loaded.index} WHERE 1${range.text}`,
      params: range.params,
    }));
    return mergedPage(arms, keys, dir, q);
  }

  /**
   * The index arms a page merges: one per status (and kind, for the kind sort) that has matching
   * rows by the counts, so empty arms cost nothing. With a customer filter, the sorts an
   * account-led index can serve in order get one arm per (account, status[, kind]) on it instead,
   * so a page reads only the chosen customers' entries (see migrations 0003 and 0004).
   */
  private arms(q: ParsedQueueQuery, groups: Group[], sort: SortPlan): Arm[] {
    const armGroups = (perAccount: boolean) => {
      const byKey = new Map<string, Group>();
      for (const g of groups) {
        if (countOf(g, q.overdue) === 0 || !matches(g, q, null)) continue;
        const key = [perAccount ? g.account_id : '', g.status, sort.kindArms ? g.kind : ''];
        byKey.set(key.join('\u0000'), g);
      }
      return byKey;
    };
    let byAccount = nonEmpty(q.accountIds) ? sort.byAccount : undefined;
    let byKey = armGroups(byAccount !== undefined);
    if (byAccount !== undefined && byKey.size > this.maxAccountArms) {
      byAccount = undefined;
      byKey = armGroups(false);
    }
    return [...byKey]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, g]) => {
        const kind: Cursor = sort.kindArms ? { kind: g.kind } : {};
        if (byAccount === undefined) {
          const equal = { status: g.status, ...kind };
          return { index: sort.index, equal, constants: equal };
        }
        if (byAccount.key === 'account_sort') {
          // The customer index is led by (status, account_sort): one customer's entries are one
          // range of it. The account filter stays a check inside the index.
          const equal = { status: g.status, account_sort: this.accountSort(g.account_id) };
          return { index: byAccount.index, equal, constants: equal };
        }
        const equal = { account_id: g.account_id, status: g.status, ...kind };
        return { index: byAccount.index, equal, constants: { status: g.status, ...kind } };
      });
  }

  /**
   * An account's customer sort key, read from one of its orders: every order of an account has the
   * same account_sort (accounts-repository rewrites them all when the account's name changes).
   */
  private accountSort(accountId: string): string | null {
    return (
      (this.statements
        .get(
          'SELECT account_sort FROM orders INDEXED BY orders_q_account_due WHERE account_id = ? LIMIT 1',
        )
        .pluck()
        .get(accountId) as string | null | undefined) ?? null
    );
  }

  /** The sort keys of the order a keyset page continues after; null without `after`. */
  private cursor(q: ParsedQueueQuery): Cursor | null {
    if (q.after === undefined) return null;
    const row = this.statements
      .get(`SELECT ${CURSOR_COLUMNS} FROM orders WHERE account_id = ? AND id = ?`)
      .get(q.after.accountId, q.after.id) as Cursor | undefined;
    if (row === undefined) {
      throw new RangeError(
        `Cannot continue the queue after order ${q.after.accountId}/${q.after.id}: it is not in the cache`,
      );
    }
    return row;
  }

  /** The sort keys of the order with this seq, to continue after an anchor. */
  private cursorAt(seq: number): Cursor {
    return this.statements
      .get(`SELECT ${CURSOR_COLUMNS} FROM orders WHERE seq = ?`)
      .get(seq) as Cursor;
  }

  private fetchRows(seqs: number[], now: number): QueuePage['rows'] {
    if (seqs.length === 0) return [];
    const rows = this.statements.get(ROWS_SQL).all(JSON.stringify(seqs)) as OrderSummaryRow[];
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    return seqs.flatMap((seq) => {
      const row = bySeq.get(seq);
      return row
        ? [{ ...toOrderSummary(row), overdue: isOpenStatus(row.status) && row.due_at < now }]
        : [];
    });
  }

  /**
   * Chooses how a search's page is read (see the class comment and cheaperSearchPlan); the
   * estimate also needs the view's counts without the search.
   */
  private chooseSearchPlan(q: ParsedQueueQuery, now: number, groups: Group[]): 'sort' | 'walk' {
    if (this.searchPlan !== 'auto') return this.searchPlan;
    const unsearched = this.counts.groups(
      { ...q, search: undefined },
      now,
      null,
      q.overdue !== undefined,
    );
    return cheaperSearchPlan(q, groups, unsearched, SORTS[q.sort.column].columns);
  }
}

/**
 * A page merged from index ranges that each return rows in the sort's order: SQLite merges sorted
 * arms of a UNION ALL without sorting them again.
 */
function mergedPage(
  arms: Sql[],
  keys: readonly string[],
  dir: 'ASC' | 'DESC',
  q: ParsedQueueQuery,
): Sql {
  return {
    text: `${arms.map((a) => a.text).join(' UNION ALL ')} ORDER BY ${keys.map((c) => `${c} ${dir}`).join(', ')} LIMIT ? OFFSET ?`,
    params: [...arms.flatMap((a) => a.params), q.limit, q.offset],
  };
}

/**
 * The page of a query no arm can match (its counts say so). It reads no table, so EXPLAIN shows no
 * scan; queryOrders never runs it (a zero total returns early), only explainPage shows it.
 */
function emptyPage(q: ParsedQueueQuery): Sql {
  return { text: 'SELECT NULL AS seq WHERE 0 LIMIT ? OFFSET ?', params: [q.limit, q.offset] };
}
