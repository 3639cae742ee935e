import type { CommandInput, QueuePage, QueueRow } from '../../../../src-shared/contract';
import { deskNow } from '../../lib/desk-clock';
import { PageCache, pagesForRange } from './page-cache';

/** What the queue asks main for, minus the paging and the clock (the window adds those). */
export type QueueQuery = Omit<CommandInput<'orders:list'>, 'offset' | 'limit' | 'now' | 'after'>;
export type FetchPage = (input: CommandInput<'orders:list'>) => Promise<QueuePage>;

/** How a row is identified across refetches: its position can change, its key cannot. */
export function orderKey(row: { accountId: string; id: string }): string {
  return `${row.accountId}\u001f${row.id}`;
}

/** The order an `orderKey` names. */
export function orderOfKey(key: string): { accountId: string; orderId: string } {
  const at = key.indexOf('\u001f');
  return { accountId: key.slice(0, at), orderId: key.slice(at + 1) };
}

export function queryKey(query: QueueQuery): string {
  return JSON.stringify(query);
}

export interface WindowSnapshot {
  /** Bumped whenever the rows on screen may have changed. */
  version: number;
  /** Rows matching the current query; null until the first page of the first query arrived. */
  total: number | null;
  /** The query whose rows are displayed (not necessarily the one being fetched). */
  queryKey: string | null;
  /** The clock the displayed rows were computed against (their `overdue` flags). */
  now: string | null;
  /**
   * The clock of the rows being fetched, else of those shown: reads that go with these rows (the
   * chip counts) send it too, so main counts the view once.
   */
  fetchNow: string | null;
  /** A new query or a refresh is being fetched while the previous rows stay on screen. */
  busy: boolean;
  /** Why the rows last changed: a refresh keeps the row under the cursor in place. */
  lastChange: 'query' | 'refresh' | 'page' | null;
  error: string | null;
}

/**
 * One set of rows computed against one clock. Pages of one view always agree with each other,
 * because they share `now` and are replaced together when the data changes.
 */
interface View {
  query: QueueQuery;
  key: string;
  now: string;
  epoch: number;
  /** Date.now() when it was asked for. */
  requestedAt: number;
  pages: PageCache<QueueRow[]>;
  total: number | null;
}

interface Pending {
  view: View;
  reason: 'query' | 'refresh';
  wanted: number[];
}

export interface QueueWindowOptions {
  pageSize?: number;
  /** Pages kept; a page is 100 rows of a few hundred bytes each. */
  capacity?: number;
  /** `fresh`: a refresh after the data changed, which must not reuse an earlier instant. */
  clock?: (fresh: boolean) => Date;
  errorMessage?: (error: unknown) => string;
}

/**
 * The renderer's window onto the queue. Sorting, filtering, search and paging happen in main (SQL);
 * this fetches the pages that cover the visible rows and keeps a few in an LRU.
 *
 * - A new query is fetched while the previous rows stay on screen (no flash of skeletons), then
 *   swapped in at once.
 * - A refresh (the data changed) refetches the pages around the visible range with a fresh clock
 *   and replaces all pages together, so rows from before and after the change never mix.
 * - Responses that arrive for a superseded query or clock are dropped.
 */
export class QueueWindow {
  readonly pageSize: number;
  private readonly capacity: number;
  private readonly clock: (fresh: boolean) => Date;
  private readonly describeError: (error: unknown) => string;
  private displayed: View | null = null;
  private pending: Pending | null = null;
  private refreshAgain = false;
  private epochs = 0;
  private inFlight = new Set<string>();
  private range: [number, number] = [0, 0];
  private listeners = new Set<() => void>();
  private snap: WindowSnapshot = {
    version: 0,
    total: null,
    queryKey: null,
    now: null,
    fetchNow: null,
    busy: false,
    lastChange: null,
    error: null,
  };

  constructor(
    private readonly fetchPage: FetchPage,
    options: QueueWindowOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 100;
    this.capacity = options.capacity ?? 12;
    this.clock = options.clock ?? ((fresh) => deskNow({ fresh }));
    this.describeError =
      options.errorMessage ?? ((e) => (e instanceof Error ? e.message : String(e)));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): WindowSnapshot => this.snap;

  /** The query being shown or fetched. */
  get currentKey(): string | null {
    return this.pending?.reason === 'query' ? this.pending.view.key : (this.displayed?.key ?? null);
  }

  /** Show a different query. A no-op for the query already shown or on its way. */
  setQuery(query: QueueQuery, firstRows?: number): void {
    const key = queryKey(query);
    if (key === this.currentKey) return;
    const visible = Math.max(1, firstRows ?? this.range[1] - this.range[0] + 1);
    this.range = [0, visible - 1];
    this.startPending(query, 'query', pagesForRange(0, visible - 1, this.pageSize, null));
  }

  /** The rows on screen changed (scrolling): fetch the pages that are missing. */
  ensureRange(first: number, last: number): void {
    this.range = [Math.max(0, first), Math.max(first, last)];
    const view = this.displayed;
    if (!view) return;
    for (const page of pagesForRange(first, last, this.pageSize, view.total)) {
      if (view.pages.get(page) === undefined) this.fetchInto(view, page);
    }
  }

  /**
   * The data changed in main: refetch what is on screen, then swap it in at once.
   * `ifOlderThanMs`: only when the rows on screen were asked for longer ago than that (coming back
   * to a screen whose rows have just been fetched has nothing to catch up on).
   * `ifRequestedBefore` (Date.now() time): only when the rows shown or on their way were asked for
   * before then (the event stream opened after the first page was asked for: a change in between
   * was not announced).
   */
  refresh(options: { ifOlderThanMs?: number; ifRequestedBefore?: number } = {}): void {
    const { ifOlderThanMs, ifRequestedBefore } = options;
    const latest = this.pending?.view ?? this.displayed;
    if (!latest) return;
    if (ifRequestedBefore !== undefined && latest.requestedAt >= ifRequestedBefore) return;
    if (ifOlderThanMs !== undefined && Date.now() - latest.requestedAt < ifOlderThanMs) return;
    if (this.pending) {
      // Let the one in flight finish, then look again: main may have answered it before the change.
      this.refreshAgain = true;
      return;
    }
    if (!this.displayed) return;
    const [first, last] = this.range;
    this.startPending(
      this.displayed.query,
      'refresh',
      pagesForRange(first, last, this.pageSize, this.displayed.total),
    );
  }

  /** Fetch again after an error, keeping whatever is on screen. */
  retry(): void {
    this.set({ error: null });
    if (this.pending) {
      const { view, reason } = this.pending;
      this.startPending(view.query, reason, this.pending.wanted);
    } else if (this.displayed) {
      this.ensureRange(...this.range);
    }
  }

  rowAt(index: number): QueueRow | undefined {
    const view = this.displayed;
    if (!view || index < 0) return undefined;
    const page = view.pages.peek(Math.floor(index / this.pageSize));
    return page?.[index % this.pageSize];
  }

  /** Where a row is among the loaded pages, or -1 when it is not loaded (or gone). */
  indexOf(key: string): number {
    const view = this.displayed;
    if (!view) return -1;
    for (const [page, rows] of view.pages.entries()) {
      const i = rows.findIndex((r) => orderKey(r) === key);
      if (i >= 0) return page * this.pageSize + i;
    }
    return -1;
  }

  private startPending(query: QueueQuery, reason: 'query' | 'refresh', wanted: number[]): void {
    const view: View = {
      query,
      key: queryKey(query),
      // A new query may reuse a recent instant (main has counted against it already); a refresh
      // exists because the data changed, so it takes a new one.
      now: this.clock(reason === 'refresh').toISOString(),
      epoch: ++this.epochs,
      requestedAt: Date.now(),
      pages: new PageCache(this.capacity),
      total: null,
    };
    const pages = wanted.length > 0 ? wanted : [0];
    this.pending = { view, reason, wanted: pages };
    this.refreshAgain = false;
    this.set({ busy: true, fetchNow: view.now });
    for (const page of pages) this.fetchInto(view, page);
  }

  /**
   * Scrolling asks for the page after one already loaded in the same view: it continues after that
   * page's last row (keyset: the same cost at any depth). A jump (scrollbar drag) has no loaded
   * neighbour and goes by offset. If main cannot continue after the row (it left the cache since),
   * the same page is asked for by offset instead: the cursor is an optimisation, never an error.
   */
  private fetchInto(view: View, page: number): void {
    const flightKey = `${view.epoch}:${page}`;
    if (this.inFlight.has(flightKey)) return;
    this.inFlight.add(flightKey);
    const base = { ...view.query, now: view.now, limit: this.pageSize };
    const byOffset = () => this.fetchPage({ ...base, offset: page * this.pageSize });
    const cursor = this.cursorBefore(view, page);
    const request = cursor
      ? this.fetchPage({ ...base, offset: 0, after: cursor }).catch(byOffset)
      : byOffset();
    request.then(
      (result) => {
        this.inFlight.delete(flightKey);
        this.landed(view, page, result);
      },
      (error: unknown) => {
        this.inFlight.delete(flightKey);
        if (view !== this.displayed && view !== this.pending?.view) return;
        this.set({ error: this.describeError(error), busy: false });
      },
    );
  }

  /** The last row of the page before `page`, when that page is loaded in full in this view. */
  private cursorBefore(view: View, page: number): { accountId: string; id: string } | null {
    if (page === 0) return null;
    const previous = view.pages.peek(page - 1);
    if (previous?.length !== this.pageSize) return null;
    const last = previous[previous.length - 1];
    return last ? { accountId: last.accountId, id: last.id } : null;
  }

  private landed(view: View, page: number, result: QueuePage): void {
    if (view === this.displayed) {
      view.pages.set(page, result.rows);
      view.total = result.total;
      this.set({ total: result.total, lastChange: 'page', error: null }, true);
      return;
    }
    const pending = this.pending;
    if (!pending || view !== pending.view) return; // superseded
    view.pages.set(page, result.rows);
    view.total = result.total;
    const complete = pending.wanted.every(
      (p) => view.pages.has(p) || p * this.pageSize >= (view.total ?? 0),
    );
    if (!complete) return;
    this.displayed = view;
    this.pending = null;
    this.set(
      {
        total: view.total,
        queryKey: view.key,
        now: view.now,
        fetchNow: view.now,
        busy: false,
        lastChange: pending.reason,
        error: null,
      },
      true,
    );
    // Fill the rest of the visible range under the new view.
    this.ensureRange(...this.range);
    if (this.refreshAgain) {
      this.refreshAgain = false;
      this.refresh();
    }
  }

  private set(patch: Partial<WindowSnapshot>, rowsChanged = false): void {
    this.snap = { ...this.snap, ...patch, version: this.snap.version + (rowsChanged ? 1 : 0) };
    for (const l of this.listeners) l();
  }
}
