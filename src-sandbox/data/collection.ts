/**
 * One resource of one linked account, kept in the order lists are served in: by (stamp, id),
 * where stamp is the record's last-change time as an ISO string (ISO strings in one format sort
 * like the instants they name). Cursors point into this order, so a record that does not change
 * is never skipped or repeated; a record that changes moves to the end and is served again,
 * which is what an incremental sync wants.
 */

export interface Entry<T> {
  /** Last-change stamp (ISO). For records with `updated_at` it is that same string. */
  readonly stamp: string;
  readonly id: string;
  readonly record: T;
}

function compare(aStamp: string, aId: string, bStamp: string, bId: string): number {
  if (aStamp !== bStamp) return aStamp < bStamp ? -1 : 1;
  if (aId === bId) return 0;
  return aId < bId ? -1 : 1;
}

export class Collection<T> {
  private entries: Entry<T>[] = [];
  private readonly byId = new Map<string, Entry<T>>();

  /** Bulk load (generation): one sort instead of n inserts. */
  static from<T>(items: Iterable<{ stamp: string; id: string; record: T }>): Collection<T> {
    const c = new Collection<T>();
    for (const e of items) {
      c.entries.push(e);
      c.byId.set(e.id, e);
    }
    c.entries.sort((a, b) => compare(a.stamp, a.id, b.stamp, b.id));
    return c;
  }

  get size(): number {
    return this.entries.length;
  }

  get(id: string): T | undefined {
    return this.byId.get(id)?.record;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  at(index: number): Entry<T> | undefined {
    return this.entries[index];
  }

  /** Inserts or replaces; changes are stamped "now", so this is an append in practice. */
  put(id: string, stamp: string, record: T): void {
    this.remove(id);
    const entry: Entry<T> = { stamp, id, record };
    const index = this.indexAfter(stamp, id);
    if (index === this.entries.length) this.entries.push(entry);
    else this.entries.splice(index, 0, entry);
    this.byId.set(id, entry);
  }

  remove(id: string): boolean {
    const existing = this.byId.get(id);
    if (!existing) return false;
    const index = this.indexAfter(existing.stamp, existing.id) - 1;
    if (this.entries[index] !== existing) throw new Error(`collection order broken at ${id}`);
    this.entries.splice(index, 1);
    this.byId.delete(id);
    return true;
  }

  /** Index of the first entry strictly after (stamp, id). */
  indexAfter(stamp: string, id: string): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.entries[mid] as Entry<T>;
      if (compare(e.stamp, e.id, stamp, id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first entry whose stamp is strictly after `stamp`. */
  indexAfterStamp(stamp: string): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.entries[mid] as Entry<T>).stamp <= stamp) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  values(): IterableIterator<T> {
    return this.entries.map((e) => e.record)[Symbol.iterator]();
  }

  ids(): string[] {
    return this.entries.map((e) => e.id);
  }

  /** The entries in serving order (a copy), e.g. to save them. */
  list(): Entry<T>[] {
    return this.entries.slice();
  }
}
