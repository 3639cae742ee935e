import { OPEN_STATUSES, isOpenStatus } from '../order-status';
import type { ParsedQueueQuery } from '../queue-query';
import { placeholders, type Sql } from './queue-keyset';

/**
 * The queue's filters as facet-group arithmetic (which counted groups a filter keeps, and how many
 * orders that makes) and as SQL terms. Groups are the rows of order_counts, or of a search's hits,
 * with their overdue part.
 */

/** Orders counted per facet group; `overdue` is the open-and-past-due part of `n`. */
export interface Group {
  kind: string;
  status: string;
  account_id: string;
  package_id: string;
  n: number;
  overdue: number;
}

export type Filters = Omit<ParsedQueueQuery, 'sort' | 'offset' | 'limit' | 'after'>;

export const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

export function nonEmpty<T>(list: readonly T[] | undefined): list is readonly T[] {
  return list !== undefined && list.length > 0;
}

export function groupKey(g: Omit<Group, 'n' | 'overdue'>): string {
  return `${g.kind}\u001f${g.status}\u001f${g.account_id}\u001f${g.package_id}`;
}

export function hasFilters(f: Filters): boolean {
  return (
    f.kind !== undefined ||
    nonEmpty(f.statuses) ||
    nonEmpty(f.accountIds) ||
    nonEmpty(f.packageIds) ||
    f.overdue !== undefined
  );
}

export type Dimension = 'kind' | 'statuses' | 'accountIds' | 'packageIds' | 'overdue';

/** Whether a group passes every filter except `skip` (the facet being counted). */
export function matches(g: Group, f: Filters, skip: Dimension | null): boolean {
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

export function countOf(g: Group, overdue: boolean | undefined): number {
  if (overdue === true) return g.overdue;
  if (overdue === false) return g.n - g.overdue;
  return g.n;
}

export function sumGroups(groups: Group[], f: Filters, skip: Dimension | null): number {
  let total = 0;
  for (const g of groups) if (matches(g, f, skip)) total += countOf(g, f.overdue);
  return total;
}

/**
 * The filters as ` AND …` terms. With `armStatus`, the statuses filter is the arm's equality and
 * overdue only constrains open arms (a closed order is never overdue).
 */
export function filterSql(f: Filters, now: number, alias: string, armStatus?: string): Sql {
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
