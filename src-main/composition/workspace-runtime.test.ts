import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueuePage, SyncStatus } from '../../src-shared/contract';
import { createEphemeralCredentialStoreForTests } from '../credentials/memory-store';
import { openAppDatabase } from '../infra/app-db/app-database';
import type { SqliteDatabase } from '../infra/db/open-database';
import { EventBus } from '../infra/events/event-bus';
import { silentLogger } from '../infra/logging/logger';
import { WorkspaceRepository } from '../workspaces/workspace-repository';
import { WorkspaceService } from '../workspaces/workspace-service';
import type { Desk } from './desk';
import type { EmbeddedServices } from './embedded-services';
import { WorkspaceRuntime } from './workspace-runtime';
import { callOk as call, openTestDesk, type TestDesk } from './testing/test-desk';

function nextStatus(desk: Desk, done: (s: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const stop = desk.subscribe((name, payload) => {
      if (name === 'sync:status-changed' && done(payload as SyncStatus)) {
        stop();
        resolve(payload as SyncStatus);
      }
    });
  });
}

const clean = (id: string) => (s: SyncStatus) =>
  s.workspaceId === id && s.state === 'idle' && s.sources.every((x) => x.lastError === null);

describe('workspace runtime: the Sandbox workspace comes alive', () => {
  let testDesk: TestDesk;
  let desk: Desk;
  let firstSync: Promise<SyncStatus>;

  let services: EmbeddedServices | null = null;

  beforeAll(async () => {
    testDesk = await openTestDesk({
      sync: {
        sandbox: {
          orders: 60,
          accounts: 2,
          orderIntervalMs: null,
          onStarted: (s) => (services = s),
        },
      },
    });
    desk = testDesk.desk;
    firstSync = nextStatus(desk, clean('sandbox'));
  });
  afterAll(() => testDesk.close());

  it('starts the embedded sandbox and gateway and syncs their orders with customer names', async () => {
    await firstSync;
    const page = await call<QueuePage>(desk, 'orders:list', { now: new Date().toISOString() });
    expect(page.total).toBe(60);
    expect(new Set(page.rows.map((r) => r.accountName)).size).toBe(2);
    expect(page.rows.every((r) => r.accountProvider && r.candidateName)).toBe(true);
    const status = await call<SyncStatus>(desk, 'sync:get-status', {});
    expect(status).toMatchObject({ workspaceId: 'sandbox', state: 'idle', quarantined: 0 });
    expect(status.sources).toHaveLength(1 + 2 * 6);
    const candidates = await call<{ total: number }>(desk, 'candidates:list', { limit: 5 });
    expect(candidates.total).toBeGreaterThanOrEqual(20);
    const jobs = await call<{ rows: { title: string }[] }>(desk, 'jobs:list', { limit: 5 });
    const word = jobs.rows[0]!.title.split(' ')[0]!;
    const found = await call<{ total: number }>(desk, 'jobs:list', { search: word });
    expect(found.total).toBeGreaterThan(0);
  });

  it('answers "Test connection" for the Sandbox workspace from the embedded StackOne', async () => {
    const { checks } = await call<{ checks: { ok: boolean }[] }>(
      desk,
      'workspaces:test-connection',
      { workspaceId: 'sandbox' },
    );
    expect(checks).toHaveLength(2);
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('switches workspaces: a StackOne workspace without credentials says why it cannot sync', async () => {
    // A live order in the Sandbox before switching away: it must still be there on the way back.
    const synced = nextStatus(desk, clean('sandbox'));
    const live = services!.sandbox.inspect.createOrder({ kind: 'assessment' });
    await services!.sandbox.inspect.webhooks.idle();
    await call(desk, 'sync:run-now', {});
    await synced;
    const ws = await call<{ id: string }>(desk, 'workspaces:create', {
      name: 'No keys yet',
      gatewayUrl: 'https://gateway.example',
      linkedAccounts: [{ id: 'acc-x', label: 'Acme', provider: 'workday' }],
    });
    const errored = nextStatus(desk, (s) => s.workspaceId === ws.id && s.state === 'error');
    await call(desk, 'workspaces:activate', { id: ws.id });
    const status = await errored;
    expect(status.sources.find((s) => s.source === 'jobs')?.lastError).toMatch(
      /No StackOne API key/,
    );
    expect(status.sources.find((s) => s.source === 'orders')?.lastError).toMatch(/gateway token/);
    const page = await call<QueuePage>(desk, 'orders:list', { now: new Date().toISOString() });
    expect(page.total).toBe(0);
    expect(await call(desk, 'sync:run-now', {})).toEqual({ accepted: false });

    // Editing the running workspace's linked accounts restarts its sync on the new ones.
    const restarted = nextStatus(
      desk,
      (s) => s.workspaceId === ws.id && s.sources.some((x) => x.accountId === 'acc-y'),
    );
    await call(desk, 'workspaces:update', {
      id: ws.id,
      linkedAccounts: [{ id: 'acc-y', label: 'Beta', provider: 'lever' }],
    });
    const after = await restarted;
    expect(after.sources.some((x) => x.accountId === 'acc-x')).toBe(false);

    // Back to the Sandbox workspace: it continues where it was, its live order included.
    const again = nextStatus(desk, clean('sandbox'));
    await call(desk, 'workspaces:activate', { id: 'sandbox' });
    await again;
    const back = await call<QueuePage>(desk, 'orders:list', { now: new Date().toISOString() });
    expect(back.total).toBe(61);
    expect(services!.sandbox.inspect.orders().map((o) => o.id)).toContain(live.id);
    expect(
      await call(desk, 'orders:get', { accountId: live.account_id, id: live.id }),
    ).not.toBeNull();

    // A rename changes nothing the engine connects with: the same engine keeps running (a restart
    // would wipe the Sandbox cache and start from a status with no last success).
    const before = await call<SyncStatus>(desk, 'sync:get-status', {});
    expect(before.lastSuccessAt).not.toBeNull();
    await call(desk, 'workspaces:update', { id: 'sandbox', name: 'Sandbox (renamed)' });
    const renamed = await call<SyncStatus>(desk, 'sync:get-status', {});
    expect(renamed.lastSuccessAt).toBe(before.lastSuccessAt);
    expect(await call(desk, 'sync:run-now', {})).toEqual({ accepted: true });
  });
});

describe('workspace runtime: the Sandbox workspace is kept until reset', () => {
  it('continues after a restart with its orders and drafts; "Reset sandbox" starts a new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-kept-'));
    let services: EmbeddedServices | null = null;
    const sync = {
      sandbox: {
        orders: 20,
        accounts: 1,
        orderIntervalMs: null,
        onStarted: (s: EmbeddedServices) => (services = s),
      },
    };
    try {
      let testDesk = await openTestDesk({ dir, sync });
      let synced = nextStatus(testDesk.desk, clean('sandbox'));
      await synced;
      const live = services!.sandbox.inspect.createOrder({ kind: 'assessment' });
      await services!.sandbox.inspect.webhooks.idle();
      synced = nextStatus(testDesk.desk, clean('sandbox'));
      await call(testDesk.desk, 'sync:run-now', {});
      await synced;
      await call(testDesk.desk, 'results:save-draft', {
        accountId: live.account_id,
        orderId: live.id,
        values: { result: 'passed' },
      });
      await testDesk.close();

      testDesk = await openTestDesk({ dir, sync });
      const now = new Date().toISOString();
      const page = await call<QueuePage>(testDesk.desk, 'orders:list', { now });
      expect(page.total).toBe(21);
      const order = page.rows.find((r) => r.id === live.id);
      expect(order?.status).toBe('draft');
      expect(services!.sandbox.inspect.orders().map((o) => o.id)).toContain(live.id);

      synced = nextStatus(testDesk.desk, clean('sandbox'));
      await call(testDesk.desk, 'sync:reset-sandbox', { workspaceId: 'sandbox' });
      await synced;
      const fresh = await call<QueuePage>(testDesk.desk, 'orders:list', { now });
      expect(fresh.total).toBe(20);
      expect(fresh.rows.some((r) => r.status === 'draft')).toBe(false);
      await testDesk.close();

      // A saved state that cannot be read is not replaced silently: the status says what to do.
      writeFileSync(join(dir, 'workspaces', 'sandbox', 'sandbox', 'sandbox.json'), '{"version":');
      testDesk = await openTestDesk({ dir, sync });
      // run-now answers once the workspace's start settled.
      expect(await call(testDesk.desk, 'sync:run-now', {})).toEqual({ accepted: false });
      const status = await call<SyncStatus>(testDesk.desk, 'sync:get-status', {});
      expect(status.state).toBe('error');
      expect(status.sources[0]?.lastError).toMatch(
        /saved sandbox could not be read.*Reset sandbox/,
      );
      expect((await call<QueuePage>(testDesk.desk, 'orders:list', { now })).total).toBe(20);
      synced = nextStatus(testDesk.desk, clean('sandbox'));
      await call(testDesk.desk, 'sync:reset-sandbox', { workspaceId: 'sandbox' });
      await synced;
      await testDesk.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('workspace runtime without the embedded sandbox', () => {
  it('keeps the Sandbox workspace readable and says why it does not sync', async () => {
    const testDesk = await openTestDesk();
    const { desk } = testDesk;
    try {
      const status = await call<SyncStatus>(desk, 'sync:get-status', {});
      expect(status.state).toBe('error');
      expect(status.sources[0]?.lastError).toMatch(/embedded sandbox is turned off/);
      const page = await call<QueuePage>(desk, 'orders:list', { now: new Date().toISOString() });
      expect(page).toEqual({ rows: [], total: 0 });
      expect(await call(desk, 'quarantine:list', {})).toEqual({ rows: [], total: 0 });
      expect(await call(desk, 'orders:get', { accountId: 'a', id: 'b' })).toBeNull();
    } finally {
      await testDesk.close();
    }
  });
});

describe('workspace runtime: the active workspace clients a handler can reach', () => {
  let dir: string;
  let appDb: SqliteDatabase;
  let workspaces: WorkspaceService;
  let runtime: WorkspaceRuntime;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-runtime-'));
    appDb = openAppDatabase(dir);
    const bus = new EventBus(silentLogger);
    workspaces = new WorkspaceService(
      new WorkspaceRepository(appDb),
      createEphemeralCredentialStoreForTests(),
      bus,
      silentLogger,
    );
    workspaces.ensureDefaults();
    runtime = new WorkspaceRuntime({
      userDataDir: dir,
      resourcesDir: fileURLToPath(new URL('../../resources', import.meta.url)),
      workspaces,
      bus,
      logger: silentLogger,
      sync: { sandbox: { orders: 5, accounts: 1, orderIntervalMs: null }, intervalMs: 3_600_000 },
    });
    await runtime.start();
  });
  afterAll(async () => {
    await runtime.close();
    appDb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands out the Sandbox workspace StackOne and gateway clients', async () => {
    const endpoint = await runtime.embeddedEndpoint(workspaces.get('sandbox'));
    const accountId = endpoint!.accountIds[0]!;
    const stackone = await runtime.stackone(accountId);
    const firstPage = await stackone.listJobs({ pageSize: 1 }).next();
    expect(firstPage.done).toBe(false);
    const gateway = await runtime.gateway();
    const feed = await gateway.readFeed(null, { limit: 1 });
    expect(feed.events.length + feed.invalid.length).toBe(1);
  });

  it('says why a StackOne workspace without keys has no clients', async () => {
    const ws = workspaces.create({
      name: 'No keys',
      stackoneBaseUrl: 'https://api.stackone.com',
      gatewayUrl: 'https://gateway.example',
      linkedAccounts: [{ id: 'acc-x', label: 'Acme', provider: 'workday' }],
    });
    await runtime.activate(ws.id);
    await expect(runtime.stackone('acc-x')).rejects.toMatchObject({
      code: 'unreachable',
      message: expect.stringMatching(/No StackOne API key/),
    });
    await expect(runtime.gateway()).rejects.toMatchObject({
      code: 'unreachable',
      message: expect.stringMatching(/No gateway token/),
    });
  });
});
