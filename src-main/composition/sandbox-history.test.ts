import { describe, expect, it } from 'vitest';
import type { OutboxStatus, QueuePage, SyncStatus } from '../../src-shared/contract';
import { playSandboxHistory, type Invoke } from './sandbox-history';
import { callOk, openTestDesk } from './testing/test-desk';

describe('sandbox history', () => {
  it('leaves orders in every lasting local state, some overdue and some due within hours', async () => {
    const testDesk = await openTestDesk({
      sync: { sandbox: { orders: 120, accounts: 3, orderIntervalMs: null, seed: 'history' } },
    });
    const { desk } = testDesk;
    try {
      const synced = new Promise<void>((resolve) => {
        const off = desk.subscribe((name, payload) => {
          const s = payload as SyncStatus;
          if (name === 'sync:status-changed' && s.state === 'idle' && s.lastSuccessAt) {
            off();
            resolve();
          }
        });
      });
      await synced;
      const invoke: Invoke = (name, input) => callOk(desk, name, input);
      const now = new Date();
      const played = await playSandboxHistory(invoke, now);
      expect(played).toEqual({ orders: 120, failed: 0 });

      // Results go out through the outbox; wait until none is queued or on the wire.
      await new Promise<void>((resolve) => {
        const check = (s: OutboxStatus) => s.counts.queued + s.counts.sending === 0 && resolve();
        desk.subscribe(
          (name, payload) => name === 'outbox:changed' && check(payload as OutboxStatus),
        );
        void callOk<{ status: OutboxStatus }>(desk, 'outbox:list', { limit: 1 }).then((l) =>
          check(l.status),
        );
      });

      const page = await callOk<QueuePage>(desk, 'orders:list', {
        now: now.toISOString(),
        limit: 500,
      });
      const statuses = new Set(page.rows.map((r) => r.status));
      for (const s of ['new', 'in_progress', 'draft', 'needs_attention', 'sent'])
        expect(statuses).toContain(s);
      expect(page.rows.filter((r) => r.overdue).length).toBeGreaterThan(0);
      const soon = page.rows.filter((r) => {
        const left = Date.parse(r.dueAt ?? '') - now.getTime();
        return r.status !== 'sent' && left > 0 && left <= 4 * 3_600_000;
      });
      expect(soon.length).toBeGreaterThan(0);
      expect(
        new Set(page.rows.map((r) => Date.parse(r.dueAt ?? '') - Date.parse(r.receivedAt))).size,
      ).toBeGreaterThan(2);
    } finally {
      await testDesk.close();
    }
  });
});
