import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderInput } from './types';
import { openWorkspaceCache, type WorkspaceCache } from './workspace-cache';

const received = '2026-05-01T10:00:00.000Z';
const hoursLater = (h: number) => new Date(Date.parse(received) + h * 3_600_000).toISOString();

function order(id: string, extra: Partial<OrderInput> = {}): OrderInput {
  return {
    accountId: 'acct_1',
    id,
    kind: 'assessment',
    receivedAt: received,
    eventId: id,
    packageId: 'pkg_1',
    candidateId: null,
    applicationId: null,
    jobId: null,
    rawEvent: {},
    updatedAt: '1',
    ...extra,
  };
}

describe('due times', () => {
  let cache: WorkspaceCache;
  const due = (id: string, accountId = 'acct_1') => cache.getOrder(accountId, id)!.dueAt;
  beforeEach(() => {
    cache = openWorkspaceCache(':memory:');
  });
  afterEach(() => cache.close());

  it('uses the workspace default (48 h) when the package has no setting', () => {
    expect(cache.turnarounds.defaultHours()).toBe(48);
    cache.orders.upsertOrders([order('o1'), order('o2', { packageId: null })]);
    expect(due('o1')).toBe(hoursLater(48));
    expect(due('o2')).toBe(hoursLater(48));
  });

  it('uses the package setting: exact account first, then all accounts', () => {
    cache.turnarounds.setPackageHours('assessment', '*', 'pkg_1', 24);
    cache.turnarounds.setPackageHours('assessment', 'acct_2', 'pkg_1', 12);
    cache.orders.upsertOrders([
      order('o1'),
      order('o1', { accountId: 'acct_2' }),
      order('o3', { kind: 'background_check' }),
      order('o4', { packageId: 'pkg_2' }),
    ]);
    expect(due('o1')).toBe(hoursLater(24));
    expect(due('o1', 'acct_2')).toBe(hoursLater(12));
    expect(due('o3')).toBe(hoursLater(48));
    expect(due('o4')).toBe(hoursLater(48));
  });

  it('recomputes exactly the affected orders when a turnaround changes', () => {
    cache.orders.upsertOrders([
      order('o1'),
      order('o2', { packageId: 'pkg_2' }),
      order('o1', { accountId: 'acct_2' }),
    ]);
    expect(cache.turnarounds.setPackageHours('assessment', 'acct_1', 'pkg_1', 2.5)).toBe(1);
    expect(due('o1')).toBe(hoursLater(2.5));
    expect(due('o1', 'acct_2')).toBe(hoursLater(48));
    expect(cache.turnarounds.setPackageHours('assessment', '*', 'pkg_1', 72)).toBe(1);
    expect(due('o1')).toBe(hoursLater(2.5));
    expect(due('o1', 'acct_2')).toBe(hoursLater(72));
    expect(cache.turnarounds.setDefaultHours(24)).toBe(1);
    expect(due('o2')).toBe(hoursLater(24));
    expect(cache.turnarounds.setPackageHours('assessment', 'acct_1', 'pkg_1', null)).toBe(1);
    expect(due('o1')).toBe(hoursLater(72));
    expect(cache.turnarounds.list()).toEqual([
      { kind: 'assessment', accountId: '*', packageId: 'pkg_1', hours: 72 },
    ]);
  });

  it('recomputes when a redelivered event moves the order to another package', () => {
    cache.turnarounds.setPackageHours('assessment', '*', 'pkg_2', 6);
    cache.orders.upsertOrders([order('o1')]);
    cache.orders.upsertOrders([order('o1', { packageId: 'pkg_2', updatedAt: '2' })]);
    expect(due('o1')).toBe(hoursLater(6));
  });

  it('refuses a turnaround that is not a positive number of hours', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e6]) {
      expect(() => cache.turnarounds.setPackageHours('assessment', '*', 'pkg_1', bad)).toThrow(
        RangeError,
      );
      expect(() => cache.turnarounds.setDefaultHours(bad)).toThrow(RangeError);
    }
  });
});
