import type { SqliteDatabase } from '../../core/db/open-database';
import { toFtsQuery } from '../fts-query';
import { OPEN_STATUSES, isOpenStatus } from '../order-status';
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

/**
 * Each sort column has an index: (status, sort columns…, seq, filter columns…). `seq` is the
 * tie-breaker, so the order is total and pages never repeat or skip a row. A sort whose leading
 * key has two values (kind) has no index of its own: one arm per (status, kind) walks orders_q_due
 * and the kind equality makes each arm's order the sort's order.
 */
const SORTS: Record<
  QueueSortColumn,
  { index: string; columns: readonly string[]; kindArms?: boolean }
> = {
  due_at: { index: 'orders_q_due', columns: ['due_at'] },
  received_at: { index: 'orders_q_received', columns: ['received_at'] },
  kind: { index: 'orders_q_due', columns: ['kind', 'due_at'], kindArms: true },
  candidate: { index: 'orders_q_candidate', columns: ['candidate_sort', 'due_at'] },
  job: { index: 'orders_q_job', columns: ['job_sort', 'due_at'] },
  package: { index: 'orders_q_package', columns: ['package_sort', 'due_at'] },
  customer: { index: 'orders_q_customer', columns: ['account_sort', 'due_at'] },
  status: { index: 'orders_q_due', columns: ['status', 'due_at'] },
};

/**
 * Up to this many search hits, the page is read hit by hit from the FTS index and the hits are
 * sorted (a sort of at most this many narrow rows, well under a millisecond). Beyond it, the hits
 * are dense enough that walking the sort index and probing the hit list finds a page sooner.
 */
export const SEARCH_SORT_LIMIT = 2000;

/** Orders counted per facet group; `overdue` is the open-and-past-due part of `n`. */
interface Group {
  kind: string;
  status: string;
  account_id: string;
  package_id: string;
  n: number;
  overdue: number;
}

type Filters = Omit<ParsedQueueQuery, 'sort' | 'offset' | 'limit' | 'after'>;

/** The sort keys of the row a keyset page continues after. */
type Cursor = Record<string, string | number | null>;

/** Sort columns that may be NULL (NULL sorts first ascending, last descending). */
const NULLABLE = new Set(['candidate_sort', 'job_sort', 'package_sort']);

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

/** A plan fragment: SQL text and its positional parameters, kept together. */
interface Sql {
  text: string;
  params: unknown[];
}

function nonEmpty<T>(list: readonly T[] | undefined): list is readonly T[] {
  return list !== undefined && list.length > 0;
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * The queue: filtered, sorted, paged orders and the counts behind the filter chips.
 *
 * Plans (checked by queue-plans.test.ts):
 * - Without search: one SELECT per status that can match, each walking its `orders_q_*` index in
 *   sort order with the other filters checked inside the index, merged by UNION ALL + ORDER BY.
 *   SQLite merges sorted arms without a sort, so no query ever sorts the orders table.
 * - With a search of ≤ SEARCH_SORT_LIMIT hits: FTS index → hits → sort the hits.
 * - With a broader search: the arms above, each probing the FTS hit list.
 * - Totals and chip counts come from `order_counts` (trigger-maintained, a few hundred rows), plus
 *   an index range over open past-due orders when overdue matters, or from the FTS hits when
 *   searching.
 */
export class QueueRepository {
  private readonly statements: StatementCache;
  /** See groups(); callers only read the groups. */
  private readonly recentGroups = new Map<string, Group[]>();
  /** See SEARCH_SORT_LIMIT; settable so tests can exercise both search plans on small data. */
  searchSortLimit = SEARCH_SORT_LIMIT;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = new StatementCache(db);
  }

  queryOrders(input: QueueQuery): QueuePage {
    const q = QueueQuerySchema.parse(input);
    const now = Date.parse(q.now);
    const match = q.search === undefined ? null : toFtsQuery(q.search);
    const groups = this.groups(q, now, match, q.overdue !== undefined);
    const total = sumGroups(groups, q, null);
    if (total === 0 || q.offset >= total) return { rows: [], total };
    const page = this.pagePlan(q, now, match, groups, total, this.cursor(q));
    const seqs = this.statements
      .get(page.text)
      .pluck()
      .all(...page.params) as number[];
    return { rows: this.fetchRows(seqs, now), total };
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
    const page = this.pagePlan(q, now, match, groups, sumGroups(groups, q, null), this.cursor(q));
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
    total: number,
    cursor: Cursor | null,
  ): Sql {
    const sort = SORTS[q.sort.column];
    const dir = q.sort.direction === 'asc' ? 'ASC' : 'DESC';
    const keys = [...sort.columns, 'seq'];
    const orderBy = keys.map((c) => `${c} ${dir}`).join(', ');
    if (match !== null && total <= this.searchSortLimit) {
      const where = filterSql(q, now, 'o.');
      const after = cursor === null ? null : keysetAfter(keys, dir, cursor, 'o.');
      return {
        text: `SELECT o.seq FROM orders_fts CROSS JOIN orders AS o ON o.seq = orders_fts.rowid
          WHERE orders_fts MATCH ?${where.text}${after === null ? '' : ` AND ${after.text}`}
          ORDER BY ${keys.map((c) => `o.${c} ${dir}`).join(', ')} LIMIT ? OFFSET ?`,
        params: [match, ...where.params, ...(after?.params ?? []), q.limit, q.offset],
      };
    }
    // One arm per status (and kind, for the kind sort) that has matching rows (from the counts),
    // so empty arms cost nothing.
    const armKeys = [
      ...new Set(
        groups
          .filter((g) => countOf(g, q.overdue) > 0 && matches(g, q, null))
          .map((g) => (sort.kindArms ? `${g.status}\u0000${g.kind}` : g.status)),
      ),
    ].sort();
    if (armKeys.length === 0) {
      return {
        text: 'SELECT seq FROM orders WHERE 0 LIMIT ? OFFSET ?',
        params: [q.limit, q.offset],
      };
    }
    const select = ['seq', ...sort.columns.filter((c) => c !== 'seq')].join(', ');
    const arms = armKeys.flatMap((key) => {
      const [status, kind] = key.split('\u0000') as [string, string | undefined];
      const armFilters = {
        ...q,
        statuses: undefined,
        ...(kind === undefined ? {} : { kind: undefined }),
      };
      const where = filterSql(armFilters, now, '', status);
      const probe =
        match === null ? '' : ' AND seq IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?)';
      const constants: Cursor = kind === undefined ? { status } : { status, kind };
      const ranges =
        cursor === null ? [{ text: '', params: [] }] : keysetArm(keys, dir, cursor, constants);
      return ranges.map((range) => ({
        text: `SELECT ${select} FROM orders INDEXED BY ${sort.index} WHERE status = ?${kind === undefined ? '' : ' AND kind = ?'}${range.text}${where.text}${probe}`,
        params: [
          status,
          ...(kind === undefined ? [] : [kind]),
          ...range.params,
          ...where.params,
          ...(match === null ? [] : [match]),
        ],
      }));
    });
    if (arms.length === 0) {
      return {
        text: 'SELECT seq FROM orders WHERE 0 LIMIT ? OFFSET ?',
        params: [q.limit, q.offset],
      };
    }
    return {
      text: `${arms.map((a) => a.text).join(' UNION ALL ')} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
      params: [...arms.flatMap((a) => a.params), q.limit, q.offset],
    };
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
   * Facet groups with their counts, remembered for the few latest (search, clock, data version)
   * keys: the pages of one view and its chips share `now`, so only the first of them pays for
   * counting overdue orders or search hits (an index range over every match). Any write through
   * this connection (total_changes) or a commit by another (data_version) is a new key.
   */
  private groups(f: Filters, now: number, match: string | null, withOverdue: boolean): Group[] {
    if (f.search !== undefined && match === null) return [];
    if (match === null && !withOverdue) return this.countGroups(null, now, false);
    const version = this.statements
      .get('SELECT total_changes() AS c, data_version AS v FROM pragma_data_version')
      .get() as { c: number; v: number };
    const key = `${version.c}:${version.v}:${now}:${match ?? ''}`;
    const remembered = this.recentGroups.get(key);
    if (remembered) return remembered;
    const groups = this.countGroups(match, now, true);
    this.recentGroups.set(key, groups);
    if (this.recentGroups.size > 8) {
      const oldest = this.recentGroups.keys().next().value;
      if (oldest !== undefined) this.recentGroups.delete(oldest);
    }
    return groups;
  }

  private countGroups(match: string | null, now: number, withOverdue: boolean): Group[] {
    if (match !== null) {
      return this.statements
        .get(
          `SELECT o.kind, o.status, o.account_id, COALESCE(o.package_id, '') AS package_id, count(*) AS n,
            sum(o.status IN (${OPEN_SQL}) AND o.due_at < ?) AS overdue
          FROM orders_fts CROSS JOIN orders AS o ON o.seq = orders_fts.rowid
          WHERE orders_fts MATCH ? GROUP BY 1, 2, 3, 4`,
        )
        .all(now, match) as Group[];
    }
    const counted = this.statements
      .get('SELECT kind, status, account_id, package_id, n, 0 AS overdue FROM order_counts')
      .all() as Group[];
    if (!withOverdue) return counted;
    const overdue = this.statements
      .get(
        `SELECT kind, status, account_id, COALESCE(package_id, '') AS package_id, count(*) AS n
          FROM orders INDEXED BY orders_q_due WHERE status IN (${OPEN_SQL}) AND due_at < ?
          GROUP BY 1, 2, 3, 4`,
      )
      .all(now) as Omit<Group, 'overdue'>[];
    const key = (g: Omit<Group, 'n' | 'overdue'>) =>
      `${g.kind}\u001f${g.status}\u001f${g.account_id}\u001f${g.package_id}`;
    const byKey = new Map(counted.map((g) => [key(g), g]));
    for (const o of overdue) {
      const g = byKey.get(key(o));
      if (g) g.overdue = o.n;
    }
    return counted;
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

type Dimension = 'kind' | 'statuses' | 'accountIds' | 'packageIds' | 'overdue';

/** Whether a group passes every filter except `skip` (the facet being counted). */
function matches(g: Group, f: Filters, skip: Dimension | null): boolean {
  if (skip !== 'kind' && f.kind !== undefined && g.kind !== f.kind) return false;
  if (
    skip !== 'statuses' &&
    nonEmpty(f.statuses) &&
    !(f.statuses as readonly string[]).includes(g.status)
  )
    return false;
  if (skip !== 'accountIds' && nonEmpty(f.accountIds) && !f.accountIds.includes(g.account_id))
    return false;
  if (skip !== 'packageIds' && nonEmpty(f.packageIds) && !f.packageIds.includes(g.package_id))
    return false;
  return true;
}

function countOf(g: Group, overdue: boolean | undefined): number {
  if (overdue === true) return g.overdue;
  if (overdue === false) return g.n - g.overdue;
  return g.n;
}

function sumGroups(groups: Group[], f: Filters, skip: Dimension | null): number {
  let total = 0;
  for (const g of groups) if (matches(g, f, skip)) total += countOf(g, f.overdue);
  return total;
}

/**
 * The filters as ` AND …` terms. With `armStatus`, the statuses filter is the arm's equality and
 * overdue only constrains open arms (a closed order is never overdue).
 */
function filterSql(f: Filters, now: number, alias: string, armStatus?: string): Sql {
  const terms: string[] = [];
  const params: unknown[] = [];
  if (f.kind !== undefined) {
    terms.push(`${alias}kind = ?`);
    params.push(f.kind);
  }
  if (nonEmpty(f.statuses)) {
    terms.push(`${alias}status IN (${placeholders(f.statuses.length)})`);
    params.push(...f.statuses);
  }
  if (nonEmpty(f.accountIds)) {
    terms.push(`${alias}account_id IN (${placeholders(f.accountIds.length)})`);
    params.push(...f.accountIds);
  }
  if (nonEmpty(f.packageIds)) {
    terms.push(`${alias}package_id IN (${placeholders(f.packageIds.length)})`);
    params.push(...f.packageIds);
  }
  if (f.overdue !== undefined) {
    if (armStatus !== undefined) {
      // Arms are only built for statuses that can match, so a closed arm here means overdue=false.
      if (isOpenStatus(armStatus)) {
        terms.push(f.overdue ? 'due_at < ?' : 'due_at >= ?');
        params.push(now);
      }
    } else {
      const overdue = `(${alias}status IN (${OPEN_SQL}) AND ${alias}due_at < ?)`;
      terms.push(f.overdue ? overdue : `NOT ${overdue}`);
      params.push(now);
    }
  }
  return { text: terms.map((t) => ` AND ${t}`).join(''), params };
}

/** SQLite's order for sort keys: NULL first, then numbers and strings by binary compare. */
function compareKeys(a: string | number | null | undefined, b: string | number | null | undefined) {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return a < b ? -1 : 1;
}

function rowValue(columns: readonly string[], op: string, cursor: Cursor): Sql {
  const params = columns.map((c) => cursor[c]);
  if (columns.length === 1) return { text: `${columns[0]} ${op} ?`, params };
  return {
    text: `(${columns.join(', ')}) ${op} (${placeholders(columns.length)})`,
    params,
  };
}

/**
 * The keyset range of one index arm, as ` AND …` ranges (one per sub-arm; none when the whole arm
 * sorts before the cursor). Arm constants (its status, its kind) that lead the sort decide whole
 * arms; the remaining keys become one row-value range that the arm's index seeks to. A nullable
 * leading key splits the arm into its NULL and non-NULL parts, so each stays an index range.
 */
function keysetArm(
  keys: readonly string[],
  dir: 'ASC' | 'DESC',
  cursor: Cursor,
  constants: Cursor,
): Sql[] {
  const sign = dir === 'ASC' ? 1 : -1;
  let i = 0;
  for (; i < keys.length && keys[i]! in constants; i++) {
    const c = sign * compareKeys(constants[keys[i]!], cursor[keys[i]!]);
    if (c > 0) return [{ text: '', params: [] }];
    if (c < 0) return [];
  }
  const rest = keys.slice(i);
  const op = dir === 'ASC' ? '>' : '<';
  const first = rest[0]!;
  const and = (sql: Sql): Sql => ({ text: ` AND ${sql.text}`, params: sql.params });
  if (!NULLABLE.has(first)) return [and(rowValue(rest, op, cursor))];
  const nullPart = (): Sql => {
    const tail = rowValue(rest.slice(1), op, cursor);
    return { text: ` AND ${first} IS NULL AND ${tail.text}`, params: tail.params };
  };
  if (cursor[first] === null) {
    return dir === 'ASC'
      ? [nullPart(), { text: ` AND ${first} IS NOT NULL`, params: [] }]
      : [nullPart()];
  }
  // A non-NULL cursor: the row-value compare leaves NULL keys out, which is right ascending
  // (they came first) and needs their own sub-arm descending (they come last).
  const range = and(rowValue(rest, op, cursor));
  return dir === 'ASC' ? [range] : [range, { text: ` AND ${first} IS NULL`, params: [] }];
}

/** The keyset condition as one boolean expression, for plans that sort their (few) rows. */
function keysetAfter(
  keys: readonly string[],
  dir: 'ASC' | 'DESC',
  cursor: Cursor,
  alias: string,
): Sql {
  const alternatives: string[] = [];
  const params: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = cursor[key];
    let beyond: string;
    const beyondParams: unknown[] = [];
    if (dir === 'ASC') {
      if (value === null) beyond = `${alias}${key} IS NOT NULL`;
      else {
        beyond = `${alias}${key} > ?`;
        beyondParams.push(value);
      }
    } else if (value === null) {
      continue;
    } else {
      beyond = `(${alias}${key} < ? OR ${alias}${key} IS NULL)`;
      beyondParams.push(value);
    }
    const equal = keys.slice(0, i).map((k) => `${alias}${k} IS ?`);
    alternatives.push(`(${[...equal, beyond].join(' AND ')})`);
    params.push(...keys.slice(0, i).map((k) => cursor[k]), ...beyondParams);
  }
  return { text: alternatives.length === 0 ? '0' : `(${alternatives.join(' OR ')})`, params };
}
