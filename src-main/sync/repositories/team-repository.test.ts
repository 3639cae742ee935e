import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesQueueFilters } from '../../../src-shared/contract/queue-filter';
import { generateWorkspace } from '../../cache/testing/test-data';
import { openWorkspaceCache, type WorkspaceCache } from '../../cache/workspace-cache';

const nowMs = Date.parse('2026-06-01T12:00:00.000Z');
const now = new Date(nowMs).toISOString();
const hours = (h: number) => new Date(nowMs + h * 3_600_000).toISOString();
const DANA = { id: 'c-dana', name: 'Dana' };
const ELI = { id: 'c-eli', name: 'Eli' };

describe('team state in the cache', () => {
  let cache: WorkspaceCache;
  let orders: {
    accountId: string;
    id: string;
    kind: string;
    status: string;
    packageId: string | null;
    dueAt: number;
  }[];

  beforeAll(() => {
    cache = openWorkspaceCache(':memory:');
    const data = generateWorkspace({
      orders: 120,
      accounts: 2,
      packagesPerKind: 2,
      now: nowMs,
      seed: 3,
    });
    cache.transaction(() => cache.orders.upsertOrders(data.orders));
    orders = (
      cache.db
        .prepare('SELECT account_id, id, kind, status, package_id, due_at FROM orders')
        .all() as {
        account_id: string;
        id: string;
        kind: string;
        status: string;
        package_id: string | null;
        due_at: number;
      }[]
    ).map((r) => ({
      accountId: r.account_id,
      id: r.id,
      kind: r.kind,
      status: r.status,
      packageId: r.package_id,
      dueAt: r.due_at,
    }));
    const claim = (o: (typeof orders)[number], by: typeof DANA, expiresAt: string) => ({
      accountId: o.accountId,
      orderId: o.id,
      by,
      claimedAt: hours(-1),
      expiresAt,
    });
    cache.transaction(() => {
      // Dana: 10 live claims and one expired; Eli: 5, one of which Dana then releases (not hers).
      cache.team.apply({
        kind: 'claimed',
        claims: orders.slice(0, 10).map((o) => claim(o, DANA, hours(7))),
      });
      cache.team.apply({ kind: 'claimed', claims: [claim(orders[10]!, DANA, hours(-0.5))] });
      cache.team.apply({
        kind: 'claimed',
        claims: orders.slice(20, 25).map((o) => claim(o, ELI, hours(7))),
      });
      cache.team.apply({
        kind: 'released',
        orders: [{ accountId: orders[20]!.accountId, orderId: orders[20]!.id }],
        by: DANA,
      });
      // Dana releases one of hers.
      cache.team.apply({
        kind: 'released',
        orders: [{ accountId: orders[9]!.accountId, orderId: orders[9]!.id }],
        by: DANA,
      });
    });
  });
  afterAll(() => cache.close());

  const claimedBy = (o: { accountId: string; id: string }) =>
    cache.team.teamOf(o, nowMs)?.claim?.by.id ?? null;

  it.each([
    ['mine', 9],
    ['unclaimed', 120 - 9 - 5],
  ] as const)(
    'filters %s by the same meaning as the shared function, rows, totals and chips',
    (claim, count) => {
      const expected = orders.filter((o) =>
        matchesQueueFilters(
          { ...o, searchText: [], claimedBy: claimedBy(o) },
          { claim, me: DANA.id },
          nowMs,
        ),
      );
      expect(expected).toHaveLength(count);
      const page = cache.queue.queryOrders({ now, claim, me: DANA.id, limit: 1000 });
      expect(page.total).toBe(count);
      expect(page.rows.map((r) => r.id).sort()).toEqual(expected.map((o) => o.id).sort());
      const facets = cache.queue.facetCounts({ now, claim, me: DANA.id });
      expect(facets.total).toBe(count);
      expect(facets.statuses.reduce((n, s) => n + s.count, 0)).toBe(count);
      // With another filter on top, still the same meaning.
      const open = cache.queue.queryOrders({
        now,
        claim,
        me: DANA.id,
        statuses: ['new'],
        limit: 1000,
      });
      expect(open.total).toBe(expected.filter((o) => o.status === 'new').length);
    },
  );

  it('"mine" without a coordinator matches nothing', () => {
    expect(cache.queue.queryOrders({ now, claim: 'mine' }).total).toBe(0);
  });

  it('shows the claim on the queue row and the order page; an expired claim is none', () => {
    const page = cache.queue.queryOrders({ now, claim: 'mine', me: DANA.id, limit: 1 });
    expect(page.rows[0]?.team?.claim?.by.name).toBe('Dana');
    expect(cache.team.teamOf(orders[10]!, nowMs)).toBeUndefined();
  });

  it('reports: Sent by the latest, a conflict when two coordinators sent, once per report id', () => {
    const o = orders[50]!;
    const report = (reportId: string, by: typeof DANA | null, at: string) =>
      cache.team.apply({
        kind: 'reported',
        reportId,
        accountId: o.accountId,
        orderId: o.id,
        outcome: 'sent',
        result: 'passed',
        by,
        at,
      });
    expect(report('j1:sent', DANA, hours(-2))).toBe(1);
    expect(report('j1:sent', DANA, hours(-2))).toBe(0);
    expect(cache.team.teamOf(o, nowMs)).toEqual({
      claim: null,
      report: { outcome: 'sent', result: 'passed', by: 'Dana', at: hours(-2) },
      conflict: [],
    });
    report('j9:sent', ELI, hours(-1));
    const team = cache.team.teamOf(o, nowMs)!;
    expect(team.report?.by).toBe('Eli');
    expect(team.conflict).toEqual(['Dana', 'Eli']);
  });
});
