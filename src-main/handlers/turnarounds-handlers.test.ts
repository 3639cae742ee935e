import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandOutput, EventPayload, QueuePage } from '../../src-shared/contract';
import { generateWorkspace } from '../cache/testing/test-data';
import type { Desk } from '../composition/desk';
import { callOk as call, openTestDesk, type TestDesk } from '../composition/testing/test-desk';

const HOUR = 3_600_000;
const turnaroundOf = (o: { receivedAt: string; dueAt: string }) =>
  (Date.parse(o.dueAt) - Date.parse(o.receivedAt)) / HOUR;

describe('turnaround settings over IPC (due times of the active workspace)', () => {
  let testDesk: TestDesk;
  let desk: Desk;
  const changes: EventPayload<'data:changed'>[] = [];

  beforeAll(async () => {
    // The Sandbox workspace's cache, filled as a sync would leave it; its embedded services stay
    // off, so nothing but these commands writes to it.
    const data = generateWorkspace({ orders: 120, accounts: 3, packagesPerKind: 3 });
    testDesk = await openTestDesk({
      fill: (cache) => {
        cache.accounts.upsertAccounts(data.accounts);
        for (const p of data.packages) cache.packages.upsertPackages(p.kind, p.rows);
        cache.orders.upsertOrders(data.orders);
      },
    });
    desk = testDesk.desk;
    desk.subscribe((name, payload) => {
      if (name === 'data:changed') changes.push(payload as EventPayload<'data:changed'>);
    });
  });
  afterAll(() => testDesk.close());

  const orders = async () =>
    (
      await call<QueuePage>(desk, 'orders:list', {
        now: new Date().toISOString(),
        limit: 500,
      })
    ).rows;

  it('lists every package the orders use, named, with its order count, on the default', async () => {
    const all = await orders();
    const settings = await call<CommandOutput<'turnarounds:get'>>(desk, 'turnarounds:get', {});
    expect(settings.defaultHours).toBe(48);
    const used = new Set(all.filter((o) => o.packageId).map((o) => `${o.kind}/${o.packageId}`));
    const listed = new Map(settings.packages.map((p) => [`${p.kind}/${p.packageId}`, p]));
    for (const key of used) expect(listed.has(key)).toBe(true);
    for (const p of settings.packages) {
      expect(p.hours).toBeNull();
      expect(p.orders).toBe(
        all.filter((o) => o.kind === p.kind && o.packageId === p.packageId).length,
      );
    }
    expect(settings.packages.filter((p) => p.orders > 0).every((p) => p.name)).toBe(true);
    expect(all.every((o) => turnaroundOf(o) === 48)).toBe(true);
  });

  it("moves the due times of exactly one package's orders, then back to the default", async () => {
    const before = await orders();
    const target = before.find((o) => o.packageId !== null)!;
    const ofPackage = (o: (typeof before)[number]) =>
      o.kind === target.kind && o.packageId === target.packageId;
    changes.length = 0;

    const set = await call<{ ordersUpdated: number }>(desk, 'turnarounds:set-package', {
      kind: target.kind,
      packageId: target.packageId,
      hours: 6,
    });
    expect(set.ordersUpdated).toBe(before.filter(ofPackage).length);
    expect(changes).toEqual([{ workspaceId: 'sandbox', tables: ['orders'] }]);
    const after = await orders();
    for (const o of after) expect(turnaroundOf(o)).toBe(ofPackage(o) ? 6 : 48);

    // A new default moves every other order; the package keeps its own setting.
    const defaulted = await call<{ ordersUpdated: number }>(desk, 'turnarounds:set-default', {
      hours: 24,
    });
    expect(defaulted.ordersUpdated).toBe(after.filter((o) => !ofPackage(o)).length);
    for (const o of await orders()) expect(turnaroundOf(o)).toBe(ofPackage(o) ? 6 : 24);

    await call(desk, 'turnarounds:set-package', {
      kind: target.kind,
      packageId: target.packageId,
      hours: null,
    });
    for (const o of await orders()) expect(turnaroundOf(o)).toBe(24);
    const settings = await call<CommandOutput<'turnarounds:get'>>(desk, 'turnarounds:get', {});
    expect(settings.defaultHours).toBe(24);
    expect(settings.packages.every((p) => p.hours === null)).toBe(true);
  });

  it('refuses a turnaround of zero, a negative one or one over a year, and changes nothing', async () => {
    for (const hours of [0, -3, 9000]) {
      const result = await desk.invoke('turnarounds:set-default', { hours });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    const settings = await call<CommandOutput<'turnarounds:get'>>(desk, 'turnarounds:get', {});
    expect(settings.defaultHours).toBe(24);
  });
});
