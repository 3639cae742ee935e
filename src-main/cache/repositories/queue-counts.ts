import type { SqliteDatabase } from '../../infra/db/open-database';
import { toFtsQuery } from '../fts-query';
import { QueueFiltersSchema, type QueueFilters } from '../queue-query';
import type { StatementCache } from '../statement-cache';
import type { DataVersion } from './data-version';
import {
  countOf,
  groupKey,
  matches,
  OPEN_SQL,
  sumGroups,
  type Dimension,
  type Filters,
  type Group,
} from './queue-filters';
import { SEARCH_HITS_TABLE, SearchHits } from './search-hits';

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

/**
 * The counts behind the queue's totals and filter chips, as facet groups: one per (kind, status,
 * account, package) with its number of orders and of overdue ones.
 *
 * They come from `order_counts` (trigger-maintained, a few hundred rows), or from the hit table
 * joined to orders_q_seq when searching; the overdue part from an index range over open past-due
 * orders. Counts are remembered per (data version, search) with the clock they were counted at: a
 * new clock only counts the open orders whose due time lies between the two clocks, so the new
 * `now` of each new query costs a short index range, not a recount.
 */
export class QueueCounts {
  /** See groups(); callers only read the groups. */
  private readonly recentGroups = new Map<string, CountedGroups>();
  private readonly hits: SearchHits;
  /**
   * Counts a search from elsewhere when it can (the queue's in-memory projection), or returns
   * null for SQL to count it.
   */
  searchGroups: ((match: string, now: number) => Group[] | null) | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly statements: StatementCache,
    private readonly version: DataVersion,
  ) {
    this.hits = new SearchHits(db);
  }

  /** The chips of a view: each dimension counted under every other filter. */
  facets(input: QueueFilters): QueueFacetCounts {
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

  /**
   * Facet groups with their counts, remembered for the few latest (data version, search) keys
   * together with the clock their overdue counts were taken at. The pages and chips of one view
   * share the groups; a new clock moves the overdue counts by the open orders whose due time lies
   * between the two clocks (a short index range) instead of counting every open past-due order
   * again. Any write through this connection (total_changes, less the TEMP search tables') or a
   * commit by another (data_version) is a new key; counts taken inside a transaction are not kept.
   */
  groups(f: Filters, now: number, match: string | null, withOverdue: boolean): Group[] {
    if (f.search !== undefined && match === null) return [];
    if (match === null && !withOverdue) return this.countGroups(null, null);
    if (match !== null) {
      const projected = this.searchGroups?.(match, now);
      if (projected) return projected;
    }
    const version = this.version.current();
    let hits = 0;
    if (match !== null) {
      const loaded = this.hits.load(match, version);
      this.version.addOwnChanges(loaded.ownChanges);
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
