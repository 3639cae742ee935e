import type { ParsedQueueQuery } from '../queue-query';
import { filterSql, hasFilters, sumGroups, type Group } from './queue-filters';
import { keysetAfter, type Cursor, type Sql } from './queue-keyset';
import { SEARCH_HITS_TABLE } from './search-hits';

/**
 * Rough costs (µs at 100k orders, measured on the bench machine) behind the choice between the two
 * search plans; only their ratios matter. Walking a sort index and probing the hit table by rowid
 * costs WALK per index entry. Sorting the hits costs NARROW per hit to read its facet columns from
 * orders_q_seq (when filters must be checked) and WIDE per remaining hit to read its sort keys from
 * the orders row itself (a random page read; the *_sort columns sit behind raw_json).
 */
const SEARCH_COST = { WALK: 0.3, NARROW: 0.4, WIDE: 3 };

/**
 * Which plan reads a search's page; see QueueRepository.pagePlan. `auto` picks the cheaper by
 * SEARCH_COST.
 */
export type SearchPlan = 'auto' | 'sort' | 'walk';

/** The orders columns orders_q_seq covers: a search can filter and sort by these index-only. */
const NARROW_COLUMNS = new Set(['seq', 'kind', 'status', 'account_id', 'package_id', 'due_at']);

/**
 * Chooses how a search's page is read (see QueueRepository), by estimating each plan's cost
 * from counts the query already has: the walk reads about (offset + limit) / density entries of
 * the filtered rows, where density is the share of them that the search matches; the sort reads
 * every hit. `groups` are the search's, `unsearchedGroups` the same view's without the search, and
 * `sortColumns` the sort's keys before seq.
 */
export function cheaperSearchPlan(
  q: ParsedQueueQuery,
  groups: Group[],
  unsearchedGroups: Group[],
  sortColumns: readonly string[],
): 'sort' | 'walk' {
  const matching = sumGroups(groups, q, null);
  const hits = groups.reduce((n, g) => n + g.n, 0);
  const unsearched = sumGroups(unsearchedGroups, q, null);
  const wanted = q.offset + q.limit;
  const walk = Math.min(unsearched, (wanted * unsearched) / Math.max(matching, 1));
  const filtered = hasFilters(q);
  const narrow = sortColumns.every((c) => NARROW_COLUMNS.has(c));
  const sorted =
    (filtered ? hits * SEARCH_COST.NARROW : 0) +
    (filtered ? matching : hits) * (narrow ? SEARCH_COST.NARROW : SEARCH_COST.WIDE);
  return sorted < walk * SEARCH_COST.WALK ? 'sort' : 'walk';
}

/**
 * A search page that sorts the hits passing the filters: each hit's facet columns come from the
 * narrow orders_q_seq index, and only when the sort needs a column it lacks (received_at, the
 * *_sort names) from the orders row. SQLite sorts what passes in a TEMP B-TREE of at most the
 * hits, which cheaperSearchPlan only allows when they are few.
 */
export function sortHitsPlan(
  q: ParsedQueueQuery,
  now: number,
  keys: readonly string[],
  dir: 'ASC' | 'DESC',
  cursor: Cursor | null,
): Sql {
  const { from, alias, filters } = passingHits(q, now, keys);
  const after = cursor === null ? null : keysetAfter(keys, dir, cursor, alias);
  return {
    text: `SELECT h.seq FROM ${from}
      WHERE 1${filters.text}${after === null ? '' : ` AND ${after.text}`}
      ORDER BY ${keys.map((c) => `${alias}${c} ${dir}`).join(', ')} LIMIT ? OFFSET ?`,
    params: [...filters.params, ...(after?.params ?? []), q.limit, q.offset],
  };
}

/**
 * The rows of a search's sorted-hits table (see SortedHits): the seq and sort `columns` of every
 * hit that passes the filters, read as sortHitsPlan reads them.
 */
export function sortHitsFill(q: ParsedQueueQuery, now: number, columns: readonly string[]): Sql {
  const { from, alias, filters } = passingHits(q, now, columns);
  return {
    text: `SELECT h.seq, ${columns.map((c) => `${alias}${c}`).join(', ')} FROM ${from} WHERE 1${filters.text}`,
    params: filters.params,
  };
}

/**
 * The FROM clause both read the hits through, the alias to read `columns` by, and the filters (on
 * alias f.) a hit must pass. The orders row joins only when a column is not in orders_q_seq.
 */
function passingHits(
  q: ParsedQueueQuery,
  now: number,
  columns: readonly string[],
): { from: string; alias: string; filters: Sql } {
  const filters = filterSql(q, now, 'f.');
  const narrow = columns.every((c) => NARROW_COLUMNS.has(c));
  const from = [`${SEARCH_HITS_TABLE} AS h`];
  if (narrow || filters.text !== '') {
    from.push('CROSS JOIN orders AS f INDEXED BY orders_q_seq ON f.seq = h.seq');
  }
  if (!narrow) from.push('CROSS JOIN orders AS o ON o.seq = h.seq');
  return { from: from.join(' '), alias: narrow ? 'f.' : 'o.', filters };
}
