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
          const offset = input.offset ?? 0;
          resolve({
            rows: filtered.slice(offset, offset + (input.limit ?? 100)),
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
});
