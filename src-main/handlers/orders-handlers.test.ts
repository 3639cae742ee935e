import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueuePage } from '../../src-shared/contract';
import { generateWorkspace } from '../cache/testing/test-data';
import type { Desk } from '../composition/desk';
import { openTestDesk, type TestDesk } from '../composition/testing/test-desk';

describe('orders:list keyset paging over IPC', () => {
  let testDesk: TestDesk;
  let desk: Desk;
  const now = new Date().toISOString();

  beforeAll(async () => {
    const data = generateWorkspace({ orders: 60, accounts: 2 });
    testDesk = await openTestDesk({
      fill: (cache) => {
        cache.accounts.upsertAccounts(data.accounts);
        cache.orders.upsertOrders(data.orders);
      },
    });
    desk = testDesk.desk;
  });
  afterAll(() => testDesk.close());

  it('continues after a row like offset paging does', async () => {
    const all = await desk.invoke('orders:list', { now, limit: 60 });
    const first = await desk.invoke('orders:list', { now, limit: 20 });
    if (!all.ok || !first.ok) throw new Error('orders:list failed');
    const last = (first.value as QueuePage).rows.at(-1)!;
    const next = await desk.invoke('orders:list', {
      now,
      limit: 20,
      after: { accountId: last.accountId, id: last.id },
    });
    expect(next.ok && (next.value as QueuePage).rows.map((r) => r.id)).toEqual(
      (all.value as QueuePage).rows.slice(20, 40).map((r) => r.id),
    );
  });

  it('answers a cursor that is not in the cache with not_found (the renderer falls back)', async () => {
    const result = await desk.invoke('orders:list', {
      now,
      after: { accountId: 'nobody', id: 'gone' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
