import { z } from 'zod';
import { DUE_WINDOWS, QUEUE_CLAIM_FILTERS } from './queue-filter';
import { OrderKindSchema, OrderStatusSchema, QueueRowSchema } from './records';

export const QUEUE_SORT_COLUMNS = [
  'due_at',
  'received_at',
  'kind',
  'candidate',
  'job',
  'package',
  'customer',
  'status',
] as const;
export const QueueSortColumnSchema = z.enum(QUEUE_SORT_COLUMNS);
export type QueueSortColumn = z.infer<typeof QueueSortColumnSchema>;

/**
 * The shortest search that is run, in characters once trimmed. One letter matches most of the
 * queue (every order reference starts with the same letters; 70-100% of 100k orders in
 * bench:queries) and loading that many hits costs tens of ms per keystroke; a shorter search
 * means "no search yet", and the queue's search box says what is needed.
 *
 * Except in scripts where one character is a word or a name: a Chinese or Korean surname is often
 * one character (陈, 김), and such a search is as narrow as a two-letter one elsewhere.
 */
export const MIN_SEARCH_LENGTH = 2;

const ONE_CHARACTER_WORD =
  /^[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]$/u;

/** The search a query runs: the trimmed text, or undefined while too short (MIN_SEARCH_LENGTH). */
export function searchToRun(search: string | undefined): string | undefined {
  const text = search?.trim();
  if (text === undefined || text === '') return undefined;
  const length = [...text].length;
  return length >= MIN_SEARCH_LENGTH || (length === 1 && ONE_CHARACTER_WORD.test(text))
    ? text
    : undefined;
}

/**
 * The queue's filters. An empty list means "no filter", the same as leaving the field out. Sorting,
 * filtering, search and paging all happen in SQL in main; the renderer only holds a window of rows.
 */
export const queueFilterShape = {
  kind: OrderKindSchema.optional(),
  statuses: z.array(OrderStatusSchema).max(20).optional(),
  accountIds: z.array(z.string().min(1)).max(500).optional(),
  packageIds: z.array(z.string().min(1)).max(500).optional(),
  /** true: only open orders past due; false: everything else. */
  overdue: z.boolean().optional(),
  /** true: only orders of static-package accounts that resolve to no package; false: the others. */
  unmapped: z.boolean().optional(),
  /** 'today' or 'soon': open orders not yet overdue, due before the window ends (dueWindowEnd). */
  dueWithin: z.enum(DUE_WINDOWS).optional(),
  /** Run only from MIN_SEARCH_LENGTH characters on (searchToRun); shorter is no search. */
  search: z.string().max(200).optional().transform(searchToRun),
  /** Team mode: 'mine' (my live claims) or 'unclaimed' (no live claim); see queue-filter.ts. */
  claim: z.enum(QUEUE_CLAIM_FILTERS).optional(),
  /** The instant "overdue" is measured against: the caller's clock, so that all pages agree. */
  now: z.iso.datetime({ offset: true }),
};

export const QueueSortSchema = z.strictObject({
  column: QueueSortColumnSchema,
  direction: z.enum(['asc', 'desc']),
});

export const queueQueryShape = {
  ...queueFilterShape,
  sort: QueueSortSchema.default({ column: 'due_at', direction: 'asc' }),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
  /**
   * Keyset paging for scrolling: the page starts right after this order (the last row of the
   * previous page) in the requested sort, then skips `offset` more. Costs the same at any depth,
   * where a large offset walks every row before it; keep offset for jumps.
   */
  after: z.strictObject({ accountId: z.string().min(1), id: z.string().min(1) }).optional(),
};

/**
 * A search's counts stop at this many orders. A search that matches most of the queue (every
 * order reference starts with the same letters) would read every hit to count them all; counted
 * up to the cap, it reads a few thousand at most. Past the cap a page's `total` is the cap and
 * `capped` is set: the queue lists the first SEARCH_COUNT_CAP rows of such a search (a search is
 * for finding orders: one that matches more is narrowed, not scrolled), and its chips list their
 * values without counts. Up to the cap, counts are exact.
 */
export const SEARCH_COUNT_CAP = 1000;

export const QueuePageSchema = z.object({
  rows: z.array(QueueRowSchema),
  total: z.number().int(),
  /** More than SEARCH_COUNT_CAP orders match the search: `total` is the cap. */
  capped: z.boolean().optional(),
});
export type QueuePage = z.infer<typeof QueuePageSchema>;

export const QueueFacetSchema = z.object({
  value: z.string(),
  label: z.string().nullable(),
  /** Null when the counts are capped. */
  count: z.number().int().nullable(),
});
export const QueueFacetCountsSchema = z.object({
  total: z.number().int(),
  kinds: z.array(QueueFacetSchema),
  statuses: z.array(QueueFacetSchema),
  accounts: z.array(QueueFacetSchema),
  packages: z.array(QueueFacetSchema),
  /** Null when the counts are capped. */
  overdue: z.number().int().nullable(),
  /**
   * More than SEARCH_COUNT_CAP orders match the search: `total` is the cap, and the chips list the
   * values of the orders without the search, uncounted.
   */
  capped: z.boolean().optional(),
});
export type QueueFacetCounts = z.infer<typeof QueueFacetCountsSchema>;
