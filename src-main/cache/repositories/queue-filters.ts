import {
  dueWindowEnd,
  matchesQueueFilters,
  type DueWindow,
  type QueueFilterDimension,
} from '../../../src-shared/contract/queue-filter';
import { toOrderSearchMatch, type OrderSearchMatch } from '../fts-query';
import { OPEN_STATUSES } from '../order-status';
import type { ParsedQueueQuery } from '../queue-query';

/**
 * The queue's filters in SQL, and as arithmetic over counted facet groups. What a filter means is
 * defined once, in src-shared/contract/queue-filter.ts; this is how SQL says the same.
 */

/** A statement fragment and its positional parameters, kept together. */
export interface Sql {
  text: string;
  params: unknown[];
}

export type Filters = Omit<ParsedQueueQuery, 'sort' | 'offset' | 'limit' | 'after'>;

/** Orders counted per facet group; `overdue` is the open-and-past-due part of `n`. */
export interface Group {
  kind: string;
  status: string;
  account_id: string;
  /** '' for orders without a package, as in order_counts. */
  package_id: string;
  n: number;
  overdue: number;
}

export const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * The search of a query: undefined without one, null when nothing in it is searchable (such a
 * search matches no order), else the FTS5 queries (see toOrderSearchMatch).
 */
export function searchOf(f: Filters): OrderSearchMatch | null | undefined {
  return f.search === undefined ? undefined : toOrderSearchMatch(f.search);
}

/**
 * The seqs of the orders a search matches, in seq order: one index's hits, or the hits both
 * indexes have (an INTERSECT reads each index's hits once; testing one index's hits against the
 * other's as a list builds that list, often of a short word's many hits, and costs several times
 * more).
 */
export function searchHits(match: OrderSearchMatch): Sql {
  return {
    text: match.map(([t]) => `SELECT rowid FROM ${t} WHERE ${t} MATCH ?`).join(' INTERSECT '),
    params: match.map(([, m]) => m),
  };
}

/**
 * The search as ` AND …` terms: the orders whose seq is among its hits (read first), or with
 * `probe` a look-up of each row in each index (for few rows, or rows most of which are hits).
 * Nothing searchable in the search (null): no order matches.
 */
export function searchSql(match: OrderSearchMatch | null | undefined, probe = false): Sql {
  if (match == null) return { text: match === null ? ' AND 0' : '', params: [] };
  if (!probe) {
    const hits = searchHits(match);
    return { text: ` AND seq IN (${hits.text})`, params: hits.params };
  }
  return {
    text: match
      .map(([t]) => ` AND EXISTS (SELECT 1 FROM ${t} WHERE ${t} MATCH ? AND rowid = seq)`)
      .join(''),
    params: match.map(([, m]) => m),
  };
}

/** A due window (Due today, Due soon) as an ` AND …` term: open orders due in [now, end). */
export function dueWithinSql(window: DueWindow | undefined, now: number): Sql {
  if (window === undefined) return { text: '', params: [] };
  return {
    text: ` AND status IN (${OPEN_SQL}) AND due_at >= ? AND due_at < ?`,
    params: [now, dueWindowEnd(window, now)],
  };
}

/**
 * The claim filter as an ` AND …` term (team mode): orders with a live claim of `me`, or with no
 * live claim. Claims are few, so both read the claims table, not the orders.
 */
export function claimSql(f: Filters, now: number): Sql {
  if (f.claim === undefined) return { text: '', params: [] };
  const at = new Date(now).toISOString();
  if (f.claim === 'mine') {
    return {
      text: ` AND (account_id, id) IN (SELECT account_id, order_id FROM order_claims
        WHERE coordinator_id = ? AND expires_at > ?)`,
      params: [f.me ?? null, at],
    };
  }
  return {
    text: ` AND (account_id, id) NOT IN (SELECT account_id, order_id FROM order_claims
      WHERE expires_at > ?)`,
    params: [at],
  };
}

/** Every filter (and the search, `withSearch`) as ` AND …` terms on the orders table. */
export function filterSql(f: Filters, now: number, withSearch: boolean): Sql {
  const terms: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (values === undefined || values.length === 0) return;
    terms.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('kind', f.kind === undefined ? undefined : [f.kind]);
  inList('status', f.statuses);
  inList('account_id', f.accountIds);
  inList('package_id', f.packageIds);
  if (f.overdue !== undefined) {
    const overdue = `(status IN (${OPEN_SQL}) AND due_at < ?)`;
    terms.push(f.overdue ? overdue : `NOT ${overdue}`);
    params.push(now);
  }
  if (f.unmapped !== undefined) terms.push(f.unmapped ? 'unmapped = 1' : 'unmapped = 0');
  const due = dueWithinSql(f.dueWithin, now);
  const search = searchSql(withSearch ? searchOf(f) : undefined);
  const claim = claimSql(f, now);
  return {
    text: terms.map((t) => ` AND ${t}`).join('') + due.text + search.text + claim.text,
    params: [...params, ...due.params, ...search.params, ...claim.params],
  };
}

/**
 * Whether a group passes every filter but `skip`, the overdue one (see countOf), and the due window
 * and the claim one (groups are counted under those, see QueueCounts.groups).
 */
export function groupMatches(g: Group, f: Filters, skip: QueueFilterDimension | null): boolean {
  const order = {
    kind: g.kind,
    status: g.status,
    accountId: g.account_id,
    packageId: g.package_id,
    unmapped: false,
    dueAt: 0,
    searchText: [],
  };
  const rest = {
    ...f,
    overdue: undefined,
    dueWithin: undefined,
    search: undefined,
    claim: undefined,
    unmapped: undefined,
  };
  return matchesQueueFilters(order, rest, 0, skip);
}

/** The orders of a group that pass the overdue filter. */
export function countOf(g: Group, overdue: boolean | undefined): number {
  return overdue === undefined ? g.n : overdue ? g.overdue : g.n - g.overdue;
}

export function sumGroups(groups: Group[], f: Filters, skip: QueueFilterDimension | null): number {
  let total = 0;
  for (const g of groups) if (groupMatches(g, f, skip)) total += countOf(g, f.overdue);
  return total;
}
