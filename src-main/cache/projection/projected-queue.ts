import type { SqliteDatabase } from '../../infra/db/open-database';
import type { ParsedQueueQuery } from '../queue-query';
import type { StatementCache } from '../statement-cache';
import type { DataVersion } from '../repositories/data-version';
import type { Group } from '../repositories/queue-filters';
import type { ProjectionBuilder } from './projection-builder';
import type { ProjectionRequest } from './projection-data';
import { QueueProjection, type ProjectedView } from './queue-projection';

/**
 * A search's hits: the rowids (order seqs) `orders_fts` matches, as one JSON text instead of a row
 * per hit (measured ~15% faster at 20k-100k hits).
 */
export const SEARCH_HITS_SQL =
  'SELECT json_group_array(rowid) FROM orders_fts WHERE orders_fts MATCH ?';

/**
 * The queue's use of its in-memory projection (see QueueProjection): which projection is current,
 * when to build the next, and what the pages of a view share (a search's hits, a view's rows).
 *
 * Builds run one at a time, asked for by the queries that gain most from one (a search, a
 * scrollbar jump) when the data changed since the last one; any query uses a current one. Until a
 * projection of the current data arrives, every query runs in SQL as it would without one: the
 * queue never waits for a build.
 */
export class ProjectedQueue {
  private builder: ProjectionBuilder | null = null;
  /** The latest projection built; used only while its version is current (see current()). */
  private projection: QueueProjection | null = null;
  /** The build in flight, if any. */
  private building: Promise<void> | null = null;
  /** Positions of a search's hits, per `version \0 match` (a few recent keystrokes). */
  private readonly hits = new Map<string, Int32Array>();
  /** A view's rows in its sort's order, per view key (the pages of a view). */
  private readonly views = new Map<string, ProjectedView>();
  /** The groups last counted: a view's page and its chips count them once. */
  private lastGroups: { hits: Int32Array; now: number; groups: Group[] } | null = null;
  /** No build is asked for before this time (ms) after one failed; see build(). */
  private retryAt = 0;
  /** Why the last build failed, if it did (for diagnostics; queries went on in SQL). */
  lastError: Error | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly statements: StatementCache,
    private readonly version: DataVersion,
    /** Every order's seq in each sort's order, as the queue's SQL pages have them. */
    private readonly request: () => ProjectionRequest,
  ) {}

  use(builder: ProjectionBuilder): void {
    this.builder = builder;
  }

  /**
   * The projection of the data as the connection sees it now, or null: none was built yet, the
   * data changed since, or a transaction is open (its uncommitted writes are in no projection).
   * With `build`, a missing one is asked for (for the next queries).
   */
  current(build: boolean): QueueProjection | null {
    if (this.builder === null || this.db.inTransaction) return null;
    if (this.projection !== null && this.projection.version === this.version.current()) {
      return this.projection;
    }
    if (build && this.building === null && Date.now() >= this.retryAt) void this.build();
    return null;
  }

  /**
   * Resolves once a projection of the current data is in place (true), building one if needed, or
   * false when none can be (no builder, a transaction is open, or writes kept outdating builds).
   * For benchmarks and tests; queries never wait for a build.
   */
  async ready(): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      if (this.builder === null || this.db.inTransaction) return false;
      if (this.projection?.version === this.version.current()) return true;
      await (this.building ?? this.build());
    }
    return this.projection?.version === this.version.current();
  }

  async close(): Promise<void> {
    const builder = this.builder;
    this.builder = null;
    this.projection = null;
    this.forget();
    await builder?.close();
  }

  /** Forgets the views pages share, so the next page is cold (benchmarks and tests). */
  forgetViews(): void {
    this.views.clear();
  }

  /** A search's facet groups at `now`. */
  groups(projection: QueueProjection, match: string, now: number): Group[] {
    const hits = this.hitsOf(projection, match);
    const last = this.lastGroups;
    if (last?.hits === hits && last.now === now) return last.groups;
    const groups = projection.countGroups(hits, now);
    this.lastGroups = { hits, now, groups };
    return groups;
  }

  /**
   * The seqs of a page of the view `viewKey` (a search's hits, or every order when `match` is
   * null, passing q's filters, in q's sort), continuing after the order `afterSeq` when given; null
   * when the projection does not hold that order (SQL answers instead).
   */
  page(
    projection: QueueProjection,
    q: ParsedQueueQuery,
    now: number,
    match: string | null,
    afterSeq: number | null,
    viewKey: string,
  ): number[] | null {
    const column = q.sort.column;
    const after = afterSeq === null ? null : projection.rankOf(column, afterSeq);
    if (after !== null && after < 0) return null;
    let view = this.views.get(viewKey);
    if (view === undefined) {
      const rows = match === null ? null : this.hitsOf(projection, match);
      view = projection.view(rows, column, q, now);
      remember(this.views, viewKey, view, 4);
    }
    return view
      .page(q.sort.direction, after, q.offset, q.limit)
      .map((rank) => projection.seqAt(column, rank));
  }

  /**
   * The positions of the orders `match` (an FTS5 query) finds: from the projection's term list
   * when it can answer, else from FTS5 (the hits of the data the projection is of: it is current).
   */
  private hitsOf(projection: QueueProjection, match: string): Int32Array {
    const key = `${projection.version}\u0000${match}`;
    let hits = this.hits.get(key);
    if (hits === undefined) {
      hits = projection.searchPositions(match) ?? this.ftsHits(projection, match);
      remember(this.hits, key, hits, 8);
    }
    return hits;
  }

  private ftsHits(projection: QueueProjection, match: string): Int32Array {
    const json = this.statements.get(SEARCH_HITS_SQL).pluck().get(match) as string;
    return projection.positionsOfJson(json);
  }

  /**
   * Asks the builder for a projection of the data at the current version. The build reads a
   * snapshot taken after this call, so at least as new; it is kept only if the version is still
   * the same when it arrives: then nothing was committed in between, and the snapshot is exactly
   * this version's.
   */
  private build(): Promise<void> {
    const builder = this.builder;
    if (builder === null) return Promise.resolve();
    const version = this.version.current();
    const build = builder
      .build(this.request())
      .then((data) => {
        if (this.builder !== builder || !this.db.open || this.db.inTransaction) return;
        if (this.version.current() !== version) return;
        this.projection = new QueueProjection(version, data);
        this.lastError = null;
        this.forget();
      })
      // A failed build leaves queries on SQL. The next ask waits a while: a worker that cannot
      // start or read would otherwise be started again by every keystroke.
      .catch((error: unknown) => {
        this.lastError = error instanceof Error ? error : new Error(String(error));
        this.retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
      })
      .finally(() => {
        this.building = null;
      });
    this.building = build;
    return build;
  }

  private forget(): void {
    this.hits.clear();
    this.views.clear();
    this.lastGroups = null;
  }
}

/** How long after a failed build the next is asked for. */
const RETRY_AFTER_FAILURE_MS = 30_000;

/** Keeps `value` under `key` as the most recent of at most `capacity` entries. */
function remember<T>(map: Map<string, T>, key: string, value: T, capacity: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > capacity) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}
