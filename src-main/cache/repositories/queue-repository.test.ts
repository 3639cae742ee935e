import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_COUNT_CAP, searchToRun } from '../../../src-shared/contract/queue';
import { dueWindowEnd, matchesQueueFilters } from '../../../src-shared/contract/queue-filter';
import { isOpenStatus, OPEN_STATUSES, type OrderStatus } from '../order-status';
import { QUEUE_SORT_COLUMNS, type QueueFilters, type QueueSortColumn } from '../queue-query';
import { generateWorkspace } from '../testing/test-data';
import { openWorkspaceCache, type WorkspaceCache } from '../workspace-cache';

const nowMs = Date.parse('2026-06-01T12:00:00.000Z');
const now = new Date(nowMs).toISOString();

interface Row {
  seq: number;
  id: string;
  account_id: string;
  kind: string;
  status: string;
  package_id: string | null;
  due_at: number;
  received_at: number;
  candidate_sort: string | null;
  job_sort: string | null;
  package_sort: string | null;
  account_sort: string | null;
  remote_id: string | null;
  candidate_name: string | null;
  candidate_email: string | null;
  job_title: string | null;
  job_code: string | null;
  package_name: string | null;
}

const SORT_COLUMNS: Record<QueueSortColumn, (keyof Row)[]> = {
  due_at: ['due_at'],
  received_at: ['received_at'],
  kind: ['kind', 'due_at'],
  candidate: ['candidate_sort', 'due_at'],
  job: ['job_sort', 'due_at'],
  package: ['package_sort', 'due_at'],
  customer: ['account_sort', 'due_at'],
  status: ['status', 'due_at'],
};

/** A cache row as the shared filter rules see an order. */
function asFiltered(r: Row) {
  return {
    kind: r.kind,
    status: r.status,
    accountId: r.account_id,
    packageId: r.package_id,
    unmapped: false,
    dueAt: r.due_at,
    searchText: [
      r.id,
      r.remote_id,
      r.candidate_name,
      r.candidate_email,
      r.job_title,
      r.job_code,
      r.package_name,
    ],
  };
}

/** SQLite's order for these keys: binary string compare (the same as JS's) or numbers. */
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  return (a as string | number) < (b as string | number) ? -1 : 1;
}

describe('queue queries', () => {
  let cache: WorkspaceCache;
  let all: Row[];
  /** The rows a query should show, by the filters' meaning (src-shared/contract/queue-filter.ts). */
  const matching = (f: Omit<QueueFilters, 'now'>, clock = nowMs): Row[] =>
    all.filter((r) =>
      matchesQueueFilters(
        asFiltered(r),
        // A search shorter than MIN_SEARCH_LENGTH is no search (yet).
        { ...f, search: searchToRun(f.search) },
        clock,
      ),
    );
  const searchHits = (search: string) => new Set(matching({ search }).map((r) => r.seq));
  const expected = (
    f: Omit<QueueFilters, 'now'>,
    column: QueueSortColumn,
    direction: 'asc' | 'desc',
  ): string[] => {
    const sign = direction === 'asc' ? 1 : -1;
    const keys = [...SORT_COLUMNS[column], 'seq' as const];
    return matching(f)
      .sort((a, b) => {
        for (const k of keys) {
          const c = compare(a[k], b[k]);
          if (c !== 0) return sign * c;
        }
        return 0;
      })
      .map((r) => `${r.account_id}/${r.id}`);
  };
  /**
   * Reads a view page by page, by offset or by keyset (each page continuing after the previous
   * page's last row): its rows' keys and the totals its pages reported.
   */
  const readPages = (
    f: Omit<QueueFilters, 'now'>,
    column: QueueSortColumn,
    direction: 'asc' | 'desc',
    limit: number,
    by: 'offset' | 'keyset',
  ) => {
    const ids: string[] = [];
    const totals = new Set<number>();
    let after: { accountId: string; id: string } | undefined;
    for (let offset = 0; ; offset += limit) {
      const page = cache.queue.queryOrders({
        ...f,
        now,
        sort: { column, direction },
        limit,
        ...(by === 'offset' ? { offset } : { after }),
      });
      totals.add(page.total);
      ids.push(...page.rows.map((r) => `${r.accountId}/${r.id}`));
      const last = page.rows.at(-1);
      if (page.rows.length < limit || !last) break;
      after = { accountId: last.accountId, id: last.id };
    }
    return { ids, totals };
  };
  const actual = (
    f: Omit<QueueFilters, 'now'>,
    column: QueueSortColumn,
    direction: 'asc' | 'desc',
    limit: number,
  ) => {
    const { ids, totals } = readPages(f, column, direction, limit, 'offset');
    // Every page reports the same total.
    expect(totals.size).toBe(1);
    return { ids, total: [...totals][0] };
  };

  beforeAll(() => {
    cache = openWorkspaceCache(':memory:');
    const data = generateWorkspace({
      orders: 700,
      accounts: 3,
      packagesPerKind: 3,
      now: nowMs,
      seed: 7,
    });
    // acct_2 joined late: its orders all arrived in the last two days, clustered in time.
    const orders = data.orders.map((o, i) =>
      o.accountId === 'acct_2'
        ? { ...o, receivedAt: new Date(nowMs - (i % 48) * 3600e3).toISOString() }
        : o,
    );
    cache.transaction(() => {
      cache.orders.upsertOrders(orders);
      // Only some records arrive, so some sort keys are empty; event names fill the rest.
      cache.accounts.upsertAccounts(data.accounts.slice(0, 2));
      cache.jobs.upsertJobs(data.jobs.filter((_, i) => i % 2 === 0));
      cache.packages.upsertPackages('assessment', data.packages[0]!.rows);
      cache.orders.upsertOrders([
        { ...data.orders[0]!, id: 'no_package', packageId: null, candidateName: null },
      ]);
    });
    all = cache.db
      .prepare(
        `SELECT seq, id, account_id, kind, status, package_id, due_at, received_at, candidate_sort,
            job_sort, package_sort, account_sort, remote_id, candidate_name, candidate_email,
            job_title, job_code, package_name FROM orders`,
      )
      .all() as Row[];
  });
  afterAll(() => cache.close());

  const open: OrderStatus[] = [...OPEN_STATUSES];
  const filterSets: Omit<QueueFilters, 'now'>[] = [
    {},
    { kind: 'assessment' },
    { statuses: open },
    { statuses: ['sent'] },
    { statuses: [] },
    { overdue: true },
    { overdue: false, kind: 'background_check' },
    { accountIds: ['acct_1'], statuses: ['new', 'cancelled', 'sent'] },
    { packageIds: ['asmt_pkg_1', 'bgc_pkg_2'], overdue: true },
    { accountIds: ['acct_0'], packageIds: ['bgc_pkg_0'], kind: 'assessment' },
    { accountIds: ['nope'] },
    // acct_2 (clustered in time, no account record) in every shape.
    { accountIds: ['acct_2'] },
    { accountIds: ['acct_2', 'acct_0'] },
    { accountIds: ['acct_2'], packageIds: ['asmt_pkg_1', 'bgc_pkg_0'] },
    { accountIds: ['acct_2'], statuses: open },
    { accountIds: ['acct_2', 'acct_1'], overdue: true },
    { accountIds: ['acct_2'], overdue: false, kind: 'assessment' },
    { search: 'anna' },
    { search: 'an', statuses: open },
    { search: 'engineer', kind: 'background_check' },
    { search: 'ord_00' },
    { search: 'an', overdue: true, accountIds: ['acct_1'] },
    { search: 'an', accountIds: ['acct_2', 'acct_0'] },
    { search: 'emile', overdue: false, packageIds: ['asmt_pkg_1', 'bgc_pkg_2'] },
    { search: 'zzz' },
    // The due windows of the quick filters Due today and Due soon.
    { dueWithin: 'today' },
    { dueWithin: 'soon', kind: 'assessment' },
    { dueWithin: 'today', search: 'an', statuses: open },
    // Text inside a word: a job code, an ATS reference, an email's middle; short words as prefixes.
    { search: 'req-100' },
    { search: 'DER-0003', statuses: open },
    { search: 'mith.1' },
    { search: 'an sm', kind: 'assessment' },
    // FTS5 syntax and control characters are plain text (or separators).
    { search: 'a"b OR (ann* NEAR\u0000' },
    // One character is not searched: the same rows as without a search.
    { search: ' a ', statuses: open },
  ];

  it('returns every matching row exactly once, in the requested order, across pages', () => {
    for (const f of filterSets) {
      for (const column of QUEUE_SORT_COLUMNS) {
        for (const direction of ['asc', 'desc'] as const) {
          const want = expected(f, column, direction);
          const got = actual(f, column, direction, 61);
          const label = `${JSON.stringify(f)} ${column} ${direction}`;
          expect(got.total, label).toBe(want.length);
          expect(got.ids, label).toEqual(want);
        }
      }
    }
  });

  /** Pages by keyset: each page continues after the previous page's last row. */
  const keyset = (
    f: Omit<QueueFilters, 'now'>,
    column: QueueSortColumn,
    direction: 'asc' | 'desc',
    limit: number,
  ) => readPages(f, column, direction, limit, 'keyset').ids;

  it('pages by keyset (after the last row) to the very same rows as by offset', () => {
    for (const f of filterSets) {
      for (const column of QUEUE_SORT_COLUMNS) {
        for (const direction of ['asc', 'desc'] as const) {
          const label = `${JSON.stringify(f)} ${column} ${direction}`;
          expect(keyset(f, column, direction, 97), label).toEqual(expected(f, column, direction));
        }
      }
    }
  });

  it('jumps to any offset (a scrollbar jump) and gets the rows read from the top there', () => {
    const ids = (page: { rows: { accountId: string; id: string }[] }) =>
      page.rows.map((r) => `${r.accountId}/${r.id}`);
    const limit = 41;
    const offsets = [420, 37, 610, 200, 999, 1, 655, 461];
    for (const f of filterSets) {
      for (const column of QUEUE_SORT_COLUMNS) {
        for (const direction of ['asc', 'desc'] as const) {
          const label = `${JSON.stringify(f)} ${column} ${direction}`;
          const want = expected(f, column, direction);
          for (const offset of offsets) {
            const query = { ...f, now, sort: { column, direction }, offset, limit };
            expect(ids(cache.queue.queryOrders(query)), `${label} @${offset}`).toEqual(
              want.slice(offset, offset + limit),
            );
          }
        }
      }
    }
  });

  it("walks the sort's index for every page: no sort but of the page's own rows", () => {
    for (const f of filterSets) {
      for (const column of QUEUE_SORT_COLUMNS) {
        const plan = cache.queue.explainPage({ ...f, now, sort: { column, direction: 'desc' } });
        const label = `${JSON.stringify(f)} ${column}`;
        expect(
          plan.some((d) => /COVERING INDEX orders_sort_/.test(d)),
          label,
        ).toBe(true);
        expect(
          plan.filter((d) => d.includes('TEMP B-TREE')),
          label,
        ).toHaveLength(1);
      }
    }
  });

  it('refuses to continue after an order it does not have', () => {
    expect(() =>
      cache.queue.queryOrders({ now, after: { accountId: 'acct_0', id: 'nope' } }),
    ).toThrow(/not in the cache/);
  });

  it('marks overdue rows against the given clock', () => {
    const page = cache.queue.queryOrders({ now, overdue: true, limit: 1000 });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.overdue && Date.parse(r.dueAt) < nowMs)).toBe(true);
  });

  it('keeps open orders not yet overdue in the due windows (Due today, Due soon)', () => {
    for (const dueWithin of ['today', 'soon'] as const) {
      const end = dueWindowEnd(dueWithin, nowMs);
      const page = cache.queue.queryOrders({ now, dueWithin, limit: 1000 });
      expect(page.rows.length, dueWithin).toBeGreaterThan(0);
      for (const r of page.rows) {
        const due = Date.parse(r.dueAt);
        expect(due >= nowMs && due < end && !r.overdue, r.id).toBe(true);
        expect(OPEN_STATUSES as readonly string[]).toContain(r.status);
      }
    }
  });

  it('counts facets as the chips need them: each dimension under all the other filters', () => {
    for (const f of filterSets) {
      const facets = cache.queue.facetCounts({ ...f, now });
      expect(facets.total, JSON.stringify(f)).toBe(matching(f).length);
      const tally = (rows: Row[], key: (r: Row) => string) => {
        const m = new Map<string, number>();
        for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
        return Object.fromEntries(m);
      };
      const asObject = (list: { value: string; count: number | null }[]) =>
        Object.fromEntries(list.map((x) => [x.value, x.count]));
      expect(asObject(facets.kinds)).toEqual(
        tally(matching({ ...f, kind: undefined }), (r) => r.kind),
      );
      expect(asObject(facets.statuses)).toEqual(
        tally(matching({ ...f, statuses: undefined }), (r) => r.status),
      );
      expect(asObject(facets.accounts)).toEqual(
        tally(matching({ ...f, accountIds: undefined }), (r) => r.account_id),
      );
      const packages = matching({ ...f, packageIds: undefined }).filter(
        (r) => r.package_id !== null,
      );
      expect(asObject(facets.packages)).toEqual(tally(packages, (r) => r.package_id!));
      expect(facets.overdue).toBe(matching({ ...f, overdue: true }).length);
    }
    const labelled = cache.queue.facetCounts({ now });
    expect(labelled.accounts.find((a) => a.value === 'acct_0')?.label).toMatch(/ · Greenhouse$/);
    expect(labelled.accounts.find((a) => a.value === 'acct_2')?.label).toBeNull();
    expect(labelled.packages.find((p) => p.value === 'asmt_pkg_0')?.label).toBe('Assessment A');
  });

  it('counts overdue orders right as the clock moves forward and back', () => {
    // Clocks around the open orders' due times, out of order, with repeats: each new clock moves
    // the remembered counts from the previous one.
    const dues = all
      .filter((r) => isOpenStatus(r.status))
      .map((r) => r.due_at)
      .sort((a, b) => a - b);
    const clocks = [0.5, 0.1, 0.9, 0.5, 0.5, 0.0, 1.0, 0.3].map(
      (p) => dues[Math.min(dues.length - 1, Math.floor(p * dues.length))]! + (p === 1 ? 1 : 0),
    );
    const sets: Omit<QueueFilters, 'now'>[] = [
      {},
      { kind: 'assessment' },
      { search: 'an' },
      { search: 'anna', accountIds: ['acct_1'] },
      // Matches every order: counted as everything less the misses (none).
      { search: 'ord_00' },
    ];
    for (const clock of clocks) {
      for (const f of sets) {
        const at = new Date(clock).toISOString();
        const label = `${at} ${JSON.stringify(f)}`;
        const facets = cache.queue.facetCounts({ ...f, now: at });
        expect(facets.overdue, label).toBe(matching({ ...f, overdue: true }, clock).length);
        const page = cache.queue.queryOrders({ ...f, now: at, overdue: true, limit: 1000 });
        expect(page.total, label).toBe(matching({ ...f, overdue: true }, clock).length);
        expect(
          cache.queue.queryOrders({ ...f, now: at, overdue: false, limit: 1 }).total,
          label,
        ).toBe(matching({ ...f, overdue: false }, clock).length);
        expect(
          page.rows.every((r) => Date.parse(r.dueAt) < clock),
          label,
        ).toBe(true);
      }
    }
  });

  it('searches the data as it is after a write, even one rolled back', () => {
    const target = all.find((r) => r.status === 'sent')!;
    const searched = () =>
      cache.queue.queryOrders({ now, search: 'an', statuses: ['needs_attention'], limit: 1000 });
    const before = searched().total;
    cache.orders.setStatus(target.account_id, target.id, 'needs_attention');
    const hits = searchHits('an').has(target.seq) ? 1 : 0;
    expect(searched().total).toBe(before + hits);
    cache.orders.setStatus(target.account_id, target.id, 'sent');
    expect(searched().total).toBe(before);
    // A query inside a transaction that rolls back loads its search's hits, then loses them with
    // the rollback (the table holds the previous search's again); the next query must notice.
    expect(cache.queue.queryOrders({ now, search: 'zzz' }).total).toBe(0);
    expect(() =>
      cache.transaction(() => {
        cache.queue.queryOrders({ now, search: 'an', limit: 1 });
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(searched().rows.map((r) => r.id)).toEqual(
      expected({ search: 'an', statuses: ['needs_attention'] }, 'due_at', 'asc').map(
        (key) => key.split('/')[1],
      ),
    );
    expect(cache.queue.facetCounts({ now, search: 'an' }).total).toBe(
      matching({ search: 'an' }).length,
    );
  });

  it('counts the data as it is after a rolled-back write it counted inside the transaction', () => {
    const target = all.find((r) => r.status === 'sent')!;
    const sent = (f: { statuses?: { value: string; count: number | null }[] }) =>
      f.statuses?.find((x) => x.value === 'sent')?.count ?? 0;
    for (const search of [undefined, 'an']) {
      const before = cache.queue.facetCounts({ now, search });
      expect(() =>
        cache.transaction(() => {
          cache.orders.setStatus(target.account_id, target.id, 'needs_attention');
          const inside = cache.queue.facetCounts({ now, search });
          expect(sent(inside)).toBe(
            sent(before) - (search && !searchHits(search).has(target.seq) ? 0 : 1),
          );
          cache.queue.queryOrders({ now, search, statuses: ['sent'], offset: 10, limit: 5 });
          throw new Error('roll back');
        }),
      ).toThrow('roll back');
      expect(cache.queue.facetCounts({ now, search }), String(search)).toEqual(before);
      expect(
        cache.queue.queryOrders({ now, search, statuses: ['sent'], limit: 1000 }).total,
        String(search),
      ).toBe(sent(before));
    }
  });

  it('keeps totals right as statuses change and orders arrive', () => {
    const before = cache.queue.facetCounts({ now });
    const target = all.find((r) => r.status === 'sent')!;
    cache.orders.setStatus(target.account_id, target.id, 'needs_attention');
    const after = cache.queue.facetCounts({ now });
    const count = (f: typeof before, s: string) =>
      f.statuses.find((x) => x.value === s)?.count ?? 0;
    expect(count(after, 'sent')).toBe(count(before, 'sent') - 1);
    expect(count(after, 'needs_attention')).toBe(count(before, 'needs_attention') + 1);
    expect(after.total).toBe(before.total);
    cache.orders.setStatus(target.account_id, target.id, 'sent');
  });

  it('rejects malformed queries with a clear error', () => {
    expect(() => cache.queue.queryOrders({ now: 'soon' })).toThrow();
    expect(() => cache.queue.queryOrders({ now, limit: 0 })).toThrow();
    expect(() => cache.queue.queryOrders({ now, statuses: ['bogus' as OrderStatus] })).toThrow();
    expect(() =>
      cache.queue.queryOrders({
        now,
        sort: { column: 'raw_json' as QueueSortColumn, direction: 'asc' },
      }),
    ).toThrow();
  });
});

describe('facet counts on a shared file', () => {
  it('follow a write by this connection and a commit by another', () => {
    const dir = mkdtempSync(join(tmpdir(), 'queue-groups-'));
    const path = join(dir, 'cache.sqlite');
    const a = openWorkspaceCache(path);
    const b = openWorkspaceCache(path);
    try {
      const data = generateWorkspace({ orders: 60, accounts: 2, now: nowMs, seed: 3 });
      a.transaction(() => a.orders.upsertOrders(data.orders));
      const overdue = () => a.queue.facetCounts({ now }).overdue ?? 0;
      const before = overdue();
      expect(before).toBeGreaterThan(0);
      const target = a.queue.queryOrders({ now, overdue: true, limit: 2 }).rows;
      a.orders.setStatus(target[0]!.accountId, target[0]!.id, 'sent');
      expect(overdue()).toBe(before - 1);
      b.orders.setStatus(target[1]!.accountId, target[1]!.id, 'cancelled');
      expect(overdue()).toBe(before - 2);
      expect(a.queue.queryOrders({ now, overdue: true }).total).toBe(before - 2);
    } finally {
      b.close();
      a.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a search that matches more than SEARCH_COUNT_CAP orders', () => {
  let cache: WorkspaceCache;
  let rows: Row[];

  beforeAll(() => {
    cache = openWorkspaceCache(':memory:');
    // More orders than the hits a count reads in index order, so that every path is taken.
    const data = generateWorkspace({ orders: 5000, accounts: 3, now: nowMs, seed: 11 });
    cache.transaction(() => cache.orders.upsertOrders(data.orders));
    rows = cache.db.prepare('SELECT * FROM orders').all() as Row[];
  });
  afterAll(() => cache.close());

  /** The keys of the orders matching `f`, by due time. */
  const matching = (f: Omit<QueueFilters, 'now'>) =>
    rows
      .filter((r) => matchesQueueFilters(asFiltered(r), f, nowMs))
      .sort((a, b) => a.due_at - b.due_at || a.seq - b.seq)
      .map((r) => `${r.account_id}/${r.id}`);

  it('counts up to the cap, says when there are more, and pages the same rows', () => {
    const cases: Omit<QueueFilters, 'now'>[] = [
      { search: 'ord_' },
      { search: 'ORDER-001' },
      { search: 'ORDER-00' },
      { search: 'ord_', statuses: ['needs_attention'] },
      { search: 'ord_', accountIds: ['acct_2'] },
      { search: 'ord_', overdue: true, kind: 'assessment' },
      { search: 'ord_', dueWithin: 'today' },
      { search: 'ord_ an' },
      { search: 'ord_0001' },
    ];
    const sizes = new Set<string>();
    for (const f of cases) {
      const label = JSON.stringify(f);
      const want = matching(f);
      sizes.add(want.length > SEARCH_COUNT_CAP ? 'over' : 'under');
      const first = cache.queue.queryOrders({ ...f, now, limit: 50 });
      expect(first.total, label).toBe(Math.min(want.length, SEARCH_COUNT_CAP));
      expect(first.capped ?? false, label).toBe(want.length > SEARCH_COUNT_CAP);
      const key = (r: { accountId: string; id: string }) => `${r.accountId}/${r.id}`;
      expect(first.rows.map(key), label).toEqual(want.slice(0, 50));
      const last = first.rows.at(-1);
      if (last) {
        const after = { accountId: last.accountId, id: last.id };
        const next = cache.queue.queryOrders({ ...f, now, limit: 50, after });
        expect(next.rows.map(key), label).toEqual(want.slice(50, 100));
      }
      const jump = cache.queue.queryOrders({ ...f, now, limit: 50, offset: 500 });
      expect(jump.rows.map(key), label).toEqual(want.slice(500, 550));
    }
    expect([...sizes].sort()).toEqual(['over', 'under']);
  });

  it('probes a search that matches most orders per row of the sort walk on a first page', () => {
    const plan = cache.queue.explainPage({ now, search: 'ord_', limit: 50 }).join(' | ');
    // A probe looks one rowid up in the search index (`=`); a read of all hits has no rowid.
    expect(plan).toMatch(/USING COVERING INDEX orders_sort_due .*VIRTUAL TABLE INDEX 0:=M/);
    // A search with few hits reads them first.
    const few = cache.queue.explainPage({ now, search: 'ORDER-0012', limit: 50 }).join(' | ');
    expect(few).toMatch(/VIRTUAL TABLE INDEX 0:M/);
    // So does one whose many hits are one run of seqs (an order-number prefix): a probe that
    // misses would walk the index to the next hit.
    const run = cache.queue.explainPage({ now, search: 'ord_0001', limit: 50 }).join(' | ');
    expect(cache.queue.queryOrders({ now, search: 'ord_0001', limit: 1 }).capped).toBe(true);
    expect(run).toMatch(/VIRTUAL TABLE INDEX 0:M/);
  });

  it('reads the hits of a dense search whose hits cluster in the sort past the probed walk', () => {
    const dense = openWorkspaceCache(':memory:');
    try {
      // Two orders in three are Zoltan's: hits all over the seqs, but last in the candidate sort.
      const data = generateWorkspace({ orders: 3000, accounts: 2, now: nowMs, seed: 5 });
      const orders = data.orders.map((o, i) =>
        i % 3 === 0 ? o : { ...o, candidateName: `Zoltan Probe ${i}` },
      );
      dense.transaction(() => dense.orders.upsertOrders(orders));
      const query = { now, search: 'zoltan', limit: 50 } as const;
      expect(dense.queue.explainPage(query).join(' | ')).toMatch(/VIRTUAL TABLE INDEX 0:=M/);
      const sort = { column: 'candidate', direction: 'asc' } as const;
      const page = dense.queue.queryOrders({ ...query, sort });
      expect(page.capped).toBe(true);
      const want = dense.db
        .prepare(
          `SELECT id FROM orders WHERE candidate_name LIKE 'Zoltan%'
            ORDER BY candidate_sort, due_at, seq LIMIT 50`,
        )
        .pluck()
        .all();
      expect(page.rows.map((r) => r.id)).toEqual(want);
    } finally {
      dense.close();
    }
  });

  it('lists the chips without counts past the cap, and counts them exactly under it', () => {
    const capped = cache.queue.facetCounts({ now, search: 'ord_' });
    const unsearched = cache.queue.facetCounts({ now });
    expect(capped.capped).toBe(true);
    expect(capped.total).toBe(SEARCH_COUNT_CAP);
    expect(capped.overdue).toBeNull();
    expect(capped.statuses.map((s) => s.value)).toEqual(unsearched.statuses.map((s) => s.value));
    expect(capped.statuses.every((s) => s.count === null)).toBe(true);
    // The chips are counted under the search alone: a narrow status filter does not uncap them.
    expect(cache.queue.facetCounts({ now, search: 'ord_', statuses: ['sent'] }).capped).toBe(true);
    const exact = cache.queue.facetCounts({ now, search: 'ORDER-001' });
    expect(exact.capped).toBeUndefined();
    expect(exact.total).toBe(matching({ search: 'ORDER-001' }).length);
    expect(exact.statuses.reduce((n, s) => n + (s.count ?? 0), 0)).toBe(exact.total);
  });
});
