import { describe, expect, it } from 'vitest';
import { Collection } from './data/collection';
import { SandboxHttpError } from './errors';
import { decodeCursor, paginate, parsePageSize } from './pagination';

interface Rec {
  id: string;
  updated_at: string;
  created_at: string;
  n: number;
}

const iso = (s: number) => new Date(Date.UTC(2025, 0, 1) + s * 1000).toISOString();

function build(count: number): Collection<Rec> {
  // Pairs of records share a stamp, so the id tie-break matters.
  const recs = Array.from({ length: count }, (_, n) => ({
    id: `r${String(n).padStart(4, '0')}`,
    updated_at: iso(Math.floor(n / 2)),
    created_at: iso(0),
    n,
  }));
  return Collection.from(recs.reverse().map((r) => ({ stamp: r.updated_at, id: r.id, record: r })));
}

function drain(
  c: Collection<Rec>,
  pageSize: number,
  between?: (page: number) => void,
  shortEvery = 0,
) {
  const seen: string[] = [];
  let next: string | null | undefined;
  let page = 0;
  do {
    const p = paginate(c, {
      pageSize,
      next,
      shortPageSize: shortEvery && page % shortEvery === 1 ? page % 3 : null,
    });
    seen.push(...p.records.map((r) => r.id));
    next = p.next;
    between?.(page++);
  } while (next);
  return seen;
}

describe('paginate', () => {
  it('serves every record once, in (updated_at, id) order', () => {
    const c = build(53);
    const seen = drain(c, 10);
    expect(seen).toHaveLength(53);
    expect(new Set(seen).size).toBe(53);
    expect(seen).toEqual([...seen].sort());
  });

  it('never skips or repeats unchanged records while others change between pages', () => {
    const c = build(100);
    let clock = 1_000_000;
    const changed = new Set<string>();
    const seen = drain(c, 7, (page) => {
      // Touch a record already served and one not yet served; add a new one.
      for (const n of [page * 3, 99 - page]) {
        const id = `r${String(n).padStart(4, '0')}`;
        const rec = c.get(id);
        if (!rec) continue;
        changed.add(id);
        const stamp = iso(clock++);
        c.put(id, stamp, { ...rec, updated_at: stamp });
      }
      const id = `new${page}`;
      const stamp = iso(clock++);
      c.put(id, stamp, { id, updated_at: stamp, created_at: stamp, n: -1 });
    });
    const counts = new Map<string, number>();
    for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (let n = 0; n < 100; n++) {
      const id = `r${String(n).padStart(4, '0')}`;
      // Unchanged: exactly once. Changed: at least once (again after the change is fine).
      if (changed.has(id)) expect(counts.get(id)).toBeGreaterThanOrEqual(1);
      else expect(counts.get(id)).toBe(1);
    }
  });

  it('keeps a cursor on short and empty pages, and still serves everything', () => {
    const c = build(40);
    const seen = drain(c, 5, undefined, 2);
    expect(seen).toHaveLength(40);
    const empty = paginate(c, { pageSize: 5, shortPageSize: 0 });
    expect(empty.records).toHaveLength(0);
    expect(empty.next).not.toBeNull();
  });

  it('filters strictly after updated_after, and by predicate', () => {
    const c = build(20);
    const after = paginate(c, { pageSize: 100, updatedAfter: iso(4) });
    expect(after.records.every((r) => r.updated_at > iso(4))).toBe(true);
    expect(after.records).toHaveLength(10);
    const odd = paginate(c, { pageSize: 3, match: (r) => r.n % 2 === 1 });
    expect(odd.records.map((r) => r.n)).toEqual([1, 3, 5]);
  });

  it('says next: null on the last page rather than leaving an empty page to fetch', () => {
    const c = build(10);
    const p = paginate(c, { pageSize: 3, match: (r) => r.n < 3 });
    expect(p.records).toHaveLength(3);
    expect(p.next).toBeNull();
  });
});

describe('page_size and cursors', () => {
  it('defaults to 25, clamps above 100, rejects junk', () => {
    expect(parsePageSize(undefined)).toBe(25);
    expect(parsePageSize('100')).toBe(100);
    expect(parsePageSize('500')).toBe(100);
    expect(() => parsePageSize('0')).toThrow(SandboxHttpError);
    expect(() => parsePageSize('ten')).toThrow(/page_size/);
  });

  it('rejects cursors it did not issue', () => {
    expect(() => decodeCursor('garbage')).toThrow(/next/);
  });
});
