import { isOpenStatus } from '../order-status';
import type { QueueSortColumn } from '../queue-query';
import { matches, type Filters, type Group } from '../repositories/queue-filters';
import { ftsQueryWords } from '../fts-query';
import { addPositions, hasPosition, newBitset, ScratchBuffers } from './bitset';
import { SeqPositions, type ProjectionData } from './projection-data';
import { TermIndex, tokenizeWords } from './term-index';

/**
 * The queue's facet and sort columns of every order, held in typed arrays for one data version,
 * so that a search with thousands of hits is counted and paged in memory instead of in SQL.
 *
 * Why: in SQL every hit costs a b-tree probe to read its facets (~0.5 µs at 100k orders), GROUP BY
 * sorts what it counts, and a page in a sort order either walks an index probing the hit table or
 * sorts the hits: a new keystroke of a 20k-hit search cost 35-47 ms. Here a search's hits come
 * from the search index's term list (TermIndex; FTS5 for words it cannot answer), a hit's group
 * is one array read, and a view's order comes from precomputed ranks (sorted as integers, or
 * walked in sort order past a bitmap when the rows are many): the same keystroke is well under a
 * millisecond per 10k hits.
 *
 * The data is read by a build (projection-data.ts) in one snapshot, usually in a worker; the queue
 * uses a projection only while its connection's data version is still the one the build was asked
 * for (see ProjectedQueue), so a projection never answers for data it has not seen.
 */
export class QueueProjection {
  private readonly positions: SeqPositions;
  /** Per group: is its status open (only open orders can be overdue)? */
  private readonly open: Uint8Array;
  /** Per sort column: position → rank in the ascending order; computed on first use. */
  private readonly ranks = new Map<QueueSortColumn, Int32Array>();
  private readonly scratchBuffers = new ScratchBuffers();
  private readonly terms: TermIndex;

  constructor(
    readonly version: string,
    private readonly data: ProjectionData,
  ) {
    this.positions = new SeqPositions(data.seqs);
    this.open = Uint8Array.from(data.groups, (g) => (isOpenStatus(g.status) ? 1 : 0));
    this.terms = new TermIndex(data.terms, data.seqs.length);
  }

  /** How many orders it holds. */
  get size(): number {
    return this.data.seqs.length;
  }

  /**
   * The positions, ascending, of the orders `match` (an FTS5 query from toFtsQuery) finds, read
   * from the projection's term list; null when FTS5 must answer (see TermIndex).
   */
  searchPositions(match: string): Int32Array | null {
    return this.terms.match(ftsQueryWords(match));
  }

  /** Whether searchPositions answers `match` (else FTS5 does). */
  static answersSearch(match: string): boolean {
    return tokenizeWords(ftsQueryWords(match)) !== null;
  }

  /**
   * The positions of the seqs in `json`, a JSON array of non-negative integers (a search's hits,
   * see SEARCH_HITS_SQL), leaving out any it does not hold. Read straight into a typed array:
   * JSON.parse is a little faster but first builds an array of up to 100k numbers, garbage the
   * moment it is read; measured over 960 cold 20k-hit keystrokes, first-page p95 3.4-3.5 ms this
   * way against 3.9-4.4 ms with JSON.parse (fewer old-space collections).
   */
  positionsOfJson(json: string): Int32Array {
    // A JSON array of n integers has at least 2n characters ("[1]" is 3 for 1).
    const out = this.scratch(json.length >> 1);
    let n = 0;
    let seq = -1;
    for (let i = 0; i < json.length; i++) {
      const c = json.charCodeAt(i) - 48;
      if (c >= 0 && c <= 9) {
        seq = seq < 0 ? c : seq * 10 + c;
      } else if (seq >= 0) {
        const p = this.positions.of(seq);
        if (p >= 0) out[n++] = p;
        seq = -1;
      }
    }
    // A copy of the scratch buffer's start: searches are kept.
    return out.slice(0, n);
  }

  /** The facet groups of the orders at `positions`, with their overdue part at `now`. */
  countGroups(positions: Int32Array, now: number): Group[] {
    const { groupOf, dueAt, groups } = this.data;
    const n = new Int32Array(groups.length);
    const overdue = new Int32Array(groups.length);
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i]!;
      const g = groupOf[p]!;
      n[g]! += 1;
      if (this.open[g] === 1 && dueAt[p]! < now) overdue[g]! += 1;
    }
    const counted: Group[] = [];
    for (let g = 0; g < groups.length; g++) {
      if (n[g] === 0) continue;
      counted.push({ ...groups[g]!, n: n[g]!, overdue: overdue[g]! });
    }
    return counted;
  }

  /**
   * The rows of a view: the orders at `positions` (a search's hits), or every order when null,
   * that pass the filters `f` at `now`, in `column`'s order, ready to page.
   */
  view(
    positions: Int32Array | null,
    column: QueueSortColumn,
    f: Filters,
    now: number,
  ): ProjectedView {
    const { groupOf, dueAt, groups } = this.data;
    const pass = Uint8Array.from(groups, (g) =>
      matches({ ...g, n: 0, overdue: 0 }, f, null) ? 1 : 0,
    );
    const order = this.data.orders[column];
    if (positions === null) {
      // Every order: whether one is in the view is a lookup, so a page walks the sort order and
      // checks as it goes; nothing is read ahead (a cold view cost ~1.2 ms marking 79k rows).
      const { open } = this;
      const overdue = f.overdue;
      return new WalkedView(order, (p) => {
        const g = groupOf[p]!;
        if (pass[g] === 0) return false;
        return overdue === undefined || (open[g] === 1 && dueAt[p]! < now) === overdue;
      });
    }
    const overdue = f.overdue;
    const passing = this.scratch(positions.length);
    let n = 0;
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i]!;
      const g = groupOf[p]!;
      if (pass[g] === 0) continue;
      if (overdue !== undefined && (this.open[g] === 1 && dueAt[p]! < now) !== overdue) continue;
      passing[n++] = p;
    }
    if (n * Math.log2(n + 1) > WALK_PER_SORT * this.size) {
      // Many rows: marking them and walking the sort order to the page costs less than sorting
      // them (100k rows: ~0.1 ms against ~6 ms), and a page near either end walks only a little.
      // A bit per position (12.5 KB at 100k orders).
      const marked = newBitset(this.size);
      addPositions(marked, passing, 0, n);
      return new WalkedView(order, (p) => hasPosition(marked, p));
    }
    const rank = this.rank(column);
    const ranks = passing.slice(0, n);
    for (let i = 0; i < n; i++) ranks[i] = rank[ranks[i]!]!;
    return new SortedView(ranks.sort());
  }

  /** The seq of the order at `rank` in `column`'s ascending order. */
  seqAt(column: QueueSortColumn, rank: number): number {
    return this.data.seqs[this.data.orders[column][rank]!]!;
  }

  /** The rank of the order `seq` in `column`'s ascending order, or -1 when it holds no such order. */
  rankOf(column: QueueSortColumn, seq: number): number {
    const p = this.positions.of(seq);
    return p < 0 ? -1 : this.rank(column)[p]!;
  }

  /** A buffer for work that is copied out before the next call (see positionsOfJson). */
  private scratch(length: number): Int32Array {
    return this.scratchBuffers.get(0, length);
  }

  private rank(column: QueueSortColumn): Int32Array {
    let rank = this.ranks.get(column);
    if (rank === undefined) {
      const order = this.data.orders[column];
      rank = new Int32Array(order.length);
      for (let r = 0; r < order.length; r++) rank[order[r]!] = r;
      this.ranks.set(column, rank);
    }
    return rank;
  }
}

/**
 * Sorting m rows' ranks costs about m·log2(m) compares; marking them and walking the sort order
 * costs about one step per order, worth about this many compares (at 100k orders the two cross at
 * ~6k rows).
 */
const WALK_PER_SORT = 0.8;

/**
 * A view's rows in one sort's order. A page is `limit` ranks (in that sort's ascending order)
 * after skipping `offset`, in `direction`, starting after the row of rank `after` when given
 * (that row need not be in the view).
 */
export interface ProjectedView {
  page(direction: 'asc' | 'desc', after: number | null, offset: number, limit: number): number[];
}

/** A view of few rows: their ranks, sorted; a page is a binary search away. */
class SortedView implements ProjectedView {
  constructor(private readonly ranks: Int32Array) {}

  page(direction: 'asc' | 'desc', after: number | null, offset: number, limit: number): number[] {
    return pageOfRanks(this.ranks, direction, after, offset, limit);
  }
}

/**
 * A view whose rows are told apart as a page walks the sort order from where it starts: `has`
 * says whether the order at a position is in it. For views of many rows (a dense search's hits,
 * every order under some filters), where a page finds its rows within a short walk.
 */
class WalkedView implements ProjectedView {
  constructor(
    private readonly order: Int32Array,
    private readonly has: (position: number) => boolean,
  ) {}

  page(direction: 'asc' | 'desc', after: number | null, offset: number, limit: number): number[] {
    const { order, has } = this;
    const out: number[] = [];
    let skip = offset;
    const step = direction === 'asc' ? 1 : -1;
    let r = after === null ? (step === 1 ? 0 : order.length - 1) : after + step;
    for (; r >= 0 && r < order.length && out.length < limit; r += step) {
      if (!has(order[r]!)) continue;
      if (skip > 0) skip--;
      else out.push(r);
    }
    return out;
  }
}

/** The page of a view whose rows have the ranks `sorted` (ascending); see ProjectedView. */
export function pageOfRanks(
  sorted: Int32Array,
  direction: 'asc' | 'desc',
  after: number | null,
  offset: number,
  limit: number,
): number[] {
  const out: number[] = [];
  if (direction === 'asc') {
    const start = (after === null ? 0 : bound(sorted, after, true)) + offset;
    for (let i = start; i < sorted.length && out.length < limit; i++) out.push(sorted[i]!);
  } else {
    const start = (after === null ? sorted.length : bound(sorted, after, false)) - 1 - offset;
    for (let i = start; i >= 0 && out.length < limit; i--) out.push(sorted[i]!);
  }
  return out;
}

/** The first index whose value is > `value` (`strictly`), or >= it. */
function bound(sorted: Int32Array, value: number, strictly: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v < value || (strictly && v === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
