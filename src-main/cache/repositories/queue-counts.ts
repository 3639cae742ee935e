import type { QueueFacetCounts } from '../../../src-shared/contract/queue';
import type { QueueFilterDimension } from '../../../src-shared/contract/queue-filter';
import type { SqliteDatabase } from '../../infra/db/open-database';
import type { OrderSearchMatch } from '../fts-query';
import { QueueFiltersSchema, type QueueFilters } from '../queue-query';
import {
  countOf,
  filterSql,
  groupMatches,
  hasFilters,
  OPEN_SQL,
  searchOf,
  searchSql,
  sumGroups,
  type Filters,
  type Group,
} from './queue-filters';

const groupKey = (g: Omit<Group, 'n' | 'overdue'>) =>
  [g.kind, g.status, g.account_id, g.package_id].join('\u0000');

/**
 * The counts behind the queue's totals and filter chips, as facet groups: one per (kind, status,
 * account, package) with its number of orders and of overdue ones. Without a search they come
 * from `order_counts` (trigger-maintained, a few hundred rows) and the overdue parts from the open
 * past-due orders; with a search, from its hits. Both read `orders_facets`, which holds orders in
 * group order, so grouping needs no sort.
 */
export class QueueCounts {
  constructor(private readonly db: SqliteDatabase) {}

  /**
   * The facet groups under the search and the claim filter. Claims are few: "mine" counts the
   * claimed orders themselves, "unclaimed" subtracts the claimed orders' groups from all.
   */
  groups(f: Filters, now: number, withOverdue: boolean): Group[] {
    const match = searchOf(f);
    if (f.claim === undefined) return this.allGroups(match, now, withOverdue);
    if (match === null) return [];
    const claimed = this.claimedGroups(match, now, f.claim === 'mine' ? (f.me ?? null) : undefined);
    if (f.claim === 'mine') return claimed;
    const all = this.allGroups(match, now, true);
    const byKey = new Map(all.map((g) => [groupKey(g), g]));
    for (const c of claimed) {
      const g = byKey.get(groupKey(c));
      if (g) {
        g.n -= c.n;
        g.overdue -= c.overdue;
      }
    }
    return all;
  }

  /** Groups of the orders with a live claim (of `holder` when given), under the search. */
  private claimedGroups(
    match: OrderSearchMatch | undefined,
    now: number,
    holder: string | null | undefined,
  ): Group[] {
    const search = searchSql(match);
    const mine = holder === undefined ? '' : ' AND coordinator_id = ?';
    return this.db
      .prepare(
        `SELECT kind, status, account_id, COALESCE(package_id, '') AS package_id, count(*) AS n,
          sum(status IN (${OPEN_SQL}) AND due_at < ?) AS overdue
        FROM orders WHERE (account_id, id) IN (SELECT account_id, order_id FROM order_claims
          WHERE expires_at > ?${mine})${search.text}
        GROUP BY status, kind, account_id, package_id`,
      )
      .all(
        now,
        new Date(now).toISOString(),
        ...(holder === undefined ? [] : [holder]),
        ...search.params,
      ) as Group[];
  }

  private allGroups(
    match: OrderSearchMatch | null | undefined,
    now: number,
    withOverdue: boolean,
  ): Group[] {
    if (match === null) return [];
    if (match !== undefined) {
      const search = searchSql(match);
      return this.db
        .prepare(
          `SELECT kind, status, account_id, COALESCE(package_id, '') AS package_id, count(*) AS n,
            sum(status IN (${OPEN_SQL}) AND due_at < ?) AS overdue
          FROM orders INDEXED BY orders_facets WHERE 1${search.text}
          GROUP BY status, kind, account_id, package_id`,
        )
        .all(now, ...search.params) as Group[];
    }
    const groups = this.db
      .prepare('SELECT kind, status, account_id, package_id, n, 0 AS overdue FROM order_counts')
      .all() as Group[];
    if (!withOverdue) return groups;
    const overdue = this.db
      .prepare(
        `SELECT kind, status, account_id, COALESCE(package_id, '') AS package_id, count(*) AS n
        FROM orders INDEXED BY orders_facets WHERE status IN (${OPEN_SQL}) AND due_at < ?
        GROUP BY status, kind, account_id, package_id`,
      )
      .all(now) as Omit<Group, 'overdue'>[];
    const byKey = new Map(groups.map((g) => [groupKey(g), g]));
    for (const o of overdue) {
      const g = byKey.get(groupKey(o));
      if (g) g.overdue = o.n;
    }
    return groups;
  }

  /** Orders matching every filter of `f`. */
  total(f: Filters, now: number): number {
    const match = searchOf(f);
    // A search alone is counted by the search indexes, without reading a row per hit.
    if (match && !hasFilters(f)) {
      const parts = (
        [
          ['orders_trigram', match.infix],
          ['orders_fts', match.prefix],
        ] as const
      ).filter(([, m]) => m !== null);
      const hits = parts.map(([t]) => `SELECT rowid FROM ${t} WHERE ${t} MATCH ?`);
      return this.db
        .prepare(`SELECT count(*) FROM (${hits.join(' INTERSECT ')})`)
        .pluck()
        .get(...parts.map(([, m]) => m)) as number;
    }
    // Facet groups do not know the unmapped flag (a few orders at most): count those rows.
    if (f.unmapped !== undefined && match !== null) {
      const where = filterSql(f, now, match);
      return this.db
        .prepare(`SELECT count(*) FROM orders WHERE 1${where.text}`)
        .pluck()
        .get(...where.params) as number;
    }
    return sumGroups(this.groups(f, now, f.overdue !== undefined), f, null);
  }

  /** The chips of a view: each dimension counted under every other filter. */
  facets(input: QueueFilters): QueueFacetCounts {
    const f = QueueFiltersSchema.parse(input);
    const groups = this.groups(f, Date.parse(f.now), true);
    const accounts = this.db
      .prepare("SELECT id, name || ' · ' || provider FROM linked_accounts")
      .raw()
      .all() as [string, string][];
    const accountLabels = new Map(accounts);
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
        .map(([value, count]) => ({ value, label: label(value), count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    };
    let overdue = 0;
    for (const g of groups) if (groupMatches(g, f, 'overdue')) overdue += g.overdue;
    return {
      total: sumGroups(groups, f, null),
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
      overdue,
    };
  }
}
