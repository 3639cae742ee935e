import { OPEN_STATUSES } from './records';

/**
 * What the queue's filters and search mean, as pure functions over one order. Main answers the
 * same questions in SQL (src-main/cache/repositories/queue-repository.ts); its tests compare the
 * two, and the renderer's fake desk filters with these functions, so that the meaning lives here.
 */

/** The parts of an order the queue's filters look at. */
export interface FilterableOrder {
  kind: string;
  status: string;
  accountId: string;
  packageId: string | null;
  /** A static-package account's order that resolves to no package (see OrderSummary.unmapped). */
  unmapped?: boolean;
  /** Epoch milliseconds. */
  dueAt: number;
  /** The order's searched text, one entry per field (see SEARCHED_FIELDS). */
  searchText: readonly (string | null)[];
  /** Who holds the order's live (unexpired) claim, by coordinator id; null: nobody. */
  claimedBy?: string | null;
}

/** The filters as the contract parses them (an empty list is no filter). */
export interface QueueFilterValues {
  kind?: string | undefined;
  statuses?: readonly string[] | undefined;
  accountIds?: readonly string[] | undefined;
  packageIds?: readonly string[] | undefined;
  overdue?: boolean | undefined;
  unmapped?: boolean | undefined;
  /** Already past searchToRun: undefined is no search. */
  search?: string | undefined;
  /** Team mode: only orders `me` holds a live claim on, or only orders nobody holds one on. */
  claim?: QueueClaimFilter | undefined;
  /** The coordinator id "mine" means; without one, "mine" matches nothing. */
  me?: string | undefined;
}

export const QUEUE_CLAIM_FILTERS = ['mine', 'unclaimed'] as const;
export type QueueClaimFilter = (typeof QUEUE_CLAIM_FILTERS)[number];

/** A claim counts while it has not expired; an expired one is the same as none. */
export function matchesClaimFilter(
  claimedBy: string | null,
  claim: QueueClaimFilter | undefined,
  me: string | undefined,
): boolean {
  if (claim === undefined) return true;
  if (claim === 'unclaimed') return claimedBy === null;
  return me !== undefined && claimedBy === me;
}

export type QueueFilterDimension = 'kind' | 'statuses' | 'accountIds' | 'packageIds' | 'overdue';

/** The order fields a search looks in, in the search index's column order. */
export const SEARCHED_FIELDS = [
  'id',
  'remote_id',
  'candidate_name',
  'candidate_email',
  'job_title',
  'job_code',
  'package_name',
] as const;

export function isOpenStatus(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** Only open orders can be overdue: due before `now` (epoch ms). */
export function isOverdue(status: string, dueAt: number, now: number): boolean {
  return isOpenStatus(status) && dueAt < now;
}

/**
 * A search word this long or longer matches anywhere inside a field (a trigram index finds it);
 * a shorter one matches the start of a word of a field (a prefix index finds it), since a
 * trigram index cannot look up fewer than three characters.
 */
export const INFIX_MIN_LENGTH = 3;

/** The most words of a search that are used; the rest are ignored. */
export const MAX_SEARCH_WORDS = 8;

/** Case- and accent-insensitive form of a text, as the search indexes fold it. */
export function foldText(text: string): string {
  // Recomposed once the marks are gone, so that a Hangul syllable stays one character.
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase();
}

/**
 * The words of a search: split at whitespace and control characters (a NUL or a line break is a
 * separator, never part of a word), NFC-normalized; words with no letter or digit are dropped
 * (they would match everything). Quotes, `*`, parentheses and operator words (AND, OR, NEAR) are
 * plain text.
 */
export function searchWords(search: string): {
  words: string[];
  infix: string[];
  prefix: string[];
} {
  const words = search
    .normalize('NFC')
    .split(/[\s\p{Cc}]+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, MAX_SEARCH_WORDS);
  const infix = words.filter((w) => [...foldText(w)].length >= INFIX_MIN_LENGTH);
  const prefix = words.filter((w) => [...foldText(w)].length < INFIX_MIN_LENGTH);
  return { words, infix, prefix };
}

const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** Whether an order's searched text has every word of the search (see INFIX_MIN_LENGTH). */
export function matchesSearch(searchText: readonly (string | null)[], search: string): boolean {
  const { infix, prefix } = searchWords(search);
  if (infix.length === 0 && prefix.length === 0) return false;
  const fields = searchText.filter((t): t is string => t !== null).map(foldText);
  const words = fields.flatMap((f) => f.split(NOT_WORD));
  return (
    infix.every((w) => fields.some((f) => f.includes(foldText(w)))) &&
    prefix.every((w) => {
      const start = foldText(w).replace(new RegExp(NOT_WORD, 'gu'), '');
      return words.some((word) => word.startsWith(start));
    })
  );
}

function has(list: readonly string[] | undefined, value: string): boolean {
  return list === undefined || list.length === 0 || list.includes(value);
}

/**
 * Whether an order passes every filter except `skip` (the chip dimension being counted). `now`
 * is the clock "overdue" is measured against (epoch ms).
 */
export function matchesQueueFilters(
  order: FilterableOrder,
  filters: QueueFilterValues,
  now: number,
  skip: QueueFilterDimension | null = null,
): boolean {
  return (
    (skip === 'kind' || filters.kind === undefined || order.kind === filters.kind) &&
    (skip === 'statuses' || has(filters.statuses, order.status)) &&
    (skip === 'accountIds' || has(filters.accountIds, order.accountId)) &&
    (skip === 'packageIds' || has(filters.packageIds, order.packageId ?? '')) &&
    (skip === 'overdue' ||
      filters.overdue === undefined ||
      filters.overdue === isOverdue(order.status, order.dueAt, now)) &&
    (filters.unmapped === undefined || filters.unmapped === (order.unmapped ?? false)) &&
    (filters.search === undefined || matchesSearch(order.searchText, filters.search)) &&
    matchesClaimFilter(order.claimedBy ?? null, filters.claim, filters.me)
  );
}
