import { describe, expect, it } from 'vitest';
import type { CommandInput, QueuePage, QueueRow } from '../../../../src-shared/contract';
import { pagesForRange, PageCache } from './page-cache';
import { QueueWindow, orderKey } from './queue-window';

function row(n: number, over: Partial<QueueRow> = {}): QueueRow {
  return {
    accountId: 'acc-1',
    id: `ord-${n}`,
    kind: 'assessment',
    status: 'new',
    receivedAt: '2025-01-01T00:00:00Z',
    dueAt: '2025-01-03T00:00:00Z',
    packageId: null,
    packageName: null,
    candidateId: null,
    candidateName: `Candidate ${n}`,
    candidateEmail: null,
    jobId: null,
    jobTitle: null,
    unmapped: false,
    applicationId: null,
    accountName: null,
    accountProvider: null,
    overdue: false,
    ...over,
  };
}

/** A main stand-in: answers from a list, and lets the test decide when each answer arrives. */
function fakeMain(initial: QueueRow[]) {
  let data = initial;
  const requests: {
    input: CommandInput<'orders:list'>;
    resolve: () => void;
    reject: (e: Error) => void;
  }[] = [];
  const fetchPage = (input: CommandInput<'orders:list'>) =>
    new Promise<QueuePage>((resolve, reject) => {
      requests.push({
        input,
        resolve: () => {
          const filtered = input.search
            ? data.filter((r) => r.candidateName?.includes(input.search ?? ''))
            : data;
          let start = input.offset ?? 0;
          if (input.after) {
            // Like main: continue right after the cursor row, which must still exist.
            const key = orderKey(input.after);
            const at = filtered.findIndex((r) => orderKey(r) === key);
            if (at < 0) {
              reject(new Error(`Cannot continue the queue after ${key}: it is not in the cache`));
              return;
            }
            start += at + 1;
          }
          resolve({
            rows: filtered.slice(start, start + (input.limit ?? 100)),
            total: filtered.length,
          });
        },
        reject,
      });
    });
  return {
    fetchPage,
    requests,
    setData(next: QueueRow[]) {
      data = next;
    },
    async answerAll() {
      while (requests.length > 0) {
        requests.shift()?.resolve();
        await Promise.resolve();
        await Promise.resolve();
      }
    },
  };
}

const many = (n: number) => Array.from({ length: n }, (_, i) => row(i));

describe('PageCache', () => {
  it('evicts the least recently used page', () => {
    const cache = new PageCache<string>(2);
    cache.set(0, 'a');
    cache.set(1, 'b');
    cache.get(0);
    cache.set(2, 'c');
    expect(cache.has(0)).toBe(true);
    expect(cache.has(1)).toBe(false);
    expect(cache.size).toBe(2);
  });

  it('lists the pages a range needs, clipped to the rows that exist', () => {
    expect(pagesForRange(0, 30, 100, null)).toEqual([0]);
    expect(pagesForRange(95, 130, 100, 1000)).toEqual([0, 1]);
    expect(pagesForRange(250, 400, 100, 260)).toEqual([2]);
    expect(pagesForRange(0, 30, 100, 0)).toEqual([]);
  });
});

describe('QueueWindow', () => {
  it('fetches only the pages that cover the visible rows, never the whole table', async () => {
    const main = fakeMain(many(10_000));
    const win = new QueueWindow(main.fetchPage, { pageSize: 100 });
    win.setQuery({ sort: { column: 'due_at', direction: 'asc' } }, 30);
    expect(main.requests.map((r) => r.input.offset)).toEqual([0]);
    await main.answerAll();
    expect(win.getSnapshot().total).toBe(10_000);
    expect(win.rowAt(0)?.id).toBe('ord-0');
    expect(win.rowAt(150)).toBeUndefined();

    win.ensureRange(5_480, 5_510);
    expect(main.requests.map((r) => r.input.offset)).toEqual([5_400, 5_500]);
    await main.answerAll();
    expect(win.rowAt(5_499)?.id).toBe('ord-5499');
    // All pages of one view share one clock, so their overdue flags agree.
    const nows = new Set(main.requests.map((r) => r.input.now));
    expect(nows.size).toBeLessThanOrEqual(1);
  });

  it('does not fetch a page twice while it is in flight', () => {
    const main = fakeMain(many(500));
    const win = new QueueWindow(main.fetchPage);
    win.setQuery({}, 30);
    win.ensureRange(0, 30);
    win.ensureRange(0, 30);
    expect(main.requests).toHaveLength(1);
  });

  it('keeps the previous rows on screen until the new query has landed, then swaps at once', async () => {
    const main = fakeMain(many(300));
    const win = new QueueWindow(main.fetchPage);
    win.setQuery({}, 30);
    await main.answerAll();
    win.setQuery({ search: 'Candidate 2' }, 30);
    expect(win.getSnapshot().busy).toBe(true);
    expect(win.rowAt(0)?.id).toBe('ord-0');
    await main.answerAll();
    const snap = win.getSnapshot();
    expect(snap.busy).toBe(false);
    expect(snap.lastChange).toBe('query');
    expect(win.rowAt(0)?.id).toBe('ord-2');
    expect(snap.total).toBe(111); // 2, 20–29, 200–299
  });

  it('drops an answer for a query that was replaced before it arrived', async () => {
    const main = fakeMain(many(300));
    const win = new QueueWindow(main.fetchPage);
    win.setQuery({ search: 'Candidate 1' }, 30);
    const stale = main.requests.shift();
    win.setQuery({ search: 'Candidate 2' }, 30);
    await main.answerAll();
    stale?.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(win.rowAt(0)?.id).toBe('ord-2');
    expect(win.getSnapshot().queryKey).toContain('Candidate 2');
  });

  it('refresh replaces every page at once with a fresh clock, and finds a row by its key', async () => {
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const main = fakeMain(many(300));
    const win = new QueueWindow(main.fetchPage, { clock: () => new Date(clock) });
    win.setQuery({}, 30);
    await main.answerAll();
    win.ensureRange(90, 120);
    await main.answerAll();
    const key = orderKey(row(95));
    expect(win.indexOf(key)).toBe(95);

    // A new order sorts in above: everything below moves down by one.
    main.setData([row(-1), ...many(300)]);
    clock += 60_000;
    win.refresh();
    expect(win.rowAt(0)?.id).toBe('ord-0'); // still the old rows while refetching
    await main.answerAll();
    expect(win.getSnapshot().lastChange).toBe('refresh');
    expect(win.getSnapshot().total).toBe(301);
    expect(win.indexOf(key)).toBe(96);
    expect(win.rowAt(0)?.id).toBe('ord--1');
    expect(new Set(main.requests.map((r) => r.input.now)).size).toBeLessThanOrEqual(1);
  });

  it('runs one more refresh when the data changes again during a refresh', async () => {
    const main = fakeMain(many(10));
    const win = new QueueWindow(main.fetchPage);
    win.setQuery({}, 30);
    await main.answerAll();
    win.refresh();
    win.refresh();
    win.refresh();
    expect(main.requests).toHaveLength(1);
    main.setData(many(12));
    await main.answerAll(); // the first refresh lands, a second one starts and lands
    expect(win.getSnapshot().total).toBe(12);
  });

  it('reports a failure in plain words and recovers on retry', async () => {
    const main = fakeMain(many(10));
    const win = new QueueWindow(main.fetchPage);
    win.setQuery({}, 30);
    main.requests.shift()?.reject(new Error('The desk is not answering.'));
    await Promise.resolve();
    await Promise.resolve();
    expect(win.getSnapshot().error).toBe('The desk is not answering.');
    win.retry();
    await main.answerAll();
    expect(win.getSnapshot().error).toBeNull();
    expect(win.getSnapshot().total).toBe(10);
  });

  it('scrolls on with keyset pages after a loaded page, and jumps by offset', async () => {
    const main = fakeMain(many(10_000));
    const win = new QueueWindow(main.fetchPage, { pageSize: 100 });
    win.setQuery({}, 30);
    await main.answerAll();
    const seen: CommandInput<'orders:list'>[] = [];
    const answer = async () => {
      seen.push(...main.requests.map((r) => r.input));
      await main.answerAll();
    };

    // Sequential scroll: page 1 continues after the last row of page 0.
    win.ensureRange(90, 130);
    await answer();
    expect(seen.at(-1)).toMatchObject({ after: { accountId: 'acc-1', id: 'ord-99' }, offset: 0 });
    // Jump: no loaded neighbour, so by offset.
    win.ensureRange(5_480, 5_510);
    await answer();
    expect(seen.slice(-2).map((i) => [i.offset, i.after])).toEqual([
      [5_400, undefined],
      [5_500, undefined],
    ]);
    // And from there on, keyset again.
    win.ensureRange(5_590, 5_620);
    await answer();
    expect(seen.at(-1)).toMatchObject({ after: { id: 'ord-5599' }, offset: 0 });

    // Same rows as offset paging would give.
    for (const i of [99, 100, 150, 199, 5_499, 5_500, 5_600, 5_699]) {
      expect(win.rowAt(i)?.id).toBe(`ord-${i}`);
    }
    expect(win.getSnapshot().error).toBeNull();
  });

  it('falls back to offset when the cursor row has left the cache, without showing an error', async () => {
    const main = fakeMain(many(1_000));
    const win = new QueueWindow(main.fetchPage, { pageSize: 100 });
    win.setQuery({}, 30);
    await main.answerAll();
    // The last row of page 0 is deleted in main before page 1 is asked for.
    const remaining = many(1_000).filter((r) => r.id !== 'ord-99');
    main.setData(remaining);
    win.ensureRange(95, 130);
    expect(main.requests[0]?.input.after).toEqual({ accountId: 'acc-1', id: 'ord-99' });
    main.requests.shift()?.resolve(); // rejected: not in the cache
    await new Promise((r) => setTimeout(r, 0));
    expect(main.requests[0]?.input).toMatchObject({ offset: 100 });
    expect(main.requests[0]?.input.after).toBeUndefined();
    await main.answerAll();
    expect(win.getSnapshot().error).toBeNull();
    expect(win.rowAt(100)?.id).toBe(remaining[100]?.id);
  });

  it('a new query may reuse a recent clock; a refresh asks for a fresh one', async () => {
    const asked: boolean[] = [];
    const main = fakeMain(many(10));
    const win = new QueueWindow(main.fetchPage, {
      clock: (fresh) => {
        asked.push(fresh);
        return new Date('2025-01-01T00:00:00Z');
      },
    });
    win.setQuery({}, 30);
    expect(win.getSnapshot().fetchNow).toBe('2025-01-01T00:00:00.000Z');
    await main.answerAll();
    win.setQuery({ search: 'Candidate 1' }, 30);
    await main.answerAll();
    win.refresh();
    await main.answerAll();
    expect(asked).toEqual([false, false, true]);
  });

  it('a change announced while the first query is in flight is not lost', async () => {
    const main = fakeMain([]);
    const win = new QueueWindow(main.fetchPage);
    win.setQuery({}, 30);
    main.requests.shift()?.resolve(); // main answered before the data arrived
    main.setData(many(5));
    win.refresh(); // the change is announced before that answer is read
    await main.answerAll();
    await main.answerAll();
    expect(win.getSnapshot().total).toBe(5);
  });

  it('refreshes rows asked for before a given time only', async () => {
    const main = fakeMain(many(5));
    const win = new QueueWindow(main.fetchPage);
    win.setQuery({}, 30);
    await main.answerAll();
    win.refresh({ ifRequestedBefore: Date.now() - 60_000 });
    expect(main.requests).toHaveLength(0);
    win.refresh({ ifRequestedBefore: Date.now() + 1 });
    expect(main.requests).toHaveLength(1);
  });
});
