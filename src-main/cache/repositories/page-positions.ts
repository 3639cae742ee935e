/**
 * Keyset anchors for the queue's offset pages (scrollbar jumps). An offset page walks every row
 * before it: a jump to row 10,000 of a 20k-hit search, or of one customer's orders in a sort whose
 * index it shares with every other customer, reads tens of thousands of index entries (10-25 ms
 * at 100k orders), and dragging the scrollbar sends one such jump per step.
 *
 * Each jump leaves anchors: the row just before its page and its page's last row, with their
 * positions. A later jump of the same query shape continues by keyset after the nearest anchor
 * at or before it (a seek) and skips only the rows in between: the same jump again reads one page,
 * a drag down the list walks only the distance dragged. A jump with no anchor before it costs
 * what a plain offset page does (one row more). Anchors belong to one data version (any write is
 * a new shape key), so a page read from one is exactly what the offset query would return.
 *
 * Only the few latest shapes are kept: one view's sort and filters, and the ones just left.
 */
export class PagePositions {
  private readonly shapes = new Map<string, Anchor[]>();

  constructor(
    private readonly capacity = 4,
    private readonly anchorsPerShape = 512,
  ) {}

  /**
   * The seqs of rows [offset, offset + limit) of the query shape `key` (offset > 0).
   * `read(after, skip, count)` returns up to `count` seqs of the shape, in order, starting `skip`
   * rows after the row with seq `after` (after the start of the list when null).
   */
  page(
    key: string,
    offset: number,
    limit: number,
    read: (after: number | null, skip: number, count: number) => number[],
  ): number[] {
    let anchors = this.shapes.get(key);
    if (anchors === undefined) anchors = [];
    else this.shapes.delete(key);
    this.shapes.set(key, anchors);
    if (this.shapes.size > this.capacity) {
      const oldest = this.shapes.keys().next().value;
      if (oldest !== undefined) this.shapes.delete(oldest);
    }
    // Read from the row before the page (position offset - 1), so that it becomes an anchor.
    const from = nearest(anchors, offset - 1);
    const rows =
      from === null
        ? read(null, offset - 1, limit + 1)
        : from.position === offset - 1
          ? [from.seq, ...read(from.seq, 0, limit)]
          : read(from.seq, offset - 1 - (from.position + 1), limit + 1);
    if (rows.length > 0) {
      if (anchors.length >= this.anchorsPerShape) anchors.length = 0;
      add(anchors, { position: offset - 1, seq: rows[0]! });
      add(anchors, { position: offset - 2 + rows.length, seq: rows.at(-1)! });
    }
    return rows.slice(1);
  }

  /** Forgets every anchor, so the next jump is cold (for benchmarks and tests). */
  clear(): void {
    this.shapes.clear();
  }
}

/** A row of a query shape by its position in the shape's order. */
interface Anchor {
  position: number;
  seq: number;
}

/** The anchor with the greatest position <= `position` (anchors sorted by position). */
function nearest(anchors: readonly Anchor[], position: number): Anchor | null {
  let lo = 0;
  let hi = anchors.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (anchors[mid]!.position <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : anchors[lo - 1]!;
}

function add(anchors: Anchor[], anchor: Anchor): void {
  const at = nearest(anchors, anchor.position);
  if (at?.position === anchor.position) return;
  const index = at === null ? 0 : anchors.indexOf(at) + 1;
  anchors.splice(index, 0, anchor);
}
