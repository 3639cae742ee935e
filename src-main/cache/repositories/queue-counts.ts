import { SEARCH_COUNT_CAP, type QueueFacetCounts } from '../../../src-shared/contract/queue';
import { customerLabel } from '../../../src-shared/contract/records';
import type { SqliteDatabase } from '../../infra/db/open-database';
import type { OrderSearchMatch } from '../fts-query';
import { QueueFiltersSchema, type QueueFilters } from '../queue-query';
import type { DueWindow, QueueFilterDimension } from '../../../src-shared/contract/queue-filter';
import { isOpenStatus } from '../order-status';
import {
  countOf,
  filterSql,
  dueWithinSql,
  groupMatches,
  OPEN_SQL,
  searchHits,
  searchOf,
  searchSql,
  sumGroups,
  type Filters,
  type Group,
  type Sql,
} from './queue-filters';

/** Hits read by seq before a count takes the filters' side (they keep no more than the cap). */
const HITS_READ = 4 * (SEARCH_COUNT_CAP + 1);
/** Windows of seqs, and their width, in which isDense counts a search's hits. */
const DENSITY_WINDOWS = 8;
const DENSITY_WINDOW = 256;

const GROUPED = `SELECT kind, status, account_id, COALESCE(package_id, '') AS package_id, count(*) AS n,
  sum(status IN (${OPEN_SQL}) AND due_at < ?) AS overdue`;
const GROUP_BY = 'GROUP BY status, kind, account_id, package_id';

const groupKey = (g: Omit<Group, 'n' | 'overdue'>) =>
  [g.kind, g.status, g.account_id, g.package_id].join('\u0000');

/**
 * The counts behind the queue's totals and filter chips, as facet groups: one per (kind, status,
 * account, package) with its number of orders and of overdue ones. Without a search they come
 * from `order_counts` (trigger-maintained, a few hundred rows) and the overdue parts from the open
 * orders; with a search, from its hits, up to SEARCH_COUNT_CAP of them (see
 * searchGroups). `orders_facets` holds orders in group order, so grouping them needs no sort.
 */
export class QueueCounts {
  constructor(private readonly db: SqliteDatabase) {}

  /**
   * The facet groups under the search and the claim filter; null when more than SEARCH_COUNT_CAP
   * orders match the search. Claims are few: "mine" counts the claimed orders themselves,
   * "unclaimed" subtracts the claimed orders' groups from all.
   */
  groups(f: Filters, now: number, withOverdue: boolean): Group[] | null {
    const match = searchOf(f);
    if (f.claim === undefined) return this.allGroups(match, now, withOverdue, f.dueWithin);
    if (match === null) return [];
    const holder = f.claim === 'mine' ? (f.me ?? null) : undefined;
    const claimed = this.claimedGroups(match, now, holder, f.dueWithin);
    if (f.claim === 'mine') return claimed;
    const all = this.allGroups(match, now, true, f.dueWithin);
    if (all === null) return null;
    const byKey = new Map(all.map((g) => [groupKey(g), g]));
    for (const c of claimed) {
      const g = byKey.get(groupKey(c));
      if (g) Object.assign(g, { n: g.n - c.n, overdue: g.overdue - c.overdue });
    }
    return all;
  }

  /** Groups of the orders with a live claim (of `holder` when given), under the search. */
  private claimedGroups(
    match: OrderSearchMatch | undefined,
    now: number,
    holder: string | null | undefined,
    dueWithin: DueWindow | undefined,
  ): Group[] {
    const due = dueWithinSql(dueWithin, now);
    const search = searchSql(match, true);
    const mine = holder === undefined ? '' : ' AND coordinator_id = ?';
    return this.db
      .prepare(
        `${GROUPED} FROM orders WHERE (account_id, id) IN (SELECT account_id, order_id
          FROM order_claims WHERE expires_at > ?${mine})${due.text}${search.text} ${GROUP_BY}`,
      )
      .all(
        now,
        new Date(now).toISOString(),
        ...(holder === undefined ? [] : [holder]),
        ...due.params,
        ...search.params,
      ) as Group[];
  }

  private allGroups(
    match: OrderSearchMatch | null | undefined,
    now: number,
    withOverdue: boolean,
    dueWithin?: DueWindow,
  ): Group[] | null {
    if (match === null) return [];
    if (match !== undefined) return this.searchGroups(match, dueWithinSql(dueWithin, now), now);
    // A due window (Due today, Due soon) is counted from the orders it keeps.
    if (dueWithin !== undefined) {
      const due = dueWithinSql(dueWithin, now);
      return this.db
        .prepare(`${GROUPED} FROM orders INDEXED BY orders_sort_due WHERE 1${due.text} ${GROUP_BY}`)
        .all(now, ...due.params) as Group[];
    }
    const groups = this.db
      .prepare('SELECT kind, status, account_id, package_id, n, 0 AS overdue FROM order_counts')
      .all() as Group[];
    if (!withOverdue) return groups;
    // A group's overdue orders: its open ones past due, or its open ones less those not yet due
    // when these are the far fewer (a backlog, all overdue, has none); grouping them from the due
    // index costs a sort, which grouping the open ones in orders_facets does not.
    const open = groups.reduce((n, g) => n + (isOpenStatus(g.status) ? g.n : 0), 0);
    const due = this.db.prepare('SELECT count(*) FROM orders WHERE due_at >= ?').pluck();
    const byDue = 4 * (due.get(now) as number) < open;
    const from = byDue ? 'orders_sort_due WHERE due_at >= ?' : 'orders_facets WHERE due_at < ?';
    const counted = this.db
      .prepare(`${GROUPED} FROM orders INDEXED BY ${from} AND status IN (${OPEN_SQL}) ${GROUP_BY}`)
      .all(now, now) as Group[];
    const byKey = new Map(counted.map((g) => [groupKey(g), g.n]));
    for (const g of groups) {
      const n = byKey.get(groupKey(g)) ?? 0;
      if (isOpenStatus(g.status)) g.overdue = byDue ? g.n - n : n;
    }
    return groups;
  }

  /**
   * The groups of the orders that match a search and `where`; null when more than
   * SEARCH_COUNT_CAP do. Reads the search's hits in seq order and stops past the cap. A narrow
   * `where` keeps few hits: when it keeps no more than the cap of the first HITS_READ, the rest
   * is counted from `where`'s side, in `orders_facets` (reading the rows of every hit costs a
   * random read of the table each), again up to the cap.
   */
  private searchGroups(match: OrderSearchMatch, where: Sql, now: number): Group[] | null {
    /** The groups of up to cap + 1 rows of `from` (a FROM clause and WHERE) under `where`. */
    const grouped = (from: Sql) => {
      const groups = this.db
        .prepare(
          `${GROUPED} FROM (SELECT kind, status, account_id, package_id, due_at FROM ${from.text}
            ${where.text} LIMIT ?) ${GROUP_BY}`,
        )
        .all(now, ...from.params, ...where.params, SEARCH_COUNT_CAP + 1) as Group[];
      return groups.reduce((n, g) => n + g.n, 0) > SEARCH_COUNT_CAP ? null : groups;
    };
    // Unlike `seq IN (…)`, joining the hits to their rows stops at the LIMIT.
    const hits = searchHits(match);
    const first = grouped({
      text: `(SELECT rowid AS hit FROM (${hits.text}) LIMIT ?) CROSS JOIN orders ON seq = hit WHERE 1`,
      params: [...hits.params, HITS_READ],
    });
    const more = this.db.prepare(`SELECT 1 FROM (${hits.text}) LIMIT 1 OFFSET ?`).pluck();
    if (first === null || more.get(...hits.params, HITS_READ) === undefined) return first;
    const search = searchSql(match);
    return grouped({
      text: `orders INDEXED BY orders_facets WHERE 1${search.text}`,
      params: search.params,
    });
  }

  /**
   * Whether hits are dense all over the seqs (see QueueRepository): half or more of each of a few
   * windows spread over them. A probe that misses costs a walk to the search's next hit by
   * seq, so a search whose hits cluster (an order-number prefix: one run of seqs) is not dense.
   * The CAST: a JS number is bound as a REAL, and FTS5 seeks by an INTEGER rowid only.
   */
  isDense(match: OrderSearchMatch): boolean {
    const last = (this.db.prepare('SELECT max(seq) FROM orders').pluck().get() as number) ?? 0;
    const hits = searchHits(match);
    const inWindow = this.db.prepare(
      `SELECT count(*) FROM (${hits.text}) WHERE rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)`,
    );
    for (let i = 0; i < DENSITY_WINDOWS; i++) {
      const from = Math.floor((i * last) / DENSITY_WINDOWS) + 1;
      const n = inWindow.pluck().get(...hits.params, from, from + DENSITY_WINDOW - 1) as number;
      if (n * 2 < Math.min(DENSITY_WINDOW, last)) return false;
    }
    return last > 0;
  }

  /** Orders matching every filter of `f`; with a search, up to SEARCH_COUNT_CAP (`capped`: more). */
  total(f: Filters, now: number): { total: number; capped: boolean } {
    const match = searchOf(f);
    const where = filterSql(f, now, false);
    if (match && where.text === '') {
      // A search alone: its hits, without reading their rows.
      const hits = searchHits(match);
      const n = this.db.prepare(`SELECT count(*) FROM (${hits.text} LIMIT ?)`).pluck();
      const total = n.get(...hits.params, SEARCH_COUNT_CAP + 1) as number;
      return { total: Math.min(total, SEARCH_COUNT_CAP), capped: total > SEARCH_COUNT_CAP };
    }
    if (match) {
      const groups = this.searchGroups(match, where, now);
      const total = groups?.reduce((n, g) => n + g.n, 0) ?? SEARCH_COUNT_CAP;
      return { total, capped: groups === null };
    }
    // Facet groups do not know the unmapped flag (a few orders at most): count those rows.
    if (f.unmapped !== undefined && match !== null) {
      const count = this.db.prepare(`SELECT count(*) FROM orders WHERE 1${where.text}`).pluck();
      return { total: count.get(...where.params) as number, capped: false };
    }
    const groups = this.groups(f, now, f.overdue !== undefined) ?? [];
    return { total: sumGroups(groups, f, null), capped: false };
  }

  /** The chips of a view: each dimension counted under every other filter. */
  facets(input: QueueFilters): QueueFacetCounts {
    const f = QueueFiltersSchema.parse(input);
    const now = Date.parse(f.now);
    const searched = this.groups(f, now, true);
    // Capped: the view's values without its search, uncounted (overdue parts only if filtered).
    const capped = searched === null;
    const groups = searched ?? this.groups({ ...f, search: undefined }, now, f.overdue != null)!;
    const accounts = this.db.prepare('SELECT id, name, provider FROM linked_accounts').raw().all();
    const accountLabels = new Map(
      (accounts as [string, string | null, string | null][]).map(([id, name, provider]) => [
        id,
        customerLabel(name, provider, id),
      ]),
    );
    const packageAccounts = new Map(groups.map((g) => [g.package_id, g.account_id]));
    const packageLabel = this.db
      .prepare(
        'SELECT package_name FROM orders INDEXED BY orders_by_package WHERE account_id = ? AND package_id = ? AND package_name IS NOT NULL LIMIT 1',
      )
      .pluck();
    /** One chip row: the counts of `dimension`'s values under every other filter. */
    const facet = (
      dimension: QueueFilterDimension,
      key: (g: Group) => string,
      label: (value: string) => string | null = () => null,
    ) => {
      const counts = new Map<string, number>();
      for (const g of groups) {
        if (groupMatches(g, f, dimension))
          counts.set(key(g), (counts.get(key(g)) ?? 0) + countOf(g, f.overdue));
      }
      return [...counts]
        .filter(([value, count]) => count > 0 && value !== '')
        .sort(([va, a], [vb, b]) => b - a || va.localeCompare(vb))
        .map(([value, count]) => ({ value, label: label(value), count: capped ? null : count }));
    };
    let overdue = 0;
    for (const g of groups) if (groupMatches(g, f, 'overdue')) overdue += g.overdue;
    return {
      total: capped ? SEARCH_COUNT_CAP : sumGroups(groups, f, null),
      kinds: facet('kind', (g) => g.kind),
      statuses: facet('statuses', (g) => g.status),
      accounts: facet(
        'accountIds',
        (g) => g.account_id,
        (id) => accountLabels.get(id) ?? null,
      ),
      packages: facet(
        'packageIds',
        (g) => g.package_id,
        (id) => (packageLabel.get(packageAccounts.get(id), id) as string | undefined) ?? null,
      ),
      overdue: capped ? null : overdue,
      ...(capped ? { capped } : {}),
    };
  }
}
