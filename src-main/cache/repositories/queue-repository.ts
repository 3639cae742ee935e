import type { SqliteDatabase } from '../../core/db/open-database';
import { toFtsQuery } from '../fts-query';
import { isOpenStatus } from '../order-status';
import {
  QueueFiltersSchema,
  QueueQuerySchema,
  type ParsedQueueQuery,
  type QueueFilters,
  type QueueQuery,
  type QueueSortColumn,
} from '../queue-query';
import { StatementCache } from '../statement-cache';
import type { OrderSummary } from '../types';
import { ORDER_SUMMARY_COLUMNS, toOrderSummary, type OrderSummaryRow } from './orders-repository';
import {
  countOf,
  filterSql,
  groupKey,
  hasFilters,
  matches,
  nonEmpty,
  OPEN_SQL,
  sumGroups,
  type Dimension,
  type Filters,
  type Group,
} from './queue-filters';
import { PagePositions } from './page-positions';
import { keysetAfter, keysetArm, type Cursor, type Sql } from './queue-keyset';
import { SEARCH_HITS_TABLE, SearchHits } from './search-hits';
import { SortedHits } from './sorted-hits';

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

const ACCOUNT_DUE = { index: 'orders_q_account_due', key: 'account_id' } as const;

const SORTS: Record<QueueSortColumn, SortPlan> = {
  due_at: { index: 'orders_q_due', columns: ['due_at'], byAccount: ACCOUNT_DUE },
  received_at: {
    index: 'orders_q_received',
    columns: ['received_at'],
    byAccount: { index: 'orders_q_account_received', key: 'account_id' },
  },
  kind: {
    index: 'orders_q_due',
    columns: ['kind', 'due_at'],
    kindArms: true,
    byAccount: ACCOUNT_DUE,
  },
  candidate: {
    index: 'orders_q_candidate',
    columns: ['candidate_sort', 'due_at'],
    byAccount: { index: 'orders_q_account_candidate', key: 'account_id' },
  },
  job: {
    index: 'orders_q_job',
    columns: ['job_sort', 'due_at'],
    byAccount: { index: 'orders_q_account_job', key: 'account_id' },
  },
  package: {
    index: 'orders_q_package',
    columns: ['package_sort', 'due_at'],
    byAccount: { index: 'orders_q_account_package', key: 'account_id' },
  },
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

/**
 * Rough costs (µs at 100k orders, measured on the bench machine) behind the choice between the two
 * search plans; only their ratios matter. Walking a sort index and probing the hit table by rowid
 * costs WALK per index entry. Sorting the hits costs NARROW per hit to read its facet columns from
 * orders_q_seq (when filters must be checked) and WIDE per remaining hit to read its sort keys from
 * the orders row itself (a random page read; the *_sort columns sit behind raw_json).
 */
const SEARCH_COST = { WALK: 0.3, NARROW: 0.4, WIDE: 3 };

/** Which plan reads a search's page; see pagePlan. `auto` picks the cheaper by SEARCH_COST. */
export type SearchPlan = 'auto' | 'sort' | 'walk';

/** One chip value; values with no matching orders are left out. */
export interface QueueFacet {
  value: string;
  label: string | null;
  count: number;
}

export interface QueueFacetCounts {
  /** Orders matching every filter. */
  total: number;
  kinds: QueueFacet[];
  statuses: QueueFacet[];
  accounts: QueueFacet[];
  packages: QueueFacet[];
  /** Open orders past due, matching every other filter. */
  overdue: number;
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
 *   the hits), whichever SEARCH_COST estimates cheaper for this page: walking wins when hits are
 *   dense in the filtered rows, sorting when they are few (a walk to a rare hit would read most of
 *   the index). Both are measured by bench/queue-queries.ts.
 * - Totals and chip counts come from `order_counts` (trigger-maintained, a few hundred rows), or
 *   from the hit table joined to orders_q_seq when searching; the overdue part from an index range
 *   over open past-due orders. Counts are remembered per (data version, search) with the clock they
 *   were counted at: a new clock only counts the open orders whose due time lies between the two
 *   clocks, so the new `now` of each new query costs a short index range, not a recount.
 * - An offset page (a scrollbar jump) leaves keyset anchors (see PagePositions): a later jump of
 *   the same query and data version seeks to the nearest anchor before it and walks only the rows
 *   in between, instead of every row from the top.
 */
export class QueueRepository {
  private readonly statements: StatementCache;
  /** See groups(); callers only read the groups. */
  private readonly recentGroups = new Map<string, CountedGroups>();
  private readonly hits: SearchHits;
  /** A few-hit search's passing hits per sort, indexed in sort order; see SortedHits. */
  private readonly sortedHits: SortedHits;
  /** Keyset anchors left by offset pages (scrollbar jumps); see PagePositions. */
  private readonly positions = new PagePositions();
  /** Changes this connection made to its own TEMP tables, left out of the data version. */
  private ownChanges = 0;
  /** Settable so tests can exercise both search plans on small data. */
  searchPlan: SearchPlan = 'auto';
  /**
   * The most account-led arms a page merges; more (many customers chosen) fall back to the
   * status-led arms. SQLite caps a compound SELECT at 500 arms, and each merged arm adds a compare
   * per row. Settable so tests can exercise the fallback.
   */
  maxAccountArms = 64;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = new StatementCache(db);
    this.hits = new SearchHits(db);
    this.sortedHits = new SortedHits(db);
  }

  queryOrders(input: QueueQuery): QueuePage {
    const q = QueueQuerySchema.parse(input);
    const now = Date.parse(q.now);
    const match = q.search === undefined ? null : toFtsQuery(q.search);
    const groups = this.groups(q, now, match, q.overdue !== undefined);
    const total = sumGroups(groups, q, null);
    if (total === 0 || q.offset >= total) return { rows: [], total };
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
  }

  private seqs(page: Sql): number[] {
    return this.statements
      .get(page.text)
      .pluck()
      .all(...page.params) as number[];
  }

  /**
   * What decides a query's row order apart from paging: the data version, the search, the filters
   * (the clock only through the overdue filter), the sort, and the plan settings tests change.
   */
  private shapeKey(q: ParsedQueueQuery, match: string | null): string {
    return JSON.stringify([
      this.version(),
      match,
      q.kind ?? null,
      q.statuses ?? null,
      q.accountIds ?? null,
      q.packageIds ?? null,
      q.overdue ?? null,
      q.overdue === undefined ? null : q.now,
      q.sort.column,
      q.sort.direction,
      this.searchPlan,
      this.maxAccountArms,
    ]);
  }

  facetCounts(input: QueueFilters): QueueFacetCounts {
    const f = QueueFiltersSchema.parse(input);
    const now = Date.parse(f.now);
    const match = f.search === undefined ? null : toFtsQuery(f.search);
    const groups = this.groups(f, now, match, true);
    const by = (dimension: Dimension, key: (g: Group) => string): Map<string, number> => {
      const counts = new Map<string, number>();
      for (const g of groups) {
        if (!matches(g, f, dimension)) continue;
        const value = key(g);
        counts.set(value, (counts.get(value) ?? 0) + countOf(g, f.overdue));
      }
      return counts;
    };
    const accounts = this.accountLabels();
    const packageLabel = this.statements.get(
      'SELECT package_name FROM orders INDEXED BY orders_by_package WHERE account_id = ? AND package_id = ? AND package_name IS NOT NULL LIMIT 1',
    );
    const packageAccounts = new Map<string, string>();
    for (const g of groups)
      if (g.package_id !== '') packageAccounts.set(g.package_id, g.account_id);
    const toFacets = (
      counts: Map<string, number>,
      label: (value: string) => string | null,
    ): QueueFacet[] =>
      [...counts]
        .filter(([, count]) => count > 0)
        .map(([value, count]) => ({ value, label: label(value), count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    let overdue = 0;
    for (const g of groups) if (matches(g, f, 'overdue')) overdue += g.overdue;
    return {
      total: sumGroups(groups, f, null),
      kinds: toFacets(
        by('kind', (g) => g.kind),
        () => null,
      ),
      statuses: toFacets(
        by('statuses', (g) => g.status),
        () => null,
      ),
      accounts: toFacets(
        by('accountIds', (g) => g.account_id),
        (id) => accounts.get(id) ?? null,
      ),
      packages: toFacets(
        new Map([...by('packageIds', (g) => g.package_id)].filter(([id]) => id !== '')),
        (id) =>
          (packageLabel.pluck().get(packageAccounts.get(id), id) as string | undefined) ?? null,
      ),
      overdue,
    };
  }

  /** The SQL a query would run for its page (for EXPLAIN QUERY PLAN in tests and the bench). */
  explainPage(input: QueueQuery): { sql: string; plan: string[] } {
    const q = QueueQuerySchema.parse(input);
    const now = Date.parse(q.now);
    const match = q.search === undefined ? null : toFtsQuery(q.search);
    const groups = this.groups(q, now, match, q.overdue !== undefined);
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
    const orderBy = keys.map((c) => `${c} ${dir}`).join(', ');
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
    return {
      text: `${arms.map((a) => a.text).join(' UNION ALL ')} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
      params: [...arms.flatMap((a) => a.params), q.limit, q.offset],
    };
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
    const key = JSON.stringify([
      this.version(),
      match,
      q.kind ?? null,
      q.statuses ?? null,
      q.accountIds ?? null,
      q.packageIds ?? null,
      q.overdue ?? null,
      q.overdue === undefined ? null : now,
    ]);
    const loaded = this.sortedHits.load(q.sort.column, columns, key, sortHitsFill(q, now, columns));
    this.ownChanges += loaded.ownChanges;
    const ranges = cursor === null ? [{ text: '', params: [] }] : keysetArm(keys, dir, cursor, {});
    const select = ['seq', ...columns].join(', ');
    const arms = ranges.map((range) => ({
      text: `SELECT ${select} FROM ${loaded.table} INDEXED BY ${loaded.index} WHERE 1${range.text}`,
      params: range.params,
    }));
    return {
      text: `${arms.map((a) => a.text).join(' UNION ALL ')} ORDER BY ${keys.map((c) => `${c} ${dir}`).join(', ')} LIMIT ? OFFSET ?`,
      params: [...arms.flatMap((a) => a.params), q.limit, q.offset],
    };
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
      .get(
        `SELECT seq, status, kind, due_at, received_at, candidate_sort, job_sort, package_sort,
          account_sort FROM orders WHERE account_id = ? AND id = ?`,
      )
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
      .get(
        `SELECT seq, status, kind, due_at, received_at, candidate_sort, job_sort, package_sort,
          account_sort FROM orders WHERE seq = ?`,
      )
      .get(seq) as Cursor;
  }

  private fetchRows(seqs: number[], now: number): QueuePage['rows'] {
    if (seqs.length === 0) return [];
    const rows = this.statements
      .get(
        `SELECT ${ORDER_SUMMARY_COLUMNS} FROM orders WHERE seq IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(seqs)) as OrderSummaryRow[];
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    return seqs.flatMap((seq) => {
      const row = bySeq.get(seq);
      return row
        ? [{ ...toOrderSummary(row), overdue: isOpenStatus(row.status) && row.due_at < now }]
        : [];
    });
  }

  /**
   * Chooses how a search's page is read (see the class comment), by estimating each plan's cost
   * from counts the query already has: the walk reads about (offset + limit) / density entries of
   * the filtered rows, where density is the share of them that the search matches; the sort reads
   * every hit.
   */
  private chooseSearchPlan(q: ParsedQueueQuery, now: number, groups: Group[]): 'sort' | 'walk' {
    if (this.searchPlan !== 'auto') return this.searchPlan;
    const matching = sumGroups(groups, q, null);
    const hits = groups.reduce((n, g) => n + g.n, 0);
    const unsearched = sumGroups(
      this.groups({ ...q, search: undefined }, now, null, q.overdue !== undefined),
      q,
      null,
    );
    const wanted = q.offset + q.limit;
    const walk = Math.min(unsearched, (wanted * unsearched) / Math.max(matching, 1));
    const filtered = hasFilters(q);
    const narrow = [...SORTS[q.sort.column].columns].every((c) => NARROW_COLUMNS.has(c));
    const sorted =
      (filtered ? hits * SEARCH_COST.NARROW : 0) +
      (filtered ? matching : hits) * (narrow ? SEARCH_COST.NARROW : SEARCH_COST.WIDE);
    return sorted < walk * SEARCH_COST.WALK ? 'sort' : 'walk';
  }

  /**
   * Facet groups with their counts, remembered for the few latest (data version, search) keys
   * together with the clock their overdue counts were taken at. The pages and chips of one view
   * share the groups; a new clock moves the overdue counts by the open orders whose due time lies
   * between the two clocks (a short index range) instead of counting every open past-due order
   * again. Any write through this connection (total_changes, less the TEMP search tables') or a
   * commit by another (data_version) is a new key; counts taken inside a transaction are not kept.
   */
  private groups(f: Filters, now: number, match: string | null, withOverdue: boolean): Group[] {
    if (f.search !== undefined && match === null) return [];
    if (match === null && !withOverdue) return this.countGroups(null, null);
    const version = this.version();
    let hits = 0;
    if (match !== null) {
      const loaded = this.hits.load(match, version);
      this.ownChanges += loaded.ownChanges;
      hits = loaded.hits;
    }
    const key = `${version}\u0000${match ?? ''}`;
    const remembered = this.recentGroups.get(key);
    if (remembered?.at === now) return remembered.groups;
    const counted: CountedGroups = {
      at: now,
      groups:
        remembered === undefined
          ? this.countGroups(match, now, hits)
          : this.moveClock(remembered, now, match !== null),
    };
    // Counts taken inside a transaction are not kept: a rollback would leave them under a version
    // that stays current (total_changes does not go back), describing data that never was.
    if (this.db.inTransaction) return counted.groups;
    this.recentGroups.delete(key);
    this.recentGroups.set(key, counted);
    if (this.recentGroups.size > 8) {
      const oldest = this.recentGroups.keys().next().value;
      if (oldest !== undefined) this.recentGroups.delete(oldest);
    }
    return counted.groups;
  }

  /** The connection's view of the data: changes by itself (not to TEMP tables) and by others. */
  private version(): string {
    const v = this.statements
      .get('SELECT total_changes() AS c, data_version AS v FROM pragma_data_version')
      .get() as { c: number; v: number };
    return `${v.c - this.ownChanges}:${v.v}`;
  }

  /**
   * Groups counted at one clock, recounted for another by the open orders due between the two:
   * overdue at `now` = open and due_at < now, so moving the clock forward adds those due in
   * [then, now) and moving it back removes those due in [now, then).
   */
  private moveClock(counted: CountedGroups, now: number, searching: boolean): Group[] {
    const from = Math.min(counted.at, now);
    const to = Math.max(counted.at, now);
    const sign = now > counted.at ? 1 : -1;
    const due = this.statements
      .get(
        `SELECT kind, status, account_id, COALESCE(package_id, '') AS package_id, count(*) AS n
          FROM orders INDEXED BY orders_q_due
          WHERE status IN (${OPEN_SQL}) AND due_at >= ? AND due_at < ?${searching ? ` AND seq IN ${SEARCH_HITS_TABLE}` : ''}
          GROUP BY 1, 2, 3, 4`,
      )
      .all(from, to) as Omit<Group, 'overdue'>[];
    const groups = counted.groups.map((g) => ({ ...g }));
    const byKey = new Map(groups.map((g) => [groupKey(g), g]));
    for (const d of due) {
      const g = byKey.get(groupKey(d));
      if (g) g.overdue += sign * d.n;
    }
    return groups;
  }

  /**
   * Counts from scratch: the search's `hits` (the TEMP table, loaded by groups()) through the
   * narrow orders_q_seq index, or `order_counts` plus, when `now` is given, the open past-due range.
   * A search that matches most orders is counted as everything less the orders it does not match
   * (see countMisses).
   */
  private countGroups(match: string | null, now: number | null, hits = 0): Group[] {
    if (match !== null && now !== null && hits * 2 > this.orderCount()) {
      // Every order's groups as the unsearched queue has them (usually remembered: the queue
      // showed them before the search was typed), copied because countMisses subtracts.
      const all = this.groups(
        { now: new Date(now).toISOString(), search: undefined },
        now,
        null,
        true,
      );
      return this.countMisses(
        all.map((g) => ({ ...g })),
        now,
      );
    }
    if (match !== null) {
      // One text key per group: SQLite's GROUP BY sorts every hit, and a single short key sorts
      // faster than four columns (measured ~1.5-3x on 20k hits). Ids never contain U+001F.
      const rows = this.statements
        .get(
          `SELECT f.kind || char(31) || f.status || char(31) || f.account_id || char(31) ||
              COALESCE(f.package_id, '') AS g,
            count(*) AS n, sum(f.status IN (${OPEN_SQL}) AND f.due_at < ?) AS overdue
          FROM ${SEARCH_HITS_TABLE} AS h CROSS JOIN orders AS f INDEXED BY orders_q_seq ON f.seq = h.seq
          GROUP BY 1`,
        )
        .all(now) as { g: string; n: number; overdue: number }[];
      return rows.map(({ g, n, overdue }) => {
        const [kind = '', status = '', account_id = '', package_id = ''] = g.split('\u001f');
        return { kind, status, account_id, package_id, n, overdue };
      });
    }
    const counted = this.statements
      .get('SELECT kind, status, account_id, package_id, n, 0 AS overdue FROM order_counts')
      .all() as Group[];
    if (now === null) return counted;
    const overdue = this.statements
      .get(
        `SELECT kind, status, account_id, COALESCE(package_id, '') AS package_id, count(*) AS n
          FROM orders INDEXED BY orders_q_due WHERE status IN (${OPEN_SQL}) AND due_at < ?
          GROUP BY 1, 2, 3, 4`,
      )
      .all(now) as Omit<Group, 'overdue'>[];
    const byKey = new Map(counted.map((g) => [groupKey(g), g]));
    for (const o of overdue) {
      const g = byKey.get(groupKey(o));
      if (g) g.overdue = o.n;
    }
    return counted;
  }

  private orderCount(): number {
    return this.statements.get('SELECT sum(n) FROM order_counts').pluck().get() as number;
  }

  /**
   * A dense search's groups: every order's groups less those of the orders it does not match.
   * GROUP BY sorts what it groups (~0.8 µs a row at 100k orders), so grouping 100k hits cost ~100
   * ms per keystroke of a search like "ord" or "or"; walking orders_q_seq in seq order against the
   * hit table costs ~0.05 µs a row and sorts only the misses (measured: 100k hits 100 → 4.4 ms,
   * 70k 72 → 26 ms; about even at half the orders, hence the threshold in countGroups).
   */
  private countMisses(all: Group[], now: number): Group[] {
    const misses = this.statements
      .get(
        `SELECT f.kind || char(31) || f.status || char(31) || f.account_id || char(31) ||
            COALESCE(f.package_id, '') AS g,
          count(*) AS n, sum(f.status IN (${OPEN_SQL}) AND f.due_at < ?) AS overdue
        FROM orders AS f INDEXED BY orders_q_seq WHERE f.seq NOT IN ${SEARCH_HITS_TABLE}
        GROUP BY 1`,
      )
      .all(now) as { g: string; n: number; overdue: number }[];
    const byKey = new Map(all.map((g) => [groupKey(g), g]));
    for (const m of misses) {
      const g = byKey.get(m.g);
      if (g) {
        g.n -= m.n;
        g.overdue -= m.overdue;
      }
    }
    return all.filter((g) => g.n > 0);
  }

  private accountLabels(): Map<string, string> {
    const rows = this.statements.get('SELECT id, name, provider FROM linked_accounts').all() as {
      id: string;
      name: string;
      provider: string;
    }[];
    return new Map(rows.map((r) => [r.id, `${r.name} · ${r.provider}`]));
  }
}

interface CountedGroups {
  /** The clock the groups' overdue counts were taken at. */
  at: number;
  groups: Group[];
}

/** The orders columns orders_q_seq covers: a search can filter and sort by these index-only. */
const NARROW_COLUMNS = new Set(['seq', 'kind', 'status', 'account_id', 'package_id', 'due_at']);

/**
 * A search page that sorts the hits passing the filters: each hit's facet columns come from the
 * narrow orders_q_seq index, and only when the sort needs a column it lacks (received_at, the
 * *_sort names) from the orders row. SQLite sorts what passes in a TEMP B-TREE of at most the
 * hits, which chooseSearchPlan only allows when they are few.
 */
function sortHitsPlan(
  q: ParsedQueueQuery,
  now: number,
  keys: readonly string[],
  dir: 'ASC' | 'DESC',
  cursor: Cursor | null,
): Sql {
  const filters = filterSql(q, now, 'f.');
  const narrow = keys.every((c) => NARROW_COLUMNS.has(c));
  const from = [`${SEARCH_HITS_TABLE} AS h`];
  if (narrow || filters.text !== '') {
    from.push('CROSS JOIN orders AS f INDEXED BY orders_q_seq ON f.seq = h.seq');
  }
  if (!narrow) from.push('CROSS JOIN orders AS o ON o.seq = h.seq');
  const alias = narrow ? 'f.' : 'o.';
  const after = cursor === null ? null : keysetAfter(keys, dir, cursor, alias);
  return {
    text: `SELECT h.seq FROM ${from.join(' ')}
      WHERE 1${filters.text}${after === null ? '' : ` AND ${after.text}`}
      ORDER BY ${keys.map((c) => `${alias}${c} ${dir}`).join(', ')} LIMIT ? OFFSET ?`,
    params: [...filters.params, ...(after?.params ?? []), q.limit, q.offset],
  };
}

/**
 * The rows of a search's sorted-hits table (see SortedHits): the seq and sort `columns` of every
 * hit that passes the filters, read as sortHitsPlan reads them.
 */
function sortHitsFill(q: ParsedQueueQuery, now: number, columns: readonly string[]): Sql {
  const filters = filterSql(q, now, 'f.');
  const narrow = columns.every((c) => NARROW_COLUMNS.has(c));
  const from = [`${SEARCH_HITS_TABLE} AS h`];
  if (narrow || filters.text !== '') {
    from.push('CROSS JOIN orders AS f INDEXED BY orders_q_seq ON f.seq = h.seq');
  }
  if (!narrow) from.push('CROSS JOIN orders AS o ON o.seq = h.seq');
  const alias = narrow ? 'f.' : 'o.';
  return {
    text: `SELECT h.seq, ${columns.map((c) => `${alias}${c}`).join(', ')} FROM ${from.join(' ')} WHERE 1${filters.text}`,
    params: filters.params,
  };
}

/**
 * The page of a query no arm can match (its counts say so). It reads no table, so EXPLAIN shows no
 * scan; queryOrders never runs it (a zero total returns early), only explainPage shows it.
 */
function emptyPage(q: ParsedQueueQuery): Sql {
  return { text: 'SELECT NULL AS seq WHERE 0 LIMIT ? OFFSET ?', params: [q.limit, q.offset] };
}
