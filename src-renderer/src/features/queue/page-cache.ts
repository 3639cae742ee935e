/**
 * A small least-recently-used map of pages. The queue holds a few pages around what is on screen,
 * never the whole table: memory stays flat at any queue size.
 */
export class PageCache<T> {
  private readonly pages = new Map<number, T>();

  constructor(readonly capacity: number) {}

  get(page: number): T | undefined {
    const value = this.pages.get(page);
    if (value !== undefined) {
      // Re-insert: Map iteration order is insertion order, so the oldest entry is the first.
      this.pages.delete(page);
      this.pages.set(page, value);
    }
    return value;
  }

  /** Read without refreshing recency (for lookups that should not keep a page alive). */
  peek(page: number): T | undefined {
    return this.pages.get(page);
  }

  set(page: number, value: T): void {
    this.pages.delete(page);
    this.pages.set(page, value);
    while (this.pages.size > this.capacity) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) break;
      this.pages.delete(oldest);
    }
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  entries(): IterableIterator<[number, T]> {
    return this.pages.entries();
  }

  get size(): number {
    return this.pages.size;
  }
}

/** The pages that hold rows `first..last` (inclusive), clipped to the rows that exist. */
export function pagesForRange(
  first: number,
  last: number,
  pageSize: number,
  total: number | null,
): number[] {
  const lastRow = total === null ? last : Math.min(last, total - 1);
  if (lastRow < 0 || lastRow < first) return total === null || total > 0 ? [0] : [];
  const from = Math.floor(Math.max(0, first) / pageSize);
  const to = Math.floor(lastRow / pageSize);
  const pages: number[] = [];
  for (let p = from; p <= to; p++) pages.push(p);
  return pages;
}
