import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_STATUSES, type OrderStatus } from '../order-status';
import { QUEUE_SORT_COLUMNS, type QueueQuery } from '../queue-query';
import { generateWorkspace } from '../testing/test-data';
import { openWorkspaceCache, type WorkspaceCache } from '../workspace-cache';

/**
 * Every shipped filter and sort must read the orders in index order: a "USE TEMP B-TREE" in a
 * non-search page plan means SQLite would sort the (up to 100k) matching rows for every page.
 */
describe('queue query plans', () => {
  let cache: WorkspaceCache;
  const now = '2026-06-01T12:00:00.000Z';
  beforeAll(() => {
    cache = openWorkspaceCache(':memory:');
    const data = generateWorkspace({ orders: 400, accounts: 3, now: Date.parse(now) });
    cache.transaction(() => {
      cache.orders.upsertOrders(data.orders);
      cache.accounts.upsertAccounts(data.accounts);
    });
    // Plans must not depend on statistics happening to favour them.
    cache.db.exec('ANALYZE');
  });
  afterAll(() => cache.close());

  const open: OrderStatus[] = [...OPEN_STATUSES];
  const filterCombos: Partial<QueueQuery>[] = [
    {},
    { kind: 'assessment' },
    { statuses: open },
    { statuses: ['needs_attention'] },
    { overdue: true },
    { overdue: false, statuses: ['new', 'sent'] },
    { accountIds: ['acct_0', 'acct_2'] },
    {
      kind: 'background_check',
      statuses: open,
      accountIds: ['acct_1'],
      packageIds: ['bgc_pkg_1', 'bgc_pkg_2'],
    },
    { overdue: true, kind: 'assessment', packageIds: ['asmt_pkg_0'] },
    { accountIds: ['acct_1'] },
    { accountIds: ['acct_2'], statuses: ['new', 'sent'], overdue: false },
  ];

  /**
   * The index range every arm of a page must read: with a customer filter, the sorts an
   * account-led index serves in order read one customer's entries (migrations 0003, 0004); every other
   * page walks a status-led sort index.
   */
  const expectedScan = (filters: Partial<QueueQuery>, column: string): RegExp => {
    if (filters.accountIds?.length) {
      if (['due_at', 'kind', 'status'].includes(column)) {
        return /^SEARCH orders USING COVERING INDEX orders_q_account_due \(account_id=\? AND status=\?/;
      }
      if (column === 'received_at') {
        return /^SEARCH orders USING COVERING INDEX orders_q_account_received \(account_id=\? AND status=\?/;
      }
      if (['candidate', 'job', 'package'].includes(column)) {
        return new RegExp(
          `^SEARCH orders USING COVERING INDEX orders_q_account_${column} \\(account_id=\\? AND status=\\?`,
        );
      }
      if (column === 'customer') {
        return /^SEARCH orders USING COVERING INDEX orders_q_customer \(status=\? AND account_sort=\?/;
      }
    }
    return /^SEARCH orders USING COVERING INDEX orders_q_(?!account_)\w+ \(status=\?/;
  };

  it('never sorts in a temp B-tree: every arm walks the sort column index', () => {
    for (const filters of filterCombos) {
      for (const column of QUEUE_SORT_COLUMNS) {
        for (const direction of ['asc', 'desc'] as const) {
          for (const offset of [0, 150]) {
            const { plan } = cache.queue.explainPage({
              ...filters,
              now,
              sort: { column, direction },
              offset,
              limit: 50,
            });
            const label = `${JSON.stringify(filters)} ${column} ${direction}\n${plan.join('\n')}`;
            expect(
              plan.some((d) => d.includes('TEMP B-TREE')),
              label,
            ).toBe(false);
            const scans = plan.filter((d) => /^(SCAN|SEARCH) /.test(d));
            expect(scans.length, label).toBeGreaterThan(0);
            expect(
              scans.every((d) => expectedScan(filters, column).test(d)),
              label,
            ).toBe(true);
          }
        }
      }
    }
  });

  it('keyset pages seek into the same indexes, still without a temp B-tree', () => {
    const rows = cache.db
      .prepare(
        `SELECT account_id AS accountId, id FROM orders
         WHERE candidate_sort IS NULL OR job_sort IS NOT NULL LIMIT 2`,
      )
      .all() as { accountId: string; id: string }[];
    for (const after of rows) {
      for (const filters of filterCombos) {
        for (const column of QUEUE_SORT_COLUMNS) {
          for (const direction of ['asc', 'desc'] as const) {
            const { plan } = cache.queue.explainPage({
              ...filters,
              now,
              sort: { column, direction },
              after,
              limit: 50,
            });
            const label = `${JSON.stringify(filters)} ${column} ${direction}\n${plan.join('\n')}`;
            expect(
              plan.some((d) => d.includes('TEMP B-TREE')),
              label,
            ).toBe(false);
            const scans = plan.filter((d) => /^(SCAN|SEARCH) /.test(d));
            expect(
              scans.every((d) => expectedScan(filters, column).test(d)),
              label,
            ).toBe(true);
          }
        }
      }
    }
  });

  it('falls back to the status-led arms when a customer filter would need too many arms', () => {
    cache.queue.maxAccountArms = 2;
    try {
      for (const column of QUEUE_SORT_COLUMNS) {
        const { plan } = cache.queue.explainPage({
          now,
          accountIds: ['acct_0', 'acct_1'],
          sort: { column, direction: 'desc' },
        });
        const scans = plan.filter((d) => /^(SCAN|SEARCH) /.test(d));
        expect(scans.length, column).toBeGreaterThan(2);
        expect(
          scans.every((d) => expectedScan({}, column).test(d)),
          `${column}\n${plan.join('\n')}`,
        ).toBe(true);
      }
    } finally {
      cache.queue.maxAccountArms = 64;
    }
  });

  it('plans a page no arm can match without reading any table', () => {
    const { sql, plan } = cache.queue.explainPage({ now, accountIds: ['no_such_account'] });
    expect(sql).not.toMatch(/\bFROM\b/);
    expect(plan.some((d) => /^(SCAN|SEARCH) /.test(d) && !d.includes('CONSTANT ROW'))).toBe(false);
  });

  it('reads a search from its hit table: walking the sort index, or an index of the sorted hits', () => {
    const searches: Partial<QueueQuery>[] = [
      { search: 'ann' },
      { search: 'ann', statuses: open },
      { search: 'an', overdue: true, accountIds: ['acct_1'] },
    ];
    for (const plan of ['walk', 'sort'] as const) {
      cache.queue.searchPlan = plan;
      try {
        for (const filters of searches) {
          for (const column of QUEUE_SORT_COLUMNS) {
            for (const direction of ['asc', 'desc'] as const) {
              const { plan: steps } = cache.queue.explainPage({
                ...filters,
                now,
                sort: { column, direction },
              });
              const label = `${plan} ${JSON.stringify(filters)} ${column}\n${steps.join('\n')}`;
              // The FTS query ran once, into the hit table; no page runs it again.
              expect(
                steps.some((d) => d.includes('orders_fts')),
                label,
              ).toBe(false);
              expect(
                steps.some((d) => d.startsWith('SCAN orders')),
                label,
              ).toBe(false);
              if (plan === 'walk') {
                expect(
                  steps.some((d) => d.includes('TEMP B-TREE')),
                  label,
                ).toBe(false);
                expect(
                  steps.some((d) => d.includes('ROWID SEARCH ON TABLE queue_search_hits')),
                  label,
                ).toBe(true);
              } else {
                // The passing hits, sorted once into their sort's table: its index is walked.
                expect(steps, label).toEqual([
                  `SCAN temp.queue_search_sorted_${column} USING COVERING INDEX queue_search_sorted_${column}_keys`,
                ]);
                // Inside a transaction (nothing kept, see SortedHits) the hits are sorted per page.
                const inTransaction = cache.transaction(() =>
                  cache.queue.explainPage({ ...filters, now, sort: { column, direction } }),
                ).plan;
                expect(inTransaction[0], label).toMatch(/^SCAN h\b/);
                expect(
                  inTransaction.some((d) => /^SEARCH [fo] USING /.test(d)),
                  label,
                ).toBe(true);
              }
            }
          }
        }
      } finally {
        cache.queue.searchPlan = 'auto';
      }
    }
  });
});
