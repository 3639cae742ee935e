import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueuePage } from '../../../src-shared/contract';
import { openWorkspaceCache } from '../../cache';
import { generateWorkspace } from '../../cache/test-data';
import { createDesk } from '../create-desk';
import { createEphemeralCredentialStoreForTests } from '../credentials/memory-store';
import type { Desk } from '../desk';
import { silentLogger } from '../logging/logger';

describe('orders:list keyset paging over IPC', () => {
  let dir: string;
  let desk: Desk;
  const now = new Date().toISOString();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-orders-'));
    const cache = openWorkspaceCache(join(dir, 'workspaces', 'sandbox', 'cache.sqlite'));
    const data = generateWorkspace({ orders: 60, accounts: 2 });
    cache.transaction(() => {
      cache.accounts.upsertAccounts(data.accounts);
      cache.orders.upsertOrders(data.orders);
    });
    cache.close();
    desk = await createDesk({
      userDataDir: dir,
      credentialStore: createEphemeralCredentialStoreForTests(),
      runtime: 'test',
      version: '0.0.0-test',
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await desk.close();
    rmSync(dir, { recursive: true, force: true });
  });

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
