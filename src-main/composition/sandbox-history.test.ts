import { describe, expect, it } from 'vitest';
import type { QueuePage, QueueRow } from '../../src-shared/contract';
import { callOk, openTestDesk } from './testing/test-desk';

const LASTING_STATES = ['new', 'in_progress', 'draft', 'needs_attention', 'sent'];

describe('sandbox history', () => {
  it("a new Sandbox gets a coordinator's past: every lasting local state, overdue and due-soon orders", async () => {
    const testDesk = await openTestDesk({
      sync: {
        sandbox: {
          orders: 120,
          accounts: 3,
          orderIntervalMs: null,
          seed: 'history',
          history: true,
        },
      },
    });
    const { desk } = testDesk;
    try {
      const rows = async () =>
        (
          await callOk<QueuePage>(desk, 'orders:list', {
            now: new Date().toISOString(),
            limit: 500,
          })
        ).rows;
      // Played through the outbox: done once every state is there and nothing waits to go out.
      const settled = (list: QueueRow[]) =>
        LASTING_STATES.every((s) => list.some((r) => r.status === s)) &&
        !list.some((r) => r.status === 'queued' || r.status === 'sending');
      await new Promise<void>((resolve) => {
        const off = desk.subscribe((name) => {
          if (name !== 'data:changed') return;
          void rows().then((list) => {
            if (!settled(list)) return;
            off();
            resolve();
          });
        });
      });

      const now = Date.now();
      const list = await rows();
      expect(list).toHaveLength(120);
      expect(list.filter((r) => r.overdue).length).toBeGreaterThan(0);
      const soon = list.filter((r) => {
        const left = Date.parse(r.dueAt ?? '') - now;
        return r.status !== 'sent' && left > 0 && left <= 4 * 3_600_000;
      });
      expect(soon.length).toBeGreaterThan(0);
      // Package turnarounds differ: due minus received is not one figure.
      const turnarounds = new Set(
        list.map((r) => Date.parse(r.dueAt ?? '') - Date.parse(r.receivedAt)),
      );
      expect(turnarounds.size).toBeGreaterThan(2);
    } finally {
      await testDesk.close();
    }
  });
});
